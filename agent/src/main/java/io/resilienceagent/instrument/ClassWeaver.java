package io.resilienceagent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Reads a class file's methods, and rewrites chosen ones with a {@link MethodWeaver} each. */
final class ClassWeaver {
    private static final int JAVA_6 = 50;

    private ClassWeaver() {
    }

    /** The declared methods of a class file, with their {@code max_locals}. */
    static List<MethodInfo> methods(byte[] classFile) {
        List<MethodInfo> methods = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        methods.add(new MethodInfo(name, descriptor, access, maxLocals));
                    }

                    @Override
                    public void visitEnd() {
                        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                            methods.add(new MethodInfo(name, descriptor, access, 0));
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return methods;
    }

    /**
     * Rewrites the methods named in {@code ids} (by {@link MethodInfo#key()}).
     *
     * @param ids each method's id for the {@code Dispatcher}
     */
    static byte[] weave(byte[] classFile, List<MethodInfo> methods, Map<String, Integer> ids) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;
            private boolean writeFrames;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                owner = name;
                writeFrames = (version & 0xFFFF) >= JAVA_6;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                Integer id = ids.get(name + descriptor);
                if (id == null) {
                    return target;
                }
                MethodInfo method = find(methods, name + descriptor);
                return new MethodWeaver(target, id, owner, method, writeFrames);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    private static MethodInfo find(List<MethodInfo> methods, String key) {
        for (MethodInfo method : methods) {
            if (method.key().equals(key)) {
                return method;
            }
        }
        throw new IllegalStateException("method " + key + " vanished between two reads of the class");
    }
}
