package io.resilienceagent.bench.generated;

import io.resilienceagent.bench.generated.TypeSpec.MethodSpec;
import io.resilienceagent.bench.generated.TypeSpec.Shape;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes one {@link TypeSpec} as a Java 17 class file with ASM. Classes get a private {@code label}
 * field set by the constructor and a static {@code SEED} set by the static initialiser, so that
 * loading them with initialisation runs real code; nested classes get {@code InnerClasses} and nest
 * attributes, as javac writes them. No body branches, so no stack map frames are needed and no class
 * has to be loaded to compute them.
 */
final class ClassBytes implements Opcodes {
    private static final String STRING = "java/lang/String";
    private static final String TEXT_DESC = "(Ljava/lang/String;)Ljava/lang/String;";
    private static final String NUMBER_DESC = "(I)I";
    private static final String FIRST_CALL_FAILS = "com/example/bench/generated/FirstCallFails";

    private ClassBytes() {
    }

    static byte[] of(TypeSpec type) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        boolean isInterface = type.kind() == TypeSpec.Kind.INTERFACE;
        int access = isInterface ? ACC_PUBLIC | ACC_INTERFACE | ACC_ABSTRACT
                : type.kind() == TypeSpec.Kind.ABSTRACT ? ACC_PUBLIC | ACC_SUPER | ACC_ABSTRACT : ACC_PUBLIC | ACC_SUPER;
        String[] interfaces = type.interfaces().stream().map(n -> n.replace('.', '/')).toArray(String[]::new);
        cw.visit(V17, access, type.internalName(), null, type.superName().replace('.', '/'), interfaces);
        cw.visitSource(type.simpleName() + ".java", null);
        nesting(cw, type);
        if (!isInterface) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "label", "L" + STRING + ";", null, null).visitEnd();
            cw.visitField(ACC_STATIC | ACC_FINAL, "SEED", "I", null, null).visitEnd();
            staticInitialiser(cw, type);
            constructor(cw, type);
        }
        for (MethodSpec method : type.methods()) {
            method(cw, type, method);
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void nesting(ClassWriter cw, TypeSpec type) {
        if (type.kind() == TypeSpec.Kind.OUTER) {
            String nested = type.related().replace('.', '/');
            cw.visitNestMember(nested);
            cw.visitInnerClass(nested, type.internalName(), nested.substring(nested.lastIndexOf('$') + 1),
                    ACC_PUBLIC | ACC_STATIC);
        } else if (type.kind() == TypeSpec.Kind.NESTED) {
            String outer = type.related().replace('.', '/');
            cw.visitNestHost(outer);
            cw.visitInnerClass(type.internalName(), outer, type.simpleName(), ACC_PUBLIC | ACC_STATIC);
        }
    }

    private static void staticInitialiser(ClassWriter cw, TypeSpec type) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitLdcInsn(type.name());
        mv.visitMethodInsn(INVOKEVIRTUAL, STRING, "hashCode", "()I", false);
        mv.visitFieldInsn(PUTSTATIC, type.internalName(), "SEED", "I");
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void constructor(ClassWriter cw, TypeSpec type) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, type.superName().replace('.', '/'), "<init>", "()V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitLdcInsn(type.simpleName());
        mv.visitFieldInsn(PUTFIELD, type.internalName(), "label", "L" + STRING + ";");
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void method(ClassWriter cw, TypeSpec type, MethodSpec method) {
        Shape shape = method.shape();
        if (shape == Shape.ABSTRACT_TEXT || shape == Shape.ABSTRACT_NUMBER) {
            cw.visitMethod(ACC_PUBLIC | ACC_ABSTRACT, method.name(),
                    shape == Shape.ABSTRACT_TEXT ? TEXT_DESC : NUMBER_DESC, null, null).visitEnd();
            return;
        }
        String descriptor = switch (shape) {
            case NUMBER -> NUMBER_DESC;
            case GETTER, TO_STRING -> "()L" + STRING + ";";
            case FACTORY -> "()L" + type.related().replace('.', '/') + ";";
            default -> TEXT_DESC;
        };
        int access = shape == Shape.FACTORY ? ACC_PUBLIC | ACC_STATIC : ACC_PUBLIC;
        String[] exceptions = shape == Shape.FLAKY ? new String[] {"java/io/IOException"} : null;
        MethodVisitor mv = cw.visitMethod(access, method.name(), descriptor, null, exceptions);
        mv.visitCode();
        body(mv, type, method);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void body(MethodVisitor mv, TypeSpec type, MethodSpec method) {
        String self = type.internalName();
        boolean isInterface = type.kind() == TypeSpec.Kind.INTERFACE;
        switch (method.shape()) {
            case DEFAULT_TEXT, TEMPLATE -> {
                String target = firstAbstractText(type);
                int invoke = isInterface ? INVOKEINTERFACE : INVOKEVIRTUAL;
                mv.visitVarInsn(ALOAD, 0);
                if (method.shape() == Shape.DEFAULT_TEXT) {
                    mv.visitVarInsn(ALOAD, 0);
                }
                mv.visitVarInsn(ALOAD, 1);
                mv.visitMethodInsn(invoke, self, target, TEXT_DESC, isInterface);
                if (method.shape() == Shape.DEFAULT_TEXT) {
                    mv.visitMethodInsn(invoke, self, target, TEXT_DESC, isInterface);
                }
                mv.visitInsn(ARETURN);
            }
            case TEXT, FLAKY -> {
                if (method.shape() == Shape.FLAKY) {
                    mv.visitLdcInsn(type.name() + "#" + method.name());
                    mv.visitMethodInsn(INVOKESTATIC, FIRST_CALL_FAILS, "check", "(L" + STRING + ";)V", false);
                }
                label(mv, self);
                mv.visitVarInsn(ALOAD, 1);
                mv.visitMethodInsn(INVOKEVIRTUAL, STRING, "concat", TEXT_DESC, false);
                mv.visitInsn(ARETURN);
            }
            case NUMBER -> {
                mv.visitVarInsn(ILOAD, 1);
                mv.visitIntInsn(BIPUSH, 31);
                mv.visitInsn(IMUL);
                mv.visitFieldInsn(GETSTATIC, self, "SEED", "I");
                mv.visitInsn(IADD);
                mv.visitInsn(IRETURN);
            }
            case GETTER -> {
                label(mv, self);
                mv.visitInsn(ARETURN);
            }
            case TO_STRING -> {
                label(mv, self);
                mv.visitLdcInsn("@generated");
                mv.visitMethodInsn(INVOKEVIRTUAL, STRING, "concat", TEXT_DESC, false);
                mv.visitInsn(ARETURN);
            }
            case FACTORY -> {
                String outer = type.related().replace('.', '/');
                mv.visitTypeInsn(NEW, outer);
                mv.visitInsn(DUP);
                mv.visitMethodInsn(INVOKESPECIAL, outer, "<init>", "()V", false);
                mv.visitInsn(ARETURN);
            }
            default -> throw new IllegalArgumentException("no body for " + method.shape());
        }
    }

    private static void label(MethodVisitor mv, String self) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, "label", "L" + STRING + ";");
    }

    private static String firstAbstractText(TypeSpec type) {
        for (MethodSpec m : type.methods()) {
            if (m.shape() == Shape.ABSTRACT_TEXT) {
                return m.name();
            }
        }
        throw new IllegalArgumentException(type.name() + " has no abstract text method to call");
    }
}
