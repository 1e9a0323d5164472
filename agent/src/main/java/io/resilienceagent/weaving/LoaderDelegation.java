package io.resilienceagent.weaving;

import io.resilienceagent.log.AgentLog;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Makes the class loaders of module systems take the agent's bootstrap classes from the boot class
 * loader, so that woven code in an OSGi bundle or a JBoss module links. Those loaders delegate to the
 * boot class loader only {@code java.*} and the packages their framework's configuration lists
 * ({@code org.osgi.framework.bootdelegation}, {@code jboss.modules.system.pkgs}), which an application
 * that embeds the framework passes in a map of its own, where no system property set by the agent
 * reaches. So the method every class load of such a loader goes through starts, once woven, with
 *
 * <pre>
 * if (name != null && (name.startsWith("io.resilienceagent.bootstrap.") || name.equals("io.resilienceagent.CircuitBreakerOpenException")))
 *     try {
 *         return Class.forName(name); // through the loader class's own class loader, which asks the boot class loader first
 *     } catch (ClassNotFoundException e) {
 *         return Class.forName(name, false, null);
 *     }
 * </pre>
 *
 * which references nothing but {@code java.lang}. The loaders: Eclipse Equinox's
 * {@code ModuleClassLoader} (3.10 and later: Eclipse, Karaf with Equinox, Liferay), Apache Felix's
 * {@code BundleClassLoader} (4 and later: Karaf, GlassFish, Jira and Confluence's plugins), JBoss Modules'
 * {@code ConcurrentClassLoader} (1.5 and later: WildFly, JBoss EAP). A loader class that has no such method
 * is left as it is, with one WARN line; the classes of any loader that does not see the agent's classes
 * stay unwoven ({@link BootstrapVisibility}).
 */
final class LoaderDelegation {
    /** The loader classes, each with the method (name and descriptor) whose first argument is the class's name. */
    private static final Map<String, String> LOAD_METHODS = Map.of(
            "org/eclipse/osgi/internal/loader/ModuleClassLoader", "loadClass(Ljava/lang/String;Z)Ljava/lang/Class;",
            "org/apache/felix/framework/BundleWiringImpl$BundleClassLoader", "loadClass(Ljava/lang/String;Z)Ljava/lang/Class;",
            "org/jboss/modules/ConcurrentClassLoader", "performLoadClass(Ljava/lang/String;ZZ)Ljava/lang/Class;");
    private static final String BOOTSTRAP_PACKAGE = "io.resilienceagent.bootstrap.";
    private static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";
    private static final int JAVA_6 = 50;

    private LoaderDelegation() {
    }

    /** Whether {@code internalName} is one of the loader classes; most names are told apart by their ending alone. */
    static boolean isLoader(String internalName) {
        return internalName.endsWith("ClassLoader") && LOAD_METHODS.containsKey(internalName);
    }

    /** {@link #isLoader} for a loaded class's binary name. */
    static boolean isLoaderClass(String binaryName) {
        return binaryName.endsWith("ClassLoader") && LOAD_METHODS.containsKey(binaryName.replace('.', '/'));
    }

    /** The class file of the loader class {@code internalName} with its load method delegating; null to leave it as it is. */
    static byte[] delegating(String internalName, byte[] classFile) {
        String method = LOAD_METHODS.get(internalName);
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] found = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private boolean frames;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                frames = (version & 0xFFFF) >= JAVA_6;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!method.equals(name + descriptor) || (access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return target;
                }
                found[0] = true;
                return new DelegatingStart(target, frames ? entryLocals(internalName, descriptor) : null);
            }
        }, ClassReader.EXPAND_FRAMES);
        String className = internalName.replace('/', '.');
        if (!found[0]) {
            AgentLog.warn("Class loader " + className + " has no method " + method + " (another version of its framework): "
                    + "woven methods of classes it loads run unprotected unless its framework delegates "
                    + BOOTSTRAP_PACKAGE.substring(0, BOOTSTRAP_PACKAGE.length() - 1) + " to the boot class loader");
            return null;
        }
        byte[] woven = writer.toByteArray();
        Map<String, String> failures = WovenCodeCheck.failures(woven, Set.of(method));
        if (!failures.isEmpty()) {
            AgentLog.warn("Could not make class loader " + className + " delegate the agent's classes, the methods of "
                    + "classes it loads run unprotected: " + failures.get(method));
            return null;
        }
        AgentLog.debug("Class loader " + className + " takes the agent's bootstrap classes from the boot class loader");
        return woven;
    }

    /** The locals on entry to an instance method of {@code owner} with {@code descriptor}, as an expanded frame lists them. */
    private static Object[] entryLocals(String owner, String descriptor) {
        Type[] arguments = Type.getArgumentTypes(descriptor);
        Object[] locals = new Object[arguments.length + 1];
        locals[0] = owner;
        for (int i = 0; i < arguments.length; i++) {
            locals[i + 1] = switch (arguments[i].getSort()) {
                case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                case Type.FLOAT -> Opcodes.FLOAT;
                case Type.LONG -> Opcodes.LONG;
                case Type.DOUBLE -> Opcodes.DOUBLE;
                default -> arguments[i].getInternalName();
            };
        }
        return locals;
    }

    /**
     * Writes the delegation before the method's own code. The original code then starts at a jump target,
     * which needs a stack-map frame (the method's entry state); if the original code declares one at its
     * first instruction itself (a loop back to it), that one is kept instead of writing a second.
     */
    private static final class DelegatingStart extends MethodVisitor {
        private final Object[] entryLocals;
        private boolean framePending;

        DelegatingStart(MethodVisitor target, Object[] entryLocals) {
            super(Opcodes.ASM9, target);
            this.entryLocals = entryLocals;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label boot = new Label();
            Label original = new Label();
            Label lookup = new Label();
            Label looked = new Label();
            Label notFound = new Label();
            super.visitTryCatchBlock(lookup, looked, notFound, "java/lang/ClassNotFoundException");
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitJumpInsn(Opcodes.IFNULL, original); // the loader's own answer to a null name
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitLdcInsn(BOOTSTRAP_PACKAGE);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "startsWith", "(Ljava/lang/String;)Z", false);
            super.visitJumpInsn(Opcodes.IFNE, boot);
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitLdcInsn(OPEN_EXCEPTION);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "equals", "(Ljava/lang/Object;)Z", false);
            super.visitJumpInsn(Opcodes.IFEQ, original);
            super.visitLabel(boot);
            entryFrame();
            // through the loader class's own loader (a parent-first one, which reaches the boot class loader):
            // unlike a lookup in the boot class loader by name, it needs no permission under a security manager
            super.visitLabel(lookup);
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName", "(Ljava/lang/String;)Ljava/lang/Class;", false);
            super.visitLabel(looked);
            super.visitInsn(Opcodes.ARETURN);
            // a loader class defined by a loader that keeps such names from it (a framework embedded in a
            // filtering host): the boot class loader by name
            super.visitLabel(notFound);
            if (entryLocals != null) {
                super.visitFrame(Opcodes.F_NEW, entryLocals.length, entryLocals.clone(), 1,
                        new Object[] {"java/lang/ClassNotFoundException"});
            }
            super.visitInsn(Opcodes.POP);
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitInsn(Opcodes.ICONST_0);
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
                    "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;", false);
            super.visitInsn(Opcodes.ARETURN);
            super.visitLabel(original);
            framePending = entryLocals != null;
        }

        private void entryFrame() {
            if (entryLocals != null) {
                super.visitFrame(Opcodes.F_NEW, entryLocals.length, entryLocals.clone(), 0, new Object[0]);
            }
        }

        /** Before the original code's first instruction: the entry frame, unless the original code declared its own. */
        private void beforeInstruction() {
            if (framePending) {
                framePending = false;
                entryFrame();
            }
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            framePending = false;
            super.visitFrame(type, numLocal, local, numStack, stack);
        }

        @Override
        public void visitInsn(int opcode) {
            beforeInstruction();
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            beforeInstruction();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            beforeInstruction();
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            beforeInstruction();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            beforeInstruction();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            beforeInstruction();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            beforeInstruction();
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            beforeInstruction();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            beforeInstruction();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            beforeInstruction();
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            beforeInstruction();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            beforeInstruction();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            beforeInstruction();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }
    }
}
