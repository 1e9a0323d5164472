package io.resilienceagent.weaving;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Class files no Java compiler writes, built with ASM for the weaver's tests: returns with other
 * values beneath on the operand stack (as Kotlin and Scala emit), a method that only just fits the
 * JVM's code limit, one whose woven return must jump over more than 32 KB, a return in unreachable code,
 * pre-Java-6 code with subroutines and no frames, and a class with a wrong frame.
 * Each method first calls {@code Failures.maybeFail()}, so a test can make its first attempts fail.
 */
final class GeneratedClasses {
    static final String PACKAGE = "generated/";
    private static final String FAILURES = "com/example/sample/Failures";

    private GeneratedClasses() {
    }

    /**
     * {@code static int pick(int a)}: leaves a long and a string beneath the value of both its returns
     * ({@code a + 1}, or {@code -1} when {@code a == 0}); {@code static void touch(int[] box)}: sets
     * {@code box[0] = 7} and returns with an int and a double still on the stack.
     */
    static byte[] valuesBeneathReturns() {
        ClassWriter cw = newClass(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS, Opcodes.V17, "StackAtReturn");
        MethodVisitor mv = staticMethod(cw, "pick", "(I)I");
        mv.visitInsn(Opcodes.LCONST_1);
        mv.visitLdcInsn("beneath");
        maybeFail(mv);
        Label zero = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFEQ, zero);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IADD);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(zero);
        mv.visitInsn(Opcodes.ICONST_M1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = staticMethod(cw, "touch", "([I)V");
        mv.visitInsn(Opcodes.ICONST_3);
        mv.visitInsn(Opcodes.DCONST_1);
        maybeFail(mv);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitIntInsn(Opcodes.BIPUSH, 7);
        mv.visitInsn(Opcodes.IASTORE);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code static int huge(int a)}, whose code is {@code fillerBytes} long plus a few bytes (so the
     * woven copy is too long when the original nearly fills the limit), and {@code static int small(int a)};
     * both return {@code a * 2}.
     */
    static byte[] hugeAndSmall(int fillerBytes) {
        return withSmall("HugeAndSmall", cw -> {
            MethodVisitor mv = staticMethod(cw, "huge", "(I)I");
            maybeFail(mv);
            fillerThenTwice(mv, fillerBytes);
        });
    }

    /**
     * {@code static int crowded(int a)}, which keeps {@code a} in local variable 65533 (the last slots a
     * frame has room for) before returning {@code a * 2}, and {@code static int small(int a)}.
     */
    static byte[] crowdedAndSmall() {
        return withSmall("CrowdedAndSmall", cw -> {
            MethodVisitor mv = staticMethod(cw, "crowded", "(I)I");
            maybeFail(mv);
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitVarInsn(Opcodes.ISTORE, 65533);
            mv.visitVarInsn(Opcodes.ILOAD, 65533);
            mv.visitVarInsn(Opcodes.ISTORE, 0);
            fillerThenTwice(mv, 0);
        });
    }

    /**
     * What kotlinc makes of {@code suspend fun fetch(a: Int): Int} (the continuation as the last parameter,
     * {@code Object} returned, here just {@code a * 2} boxed), beside {@code static int small(int a)}.
     */
    static byte[] suspendAndSmall() {
        return withSmall("SuspendAndSmall", cw -> {
            MethodVisitor mv = staticMethod(cw, "fetch", "(ILkotlin/coroutines/Continuation;)Ljava/lang/Object;");
            maybeFail(mv);
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitInsn(Opcodes.IMUL);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        });
    }

    /**
     * A Java 17 class {@code simpleName} with the methods {@code other} writes and {@code static int
     * small(int a)}, which may fail (see {@link #maybeFail}) and returns {@code a * 2}.
     */
    private static byte[] withSmall(String simpleName, java.util.function.Consumer<ClassWriter> other) {
        ClassWriter cw = newClass(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS, Opcodes.V17, simpleName);
        other.accept(cw);
        MethodVisitor mv = staticMethod(cw, "small", "(I)I");
        maybeFail(mv);
        fillerThenTwice(mv, 0);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * A Java 1.4 class file (version 48: no stack-map frames, no class constants) whose
     * {@code static int old(int a)} runs a {@code finally} block the old way, as a JSR/RET subroutine
     * that counts its runs in the static field {@code finallyRuns}, and returns {@code a + 100}.
     */
    static byte[] subroutines() {
        ClassWriter cw = newClass(ClassWriter.COMPUTE_MAXS, Opcodes.V1_4, "Subroutines");
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "finallyRuns", "I", null, null).visitEnd();
        MethodVisitor mv = staticMethod(cw, "old", "(I)I");
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label anyHandler = new Label();
        Label subroutine = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, anyHandler, null);
        mv.visitLabel(tryStart);
        maybeFail(mv);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitIntInsn(Opcodes.BIPUSH, 100);
        mv.visitInsn(Opcodes.IADD);
        mv.visitVarInsn(Opcodes.ISTORE, 1);
        mv.visitJumpInsn(Opcodes.JSR, subroutine);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitLabel(tryEnd);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(anyHandler);
        mv.visitVarInsn(Opcodes.ASTORE, 2);
        mv.visitJumpInsn(Opcodes.JSR, subroutine);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitLabel(subroutine);
        mv.visitVarInsn(Opcodes.ASTORE, 3);
        mv.visitFieldInsn(Opcodes.GETSTATIC, PACKAGE + "Subroutines", "finallyRuns", "I");
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IADD);
        mv.visitFieldInsn(Opcodes.PUTSTATIC, PACKAGE + "Subroutines", "finallyRuns", "I");
        mv.visitVarInsn(Opcodes.RET, 3);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code static int far(int a)}: returns {@code -1} when {@code a == 0}, else runs {@code fillerBytes}
     * of no-ops and returns {@code a * 2}; woven, its first return jumps over the filler to the exit code.
     */
    static byte[] farReturn(int fillerBytes) {
        ClassWriter cw = newClass(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS, Opcodes.V17, "FarReturn");
        MethodVisitor mv = staticMethod(cw, "far", "(I)I");
        maybeFail(mv);
        Label nonZero = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFNE, nonZero);
        mv.visitInsn(Opcodes.ICONST_M1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(nonZero);
        fillerThenTwice(mv, fillerBytes);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code static int dead(int a)}: returns {@code a + 1}, and is followed by unreachable code (with
     * its stack-map frame, as the JVM requires) that returns with a long beneath its value.
     */
    static byte[] deadReturn() {
        ClassWriter cw = newClass(ClassWriter.COMPUTE_MAXS, Opcodes.V17, "DeadReturn");
        MethodVisitor mv = staticMethod(cw, "dead", "(I)I");
        maybeFail(mv);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IADD);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitFrame(Opcodes.F_NEW, 1, new Object[] {Opcodes.INTEGER}, 2, new Object[] {Opcodes.LONG, Opcodes.INTEGER});
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code static int wrong(int a)}, whose one stack-map frame declares a stack value that is not there. */
    static byte[] wrongFrame() {
        ClassWriter cw = newClass(ClassWriter.COMPUTE_MAXS, Opcodes.V17, "WrongFrame");
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "wrong", "(I)I", null, null);
        mv.visitCode();
        Label zero = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFEQ, zero);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(zero);
        mv.visitFrame(Opcodes.F_NEW, 1, new Object[] {Opcodes.INTEGER}, 1, new Object[] {Opcodes.INTEGER});
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** A public class {@code generated.<simpleName>} of class-file {@code version}, extending {@code Object}. */
    private static ClassWriter newClass(int flags, int version, String simpleName) {
        ClassWriter cw = new ClassWriter(flags);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, PACKAGE + simpleName, null, "java/lang/Object", null);
        return cw;
    }

    /** Writes a public constructor without arguments that calls {@code superName}'s. */
    static void defaultConstructor(ClassWriter cw, String superName) {
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    /** Starts the code of {@code public static} method {@code name}, declared to throw {@code ConnectException}. */
    private static MethodVisitor staticMethod(ClassWriter cw, String name, String descriptor) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, descriptor, null,
                new String[] {"java/net/ConnectException"});
        mv.visitCode();
        return mv;
    }

    /** Ends an {@code (I)I} method: {@code fillerBytes} no-ops, then {@code return a * 2}. */
    private static void fillerThenTwice(MethodVisitor mv, int fillerBytes) {
        for (int i = 0; i < fillerBytes; i++) {
            mv.visitInsn(Opcodes.NOP);
        }
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.ICONST_2);
        mv.visitInsn(Opcodes.IMUL);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code Failures.maybeFail()}, which fails as many calls as a test asks. */
    private static void maybeFail(MethodVisitor mv) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, FAILURES, "maybeFail", "()V", false);
    }
}
