package io.resilienceagent.it.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes class files as compilers before Java 6 did, which javac can no longer produce: versions 48
 * (Java 1.4), 49 (Java 5) and 50 (Java 6), no stack-map frames, and a try/finally compiled the old
 * javac way, with the finally block as a JSR/RET subroutine entered from the normal and the exceptional
 * path. Each class {@code com.example.corpus.legacy.Legacy<version>} has:
 *
 * <pre>{@code
 * public static int finallyRuns;
 * public static int withFinally(int a) {      // JSR/RET
 *     try { Flaky.step("legacy<v>.finally"); return a * 3; } finally { finallyRuns++; }
 * }
 * public long wide(long a, double b, int c) { // two-slot parameters
 *     Flaky.step("legacy<v>.wide"); return (long) (a * c + b);
 * }
 * }</pre>
 */
final class OldClassFiles {
    static final int[] VERSIONS = {48, 49, 50};
    private static final String FLAKY = "com/example/corpus/support/Flaky";

    private OldClassFiles() {
    }

    /** Writes the classes under {@code classes} (a class-path root). */
    static void writeAll(Path classes) throws IOException {
        for (int version : VERSIONS) {
            String name = "com/example/corpus/legacy/Legacy" + version;
            Path file = classes.resolve(name + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, classFile(name, version));
        }
    }

    private static byte[] classFile(String name, int version) {
        // COMPUTE_MAXS copes with subroutines; no COMPUTE_FRAMES: these versions have none (or, for 50, may omit them)
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "finallyRuns", "I", null, null).visitEnd();
        constructor(writer);
        withFinally(writer, name, version);
        wide(writer, version);
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static void constructor(ClassWriter writer) {
        MethodVisitor m = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    /** Locals: 0 = a, 1 = the result, 2 = the caught throwable, 3 = the subroutine's return address. */
    private static void withFinally(ClassWriter writer, String owner, int version) {
        MethodVisitor m = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "withFinally", "(I)I", null, null);
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label anyHandler = new Label();
        Label subroutine = new Label();
        m.visitCode();
        m.visitTryCatchBlock(tryStart, tryEnd, anyHandler, null);
        m.visitLabel(tryStart);
        m.visitLdcInsn("legacy" + version + ".finally");
        m.visitMethodInsn(Opcodes.INVOKESTATIC, FLAKY, "step", "(Ljava/lang/String;)V", false);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitInsn(Opcodes.ICONST_3);
        m.visitInsn(Opcodes.IMUL);
        m.visitVarInsn(Opcodes.ISTORE, 1);
        m.visitLabel(tryEnd);
        m.visitJumpInsn(Opcodes.JSR, subroutine);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitInsn(Opcodes.IRETURN);

        m.visitLabel(anyHandler);
        m.visitVarInsn(Opcodes.ASTORE, 2);
        m.visitJumpInsn(Opcodes.JSR, subroutine);
        m.visitVarInsn(Opcodes.ALOAD, 2);
        m.visitInsn(Opcodes.ATHROW);

        m.visitLabel(subroutine);
        m.visitVarInsn(Opcodes.ASTORE, 3);
        m.visitFieldInsn(Opcodes.GETSTATIC, owner, "finallyRuns", "I");
        m.visitInsn(Opcodes.ICONST_1);
        m.visitInsn(Opcodes.IADD);
        m.visitFieldInsn(Opcodes.PUTSTATIC, owner, "finallyRuns", "I");
        m.visitVarInsn(Opcodes.RET, 3);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    /** Locals: 0 = this, 1-2 = a, 3-4 = b, 5 = c. */
    private static void wide(ClassWriter writer, int version) {
        MethodVisitor m = writer.visitMethod(Opcodes.ACC_PUBLIC, "wide", "(JDI)J", null, null);
        m.visitCode();
        m.visitLdcInsn("legacy" + version + ".wide");
        m.visitMethodInsn(Opcodes.INVOKESTATIC, FLAKY, "step", "(Ljava/lang/String;)V", false);
        m.visitVarInsn(Opcodes.LLOAD, 1);
        m.visitVarInsn(Opcodes.ILOAD, 5);
        m.visitInsn(Opcodes.I2L);
        m.visitInsn(Opcodes.LMUL);
        m.visitInsn(Opcodes.L2D);
        m.visitVarInsn(Opcodes.DLOAD, 3);
        m.visitInsn(Opcodes.DADD);
        m.visitInsn(Opcodes.D2L);
        m.visitInsn(Opcodes.LRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }
}
