package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The module systems' class loaders, woven to take the agent's bootstrap classes from the boot class
 * loader: only the agent's names are taken there, everything else goes through the loader's own code,
 * and the woven method verifies whether or not the original code starts at a jump target and whatever
 * the class file's version.
 */
class LoaderDelegationTest {
    private static final String JBOSS = "org/jboss/modules/ConcurrentClassLoader";
    private static final String FELIX = "org/apache/felix/framework/BundleWiringImpl$BundleClassLoader";

    @Test
    void onlyTheNamedLoaderClassesAreWoven() {
        assertThat(LoaderDelegation.isLoader(JBOSS)).isTrue();
        assertThat(LoaderDelegation.isLoader(FELIX)).isTrue();
        assertThat(LoaderDelegation.isLoader("org/eclipse/osgi/internal/loader/ModuleClassLoader")).isTrue();
        assertThat(LoaderDelegation.isLoaderClass("org.apache.felix.framework.BundleWiringImpl$BundleClassLoader")).isTrue();
        assertThat(LoaderDelegation.isLoader("org/jboss/modules/ModuleClassLoader")).isFalse();
        assertThat(LoaderDelegation.isLoader("com/example/ConcurrentClassLoader")).isFalse();
        assertThat(LoaderDelegation.isLoader("org/jboss/modules/Module")).isFalse();
    }

    @Test
    void theAgentsNamesComeFromTheBootLoaderAndOthersFromTheLoadersOwnCodeWhenItStartsAtAJumpTarget() throws Exception {
        assertDelegates(loopingLoader(Opcodes.V11, true));
    }

    @Test
    void aClassFileWithoutStackMapFramesIsWovenWithoutThem() throws Exception {
        assertDelegates(loopingLoader(Opcodes.V1_5, false));
    }

    @Test
    void aLoaderClassWhoseOwnLoaderDoesNotSeeTheAgentsClassesLooksThemUpInTheBootLoader() throws Exception {
        byte[] woven = LoaderDelegation.delegating(JBOSS, loopingLoader(Opcodes.V11, true));
        // defined by a loader whose parent, the platform loader, does not see this test's classes
        Class<?> type = new WovenClassLoader(Map.of(JBOSS.replace('/', '.'), woven), ClassLoader.getPlatformClassLoader())
                .loadClass(JBOSS.replace('/', '.'));
        Method load = type.getDeclaredMethod("performLoadClass", String.class, boolean.class, boolean.class);
        load.setAccessible(true);

        // nor does the boot class loader in this test's JVM: the second lookup's answer, through the handler
        assertThatThrownBy(() -> {
            try {
                load.invoke(type.getConstructor().newInstance(), "io.resilienceagent.bootstrap.Dispatcher", false, false);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }).isInstanceOf(ClassNotFoundException.class).hasMessageContaining("Dispatcher");
    }

    @Test
    void aLoaderClassWithoutTheMethodIsLeftAsItIs() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, FELIX, null, "java/lang/ClassLoader", null);
        cw.visitEnd();

        assertThat(LoaderDelegation.delegating(FELIX, cw.toByteArray())).isNull();
    }

    private static void assertDelegates(byte[] original) throws Exception {
        byte[] woven = LoaderDelegation.delegating(JBOSS, original);
        assertThat(woven).isNotNull();
        assertThat(WovenCodeCheck.failures(woven, Set.of("performLoadClass(Ljava/lang/String;ZZ)Ljava/lang/Class;"))).isEmpty();
        Class<?> type = new WovenClassLoader(Map.of(JBOSS.replace('/', '.'), woven), LoaderDelegationTest.class.getClassLoader())
                .loadClass(JBOSS.replace('.', '/').replace('/', '.'));
        Object loader = type.getConstructor().newInstance();
        Method load = type.getDeclaredMethod("performLoadClass", String.class, boolean.class, boolean.class);
        load.setAccessible(true);

        assertThat(load.invoke(loader, "com.example.Other", false, false)).as("the loader's own code: its answer").isEqualTo(String.class);
        assertThat(load.invoke(loader, "java.lang.Integer", false, false)).isEqualTo(String.class);
        // through the loader class's own loader, here the test's (in an application, it reaches the boot class loader)
        assertThat(load.invoke(loader, "io.resilienceagent.bootstrap.Dispatcher", false, false))
                .isEqualTo(io.resilienceagent.bootstrap.Dispatcher.class);
        assertThat(load.invoke(loader, "io.resilienceagent.CircuitBreakerOpenException", false, false))
                .isEqualTo(io.resilienceagent.CircuitBreakerOpenException.class);
        assertThat(load.invoke(loader, "io.resilienceagent.CircuitBreakerOpenExceptions", false, false)).isEqualTo(String.class);
        assertThat(load.invoke(loader, "io.resilienceagent.policy.ServiceGuard", false, false)).isEqualTo(String.class);
        assertThat(load.invoke(loader, null, false, false)).as("a null name: the loader's own answer").isEqualTo(String.class);
    }

    /**
     * A loader class named as JBoss Modules' whose {@code private Class performLoadClass(String, boolean, boolean)}
     * starts with a loop back to its first instruction (while its first boolean is true), then answers
     * {@code String.class} for any name.
     */
    private static byte[] loopingLoader(int version, boolean frames) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC, JBOSS, null, "java/lang/ClassLoader", null);
        GeneratedClasses.defaultConstructor(cw, "java/lang/ClassLoader");
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PRIVATE, "performLoadClass", "(Ljava/lang/String;ZZ)Ljava/lang/Class;",
                null, null);
        mv.visitCode();
        Label top = new Label();
        Label done = new Label();
        mv.visitLabel(top);
        if (frames) {
            mv.visitFrame(Opcodes.F_NEW, 4, new Object[] {JBOSS, "java/lang/String", Opcodes.INTEGER, Opcodes.INTEGER}, 0, null);
        }
        mv.visitVarInsn(Opcodes.ILOAD, 2);
        mv.visitJumpInsn(Opcodes.IFEQ, done);
        mv.visitJumpInsn(Opcodes.GOTO, top);
        mv.visitLabel(done);
        if (frames) {
            mv.visitFrame(Opcodes.F_NEW, 4, new Object[] {JBOSS, "java/lang/String", Opcodes.INTEGER, Opcodes.INTEGER}, 0, null);
        }
        mv.visitLdcInsn(org.objectweb.asm.Type.getObjectType("java/lang/String"));
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
