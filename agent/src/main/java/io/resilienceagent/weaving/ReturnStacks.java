package io.resilienceagent.weaving;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * What lies on the operand stack beneath the value of each {@code return} of a method. A return may
 * leave other values below its own (Kotlin emits that for {@code ?: return} inside an argument list,
 * Scala for {@code return} inside an expression); the weaver turns each return into a jump, which
 * must leave the stack empty, so it pops them. Found with ASM's {@link Analyzer} and the basic
 * interpreter, which distinguish only primitive kinds from references and so never load a class.
 */
final class ReturnStacks {
    /**
     * The analysis keeps a frame per instruction; beyond this many frame slots (instructions times
     * locals and stack), a method is left unwoven rather than risk a large allocation at class load.
     */
    static final long MAX_FRAME_SLOTS = 16_000_000L;

    private ReturnStacks() {
    }

    /**
     * For the n-th return instruction of {@code method} (in instruction order), the sizes (1 or 2) of
     * the values beneath the returned one, bottom first; {@code null} for a return the analysis found
     * unreachable, which is left as it is.
     */
    static int[][] valuesBeneath(String owner, MethodNode method) throws AnalyzerException {
        checkSize(method);
        Frame<BasicValue>[] frames = new Analyzer<>(new BasicInterpreter()).analyze(owner, method);
        int returns = 0;
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (isReturn(insn.getOpcode())) {
                returns++;
            }
        }
        int[][] beneath = new int[returns][];
        int n = 0;
        int index = 0;
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext(), index++) {
            if (!isReturn(insn.getOpcode())) {
                continue;
            }
            Frame<BasicValue> frame = frames[index];
            if (frame != null) {
                int below = frame.getStackSize() - (insn.getOpcode() == Opcodes.RETURN ? 0 : 1);
                int[] sizes = new int[Math.max(0, below)];
                for (int i = 0; i < sizes.length; i++) {
                    sizes[i] = frame.getStack(i).getSize();
                }
                beneath[n] = sizes;
            }
            n++;
        }
        return beneath;
    }

    static boolean isReturn(int opcode) {
        return opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
    }

    /** Refuses a method whose analysis would need more than {@link #MAX_FRAME_SLOTS} frame slots. */
    static void checkSize(MethodNode method) throws AnalyzerException {
        long slots = (long) method.instructions.size() * (method.maxLocals + method.maxStack + 1);
        if (slots > MAX_FRAME_SLOTS) {
            throw new AnalyzerException(null, "the method is too large to analyse ("
                    + method.instructions.size() + " instructions, " + method.maxLocals + " local slots)");
        }
    }
}
