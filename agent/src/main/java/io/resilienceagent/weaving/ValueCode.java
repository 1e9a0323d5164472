package io.resilienceagent.weaving;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Small bytecode sequences for values of any type: boxing a primitive and a type's default value. */
final class ValueCode {
    private ValueCode() {
    }

    /** Boxes a primitive on the stack ({@code Integer.valueOf} and so on); a reference stays as it is. */
    static void box(MethodVisitor code, Type type) {
        String box = switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
        if (box != null) {
            code.visitMethodInsn(Opcodes.INVOKESTATIC, box, "valueOf", "(" + type.getDescriptor() + ")L" + box + ";", false);
        }
    }

    /** Stores the default value of {@code type} (zero, false, null) in {@code slot}; nothing for void. */
    static void storeDefault(MethodVisitor code, Type type, int slot) {
        switch (type.getSort()) {
            case Type.VOID -> {
                return;
            }
            case Type.LONG -> code.visitInsn(Opcodes.LCONST_0);
            case Type.DOUBLE -> code.visitInsn(Opcodes.DCONST_0);
            case Type.FLOAT -> code.visitInsn(Opcodes.FCONST_0);
            case Type.OBJECT, Type.ARRAY -> code.visitInsn(Opcodes.ACONST_NULL);
            default -> code.visitInsn(Opcodes.ICONST_0);
        }
        code.visitVarInsn(type.getOpcode(Opcodes.ISTORE), slot);
    }
}
