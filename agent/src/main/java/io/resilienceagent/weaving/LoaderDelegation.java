package io.resilienceagent.weaving;

import io.resilienceagent.log.AgentLog;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

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
    private static final String CLASS_NOT_FOUND = "java/lang/ClassNotFoundException";

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
                return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
                    @Override
                    public void visitEnd() {
                        delegateAtStart(this, frames ? new WovenLocals(internalName, this).entryFrame() : null);
                        accept(target);
                    }
                };
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

    /**
     * Puts the delegation before {@code method}'s own code. The original code then starts at a jump
     * target, which needs a stack-map frame ({@code entryFrame}, the method's entry state; null for a class
     * file without frames), unless the original code declares one at its first instruction itself (a
     * loop back to it).
     */
    private static void delegateAtStart(MethodNode method, Object[] entryFrame) {
        LabelNode boot = new LabelNode();
        LabelNode original = new LabelNode();
        LabelNode lookup = new LabelNode();
        LabelNode looked = new LabelNode();
        LabelNode notFound = new LabelNode();
        boolean declaresStartFrame = startsWithFrame(method.instructions);
        InsnList start = new InsnList();
        start.add(new VarInsnNode(Opcodes.ALOAD, 1));
        start.add(new JumpInsnNode(Opcodes.IFNULL, original)); // the loader's own answer to a null name
        start.add(new VarInsnNode(Opcodes.ALOAD, 1));
        start.add(new LdcInsnNode(BOOTSTRAP_PACKAGE));
        start.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/String", "startsWith", "(Ljava/lang/String;)Z", false));
        start.add(new JumpInsnNode(Opcodes.IFNE, boot));
        start.add(new VarInsnNode(Opcodes.ALOAD, 1));
        start.add(new LdcInsnNode(OPEN_EXCEPTION));
        start.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/String", "equals", "(Ljava/lang/Object;)Z", false));
        start.add(new JumpInsnNode(Opcodes.IFEQ, original));
        start.add(boot);
        addFrame(start, entryFrame);
        // through the loader class's own loader (a parent-first one, which reaches the boot class loader):
        // unlike a lookup in the boot class loader by name, it needs no permission under a security manager
        start.add(lookup);
        start.add(new VarInsnNode(Opcodes.ALOAD, 1));
        start.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Class", "forName", "(Ljava/lang/String;)Ljava/lang/Class;", false));
        start.add(looked);
        start.add(new InsnNode(Opcodes.ARETURN));
        // a loader class defined by a loader that keeps such names from it (a framework embedded in a
        // filtering host): the boot class loader by name
        start.add(notFound);
        addFrame(start, entryFrame, CLASS_NOT_FOUND);
        start.add(new InsnNode(Opcodes.POP));
        start.add(new VarInsnNode(Opcodes.ALOAD, 1));
        start.add(new InsnNode(Opcodes.ICONST_0));
        start.add(new InsnNode(Opcodes.ACONST_NULL));
        start.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
                "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;", false));
        start.add(new InsnNode(Opcodes.ARETURN));
        start.add(original);
        if (!declaresStartFrame) {
            addFrame(start, entryFrame);
        }
        method.instructions.insert(start);
        method.tryCatchBlocks.add(0, new TryCatchBlockNode(lookup, looked, notFound, CLASS_NOT_FOUND));
    }

    /** Whether a stack-map frame comes before the first instruction of {@code code}. */
    private static boolean startsWithFrame(InsnList code) {
        for (AbstractInsnNode node = code.getFirst(); node != null; node = node.getNext()) {
            if (node instanceof FrameNode) {
                return true;
            }
            if (node.getOpcode() >= 0) {
                return false;
            }
        }
        return false;
    }

    /** An expanded frame of {@code entryFrame}'s locals and {@code stack}, where the class file has frames. */
    private static void addFrame(InsnList code, Object[] entryFrame, Object... stack) {
        if (entryFrame != null) {
            code.add(new FrameNode(Opcodes.F_NEW, entryFrame.length, entryFrame, stack.length, stack));
        }
    }
}
