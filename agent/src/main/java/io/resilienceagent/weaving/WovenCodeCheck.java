package io.resilienceagent.weaving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.BasicVerifier;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The weaver's own check of what it wrote, before the JVM sees it: the JVM verifies a class only when
 * it links it, after the transformer has returned, and a failure there would stop the application's
 * class from loading. Each woven method is run through ASM's {@link BasicVerifier} (operand stack and
 * local variables used consistently by kind: int, float, long, double or reference; no class is
 * loaded), and every stack-map frame in it is compared with what the analysis found at that point:
 * the same stack depth, and every stack entry and local the frame declares of the kind found there.
 */
final class WovenCodeCheck {
    private WovenCodeCheck() {
    }

    /**
     * Checks the methods {@code woven} (by name and descriptor) of {@code classFile}.
     *
     * @return each method that fails, with why; empty when all pass
     */
    static Map<String, String> failures(byte[] classFile, Set<String> woven) {
        String[] owner = new String[1];
        List<MethodNode> methods = new ArrayList<>();
        // only the woven methods' code is read: a class's other methods can be many, and reading them is
        // what would make the JIT compile ASM's reader while the application starts
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                owner[0] = name;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!woven.contains(name + descriptor)) {
                    return null;
                }
                MethodNode method = new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
                methods.add(method);
                return method;
            }
        }, ClassReader.EXPAND_FRAMES);
        Map<String, String> failures = new LinkedHashMap<>();
        for (MethodNode method : methods) {
            try {
                check(owner[0], method);
            } catch (AnalyzerException | RuntimeException e) {
                failures.put(method.name + method.desc, String.valueOf(e.getMessage()));
            }
        }
        return failures;
    }

    private static void check(String owner, MethodNode method) throws AnalyzerException {
        ReturnStacks.checkSize(method);
        Frame<BasicValue>[] frames = new Analyzer<>(new BasicVerifier()).analyze(owner, method);
        int index = 0;
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext(), index++) {
            if (insn instanceof FrameNode declared && frames[index] != null) {
                compare(declared, frames[index], index);
            }
        }
    }

    private static void compare(FrameNode declared, Frame<BasicValue> found, int index) throws AnalyzerException {
        List<Object> stack = declared.stack == null ? List.of() : declared.stack;
        if (stack.size() != found.getStackSize()) {
            throw new AnalyzerException(null, "stack-map frame at instruction " + index + " declares "
                    + stack.size() + " stack values where the code leaves " + found.getStackSize());
        }
        for (int i = 0; i < stack.size(); i++) {
            requireKind(stack.get(i), found.getStack(i), "stack value " + i, index);
        }
        List<Object> locals = declared.local == null ? List.of() : declared.local;
        int slot = 0;
        for (Object local : locals) {
            if (slot >= found.getLocals()) {
                throw new AnalyzerException(null, "stack-map frame at instruction " + index
                        + " declares more locals than the method has");
            }
            if (local != Opcodes.TOP) {
                requireKind(local, found.getLocal(slot), "local " + slot, index);
            }
            slot += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
        }
    }

    private static void requireKind(Object declared, BasicValue found, String what, int index) throws AnalyzerException {
        char expected = kindOf(declared);
        char actual = kindOf(found);
        if (expected != actual) {
            throw new AnalyzerException(null, "stack-map frame at instruction " + index + " declares " + what
                    + " as " + expected + " where the code has " + actual);
        }
    }

    /** I, F, J, D or R for a frame entry; T for TOP. */
    private static char kindOf(Object frameEntry) {
        if (frameEntry == Opcodes.INTEGER) {
            return 'I';
        } else if (frameEntry == Opcodes.FLOAT) {
            return 'F';
        } else if (frameEntry == Opcodes.LONG) {
            return 'J';
        } else if (frameEntry == Opcodes.DOUBLE) {
            return 'D';
        } else if (frameEntry == Opcodes.TOP) {
            return 'T';
        }
        return 'R'; // NULL, UNINITIALIZED_THIS, a type name or the label of an uninitialized object
    }

    /** I, F, J, D or R for an analysed value; U for a slot whose value differs between paths (unusable). */
    private static char kindOf(BasicValue value) {
        if (value == null || value.getType() == null) {
            return 'U';
        }
        return switch (value.getType().getSort()) {
            case org.objectweb.asm.Type.BOOLEAN, org.objectweb.asm.Type.BYTE, org.objectweb.asm.Type.CHAR,
                    org.objectweb.asm.Type.SHORT, org.objectweb.asm.Type.INT -> 'I';
            case org.objectweb.asm.Type.FLOAT -> 'F';
            case org.objectweb.asm.Type.LONG -> 'J';
            case org.objectweb.asm.Type.DOUBLE -> 'D';
            default -> 'R';
        };
    }
}
