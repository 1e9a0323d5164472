package io.resilienceagent.weaving;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * Wraps one method body in the engine's attempt loop, the bytecode equivalent of:
 *
 * <pre>{@code
 * args' = args; admission = Dispatcher.enter(ID, Owner.class);  // may throw the open-breaker exception
 * while (true) {
 *     result = default; thrown = null;
 *     try { result = <body>; } catch (Throwable t) { thrown = t; }
 *     next = Dispatcher.exit(ID, Owner.class, admission, result, thrown);  // primitive results as null
 *     if (next == null) { if (thrown != null) throw thrown; return result; }
 *     if (next instanceof Throwable) throw (Throwable) next;
 *     admission = next; args = args';                     // every attempt sees the original arguments
 * }
 * }</pre>
 *
 * <p>An async method (one returning a {@code CompletionStage}) also returns at once the value of a
 * {@code Replacement} that {@code enter} or {@code exit} hands back, and when {@code exit} answers
 * {@code NEED_ARGUMENTS} calls {@code exitWithArguments} with its receiver and original arguments:
 *
 * <pre>{@code
 * admission = Dispatcher.enter(ID, Owner.class); if (admission instanceof Replacement r) return (T) r.value;
 * ...
 * next = Dispatcher.exit(...);
 * if (next == NEED_ARGUMENTS) next = Dispatcher.exitWithArguments(..., this, new Object[] {args'});
 * if (next instanceof Replacement r) return (T) r.value;
 * }</pre>
 *
 * <p>Every {@code return} of the body becomes a jump to the exit code, after popping whatever other
 * values it left beneath its own on the operand stack (see {@link ReturnStacks}; a return the analysis
 * found unreachable stays as it is). The body's own exception
 * handlers keep precedence over the wrapping one. The weaver's variables live above the body's
 * {@code max_locals}; the body's stack-map frames are extended with them, and the frames the weaver
 * adds are written from the method's declared types, so no class is ever loaded or resolved to
 * compute them. Class files older than Java 6 carry no frames and get none; older than Java 5, they
 * cannot name their own class as a constant, and pass null for it.
 */
final class MethodWeaver extends MethodVisitor {
    static final String DISPATCHER = "io/resilienceagent/bootstrap/Dispatcher";
    private static final String REPLACEMENT = "io/resilienceagent/bootstrap/Replacement";
    private static final String OBJECT = "java/lang/Object";
    private static final String THROWABLE = "java/lang/Throwable";

    private final int id;
    private final boolean async;
    private final String owner;
    private final boolean nameOwner;
    private final boolean writeFrames;
    private final int[][] beneathReturns;
    private int returnsSeen;
    private final WovenLocals locals;
    private final Type returnType;
    private final Type[] parameterTypes;
    private final int[] parameterSlots;
    private final int[] backupSlots;
    private final int admissionSlot;
    private final int resultSlot;
    private final int thrownSlot;
    private final int nextSlot;
    private final Label start = new Label();
    private final Label end = new Label();
    private final Label handler = new Label();
    private final Label exit = new Label();

    /**
     * @param beneathReturns per return instruction, the sizes of the values beneath the returned one
     *     ({@link ReturnStacks#valuesBeneath})
     * @param nameOwner whether the class file may load its own class as a constant (Java 5 and later)
     * @param writeFrames whether the class file has stack-map frames (Java 6 and later)
     * @param async whether the method returns a {@code CompletionStage} the engine protects as a future
     */
    MethodWeaver(MethodVisitor target, int id, String owner, MethodNode method, int[][] beneathReturns,
            boolean nameOwner, boolean writeFrames, boolean async) {
        super(Opcodes.ASM9, target);
        this.id = id;
        this.async = async;
        this.owner = owner;
        this.nameOwner = nameOwner;
        this.writeFrames = writeFrames;
        this.beneathReturns = beneathReturns;
        this.locals = new WovenLocals(owner, method);
        this.returnType = locals.returnType;
        this.parameterTypes = locals.parameterTypes;
        this.parameterSlots = locals.parameterSlots;
        this.backupSlots = locals.backupSlots;
        this.admissionSlot = locals.admissionSlot;
        this.resultSlot = locals.resultSlot;
        this.thrownSlot = locals.thrownSlot;
        this.nextSlot = locals.nextSlot;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        for (int i = 0; i < parameterTypes.length; i++) {
            super.visitVarInsn(parameterTypes[i].getOpcode(Opcodes.ILOAD), parameterSlots[i]);
            super.visitVarInsn(parameterTypes[i].getOpcode(Opcodes.ISTORE), backupSlots[i]);
        }
        pushId();
        pushOwner();
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "enter", "(ILjava/lang/Class;)Ljava/lang/Object;", false);
        super.visitVarInsn(Opcodes.ASTORE, admissionSlot);
        if (async) {
            returnIfReplaced(admissionSlot, start);
        }
        super.visitLabel(start);
        frame(locals.bodyEntry(), new Object[0]);
        // The body's first instruction may carry a frame of its own; two frames cannot share an offset.
        super.visitInsn(Opcodes.NOP);
    }

    @Override
    public void visitInsn(int opcode) {
        if (ReturnStacks.isReturn(opcode)) {
            int[] beneath = beneathReturns[returnsSeen++];
            if (beneath == null) {
                super.visitInsn(opcode);
                return;
            }
            if (returnType.getSort() != Type.VOID) {
                super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), resultSlot);
            }
            for (int i = beneath.length - 1; i >= 0; i--) {
                super.visitInsn(beneath[i] == 2 ? Opcodes.POP2 : Opcodes.POP);
            }
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
            super.visitJumpInsn(Opcodes.GOTO, exit);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames must be expanded (ClassReader.EXPAND_FRAMES)");
        }
        Object[] extended = locals.bodyFrame(numLocal, local);
        super.visitFrame(Opcodes.F_NEW, extended.length, extended, numStack, stack);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitLabel(end);
        super.visitTryCatchBlock(start, end, handler, THROWABLE);

        super.visitLabel(handler);
        frame(locals.afterBody(WovenLocals.Live.ATTEMPT), new Object[] {THROWABLE});
        super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        ValueCode.storeDefault(mv, returnType, resultSlot);
        super.visitJumpInsn(Opcodes.GOTO, exit);

        Label repeat = new Label();
        Label done = new Label();
        Label returnResult = new Label();
        super.visitLabel(exit);
        frame(locals.afterBody(WovenLocals.Live.OUTCOME), new Object[0]);
        pushId();
        pushOwner();
        super.visitVarInsn(Opcodes.ALOAD, admissionSlot);
        if (returnType.getSort() == Type.OBJECT || returnType.getSort() == Type.ARRAY) {
            super.visitVarInsn(Opcodes.ALOAD, resultSlot);
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "exit",
                "(ILjava/lang/Class;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)Ljava/lang/Object;", false);
        super.visitVarInsn(Opcodes.ASTORE, nextSlot);
        if (async) {
            Label decided = new Label();
            Label notReplaced = new Label();
            super.visitVarInsn(Opcodes.ALOAD, nextSlot);
            super.visitFieldInsn(Opcodes.GETSTATIC, DISPATCHER, "NEED_ARGUMENTS", "Ljava/lang/Object;");
            super.visitJumpInsn(Opcodes.IF_ACMPNE, decided);
            exitWithArguments();
            super.visitLabel(decided);
            frame(locals.afterBody(WovenLocals.Live.DECISION), new Object[0]);
            returnIfReplaced(nextSlot, notReplaced);
            super.visitLabel(notReplaced);
            frame(locals.afterBody(WovenLocals.Live.DECISION), new Object[0]);
        }
        super.visitVarInsn(Opcodes.ALOAD, nextSlot);
        super.visitJumpInsn(Opcodes.IFNULL, done);
        super.visitVarInsn(Opcodes.ALOAD, nextSlot);
        super.visitTypeInsn(Opcodes.INSTANCEOF, THROWABLE);
        super.visitJumpInsn(Opcodes.IFEQ, repeat);
        super.visitVarInsn(Opcodes.ALOAD, nextSlot);
        super.visitTypeInsn(Opcodes.CHECKCAST, THROWABLE);
        super.visitInsn(Opcodes.ATHROW);

        super.visitLabel(repeat);
        frame(locals.afterBody(WovenLocals.Live.DECISION), new Object[0]);
        for (int i = 0; i < parameterTypes.length; i++) {
            super.visitVarInsn(parameterTypes[i].getOpcode(Opcodes.ILOAD), backupSlots[i]);
            super.visitVarInsn(parameterTypes[i].getOpcode(Opcodes.ISTORE), parameterSlots[i]);
        }
        super.visitVarInsn(Opcodes.ALOAD, nextSlot);
        super.visitVarInsn(Opcodes.ASTORE, admissionSlot);
        super.visitJumpInsn(Opcodes.GOTO, start);

        super.visitLabel(done);
        frame(locals.afterBody(WovenLocals.Live.DECISION), new Object[0]);
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitJumpInsn(Opcodes.IFNULL, returnResult);
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitInsn(Opcodes.ATHROW);

        super.visitLabel(returnResult);
        frame(locals.afterBody(WovenLocals.Live.DECISION), new Object[0]);
        if (returnType.getSort() != Type.VOID) {
            super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), resultSlot);
        }
        super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
        super.visitMaxs(maxStack, maxLocals);
    }

    /** {@code if (slot instanceof Replacement r) return (T) r.value;} else continue at {@code otherwise}. */
    private void returnIfReplaced(int slot, Label otherwise) {
        super.visitVarInsn(Opcodes.ALOAD, slot);
        super.visitTypeInsn(Opcodes.INSTANCEOF, REPLACEMENT);
        super.visitJumpInsn(Opcodes.IFEQ, otherwise);
        super.visitVarInsn(Opcodes.ALOAD, slot);
        super.visitTypeInsn(Opcodes.CHECKCAST, REPLACEMENT);
        super.visitFieldInsn(Opcodes.GETFIELD, REPLACEMENT, "value", "Ljava/lang/Object;");
        super.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
        super.visitInsn(Opcodes.ARETURN);
    }

    /** {@code next = Dispatcher.exitWithArguments(ID, Owner.class, admission, result, thrown, this, new Object[] {args'})}. */
    private void exitWithArguments() {
        pushId();
        pushOwner();
        super.visitVarInsn(Opcodes.ALOAD, admissionSlot);
        super.visitVarInsn(Opcodes.ALOAD, resultSlot);
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        int receivers = locals.receivers;
        if (receivers == 1) {
            super.visitVarInsn(Opcodes.ALOAD, backupSlots[0]);
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
        super.visitLdcInsn(parameterTypes.length - receivers);
        super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        for (int i = receivers; i < parameterTypes.length; i++) {
            super.visitInsn(Opcodes.DUP);
            super.visitLdcInsn(i - receivers);
            super.visitVarInsn(parameterTypes[i].getOpcode(Opcodes.ILOAD), backupSlots[i]);
            ValueCode.box(mv, parameterTypes[i]);
            super.visitInsn(Opcodes.AASTORE);
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "exitWithArguments",
                "(ILjava/lang/Class;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;",
                false);
        super.visitVarInsn(Opcodes.ASTORE, nextSlot);
    }

    private void pushId() {
        super.visitLdcInsn(id);
    }

    /** The method's own class, or null in a class file too old to load a class constant. */
    private void pushOwner() {
        if (nameOwner) {
            super.visitLdcInsn(Type.getObjectType(owner));
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
    }

    private void frame(Object[] frameLocals, Object[] stack) {
        if (writeFrames) {
            super.visitFrame(Opcodes.F_NEW, frameLocals.length, frameLocals, stack.length, stack);
        }
    }
}
