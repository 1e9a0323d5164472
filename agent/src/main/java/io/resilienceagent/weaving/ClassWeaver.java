package io.resilienceagent.weaving;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Reads a class file's methods, and rewrites chosen ones with a {@link MethodWeaver} each. A method
 * that cannot be woven safely (its code would grow past the JVM's limit, its bytecode cannot be
 * analysed, or the woven code fails {@link WovenCodeCheck}) is left as it was, and the class's other
 * methods are woven all the same.
 */
final class ClassWeaver {
    private static final int JAVA_5 = 49;
    private static final int JAVA_6 = 50;

    /**
     * What weaving a class gave.
     *
     * @param classFile the rewritten class file; null when no method could be woven
     * @param skipped the methods left as they were (name and descriptor), each with why
     */
    record Result(byte[] classFile, Map<String, String> skipped) {
    }

    private ClassWeaver() {
    }

    /**
     * Rewrites the methods named in {@code ids} (by name and descriptor).
     *
     * @param ids each method's id for the {@code Dispatcher}
     */
    static Result weave(byte[] classFile, Map<String, Integer> ids) {
        return weave(classFile, ids, Set.of());
    }

    /**
     * Rewrites the methods named in {@code ids}; those in {@code async} are woven as async methods (see
     * {@link MethodWeaver}).
     */
    static Result weave(byte[] classFile, Map<String, Integer> ids, Set<String> async) {
        Map<String, Integer> remaining = new HashMap<>(ids);
        Map<String, String> skipped = new LinkedHashMap<>();
        while (!remaining.isEmpty()) {
            byte[] woven;
            try {
                woven = weaveOnce(classFile, remaining, async, skipped);
            } catch (MethodTooLargeException e) {
                String key = e.getMethodName() + e.getDescriptor();
                if (remaining.remove(key) == null) {
                    throw e;
                }
                skipped.put(key, "its code would exceed the JVM's limit of 65535 bytes once woven");
                continue;
            }
            if (remaining.isEmpty()) {
                break;
            }
            Map<String, String> failures = WovenCodeCheck.failures(woven, remaining.keySet());
            if (failures.isEmpty()) {
                return new Result(woven, skipped);
            }
            for (Map.Entry<String, String> failure : failures.entrySet()) {
                remaining.remove(failure.getKey());
                skipped.put(failure.getKey(), "the woven code failed the weaver's check: " + failure.getValue());
            }
        }
        return new Result(null, skipped);
    }

    /** One pass over the class; a method whose bytecode cannot be analysed moves from {@code remaining} to {@code skipped}. */
    private static byte[] weaveOnce(byte[] classFile, Map<String, Integer> remaining, Set<String> async,
            Map<String, String> skipped) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;
            private int version;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                this.owner = name;
                this.version = version & 0xFFFF;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                Integer id = remaining.get(name + descriptor);
                if (id == null) {
                    return target;
                }
                return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
                    @Override
                    public void visitEnd() {
                        if (!WovenLocals.fitIn(owner, this)) {
                            remaining.remove(name + descriptor);
                            skipped.put(name + descriptor, "its local variables would exceed the JVM's limit of "
                                    + WovenLocals.MAX_SLOTS + " slots once woven");
                            accept(target);
                            return;
                        }
                        int[][] beneath;
                        try {
                            beneath = ReturnStacks.valuesBeneath(owner, this);
                        } catch (AnalyzerException | RuntimeException e) {
                            remaining.remove(name + descriptor);
                            skipped.put(name + descriptor, "its bytecode cannot be analysed: " + e.getMessage());
                            accept(target);
                            return;
                        }
                        accept(new MethodWeaver(target, id, owner, this, beneath, version >= JAVA_5, version >= JAVA_6,
                                async.contains(name + descriptor)));
                    }
                };
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }
}
