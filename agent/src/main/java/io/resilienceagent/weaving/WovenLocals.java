package io.resilienceagent.weaving;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * Where a woven method keeps the weaver's variables, and the stack-map frame locals at each point of
 * the code the weaver adds. The weaver's variables live above the body's {@code max_locals}, in this
 * order: the admission token, a copy of each parameter (receiver first), the attempt's result, what it
 * threw, and the engine's decision. Frame types are written from the declared types only, so no class
 * is loaded or resolved to compute them.
 */
final class WovenLocals {
    private static final String OBJECT = "java/lang/Object";
    private static final String THROWABLE = "java/lang/Throwable";

    /** Which of the weaver's variables hold values at a point after the body. */
    enum Live {
        /** In the exception handler: admission and argument copies only. */
        ATTEMPT,
        /** At the exit call: also the attempt's result and what it threw. */
        OUTCOME,
        /** After the exit call: also the decision. */
        DECISION
    }

    final Type returnType;
    /** The receiver (for an instance method) and the declared parameters. */
    final Type[] parameterTypes;
    /** How many of {@link #parameterTypes} are the receiver: 0 or 1. */
    final int receivers;
    final int[] parameterSlots;
    final int admissionSlot;
    final int[] backupSlots;
    final int resultSlot;
    final int thrownSlot;
    final int nextSlot;
    private final Object[] parameterFrameTypes;
    private final int firstOwnSlot;

    /** A method's frame may hold at most this many local variable slots (a class file's {@code u2}). */
    static final int MAX_SLOTS = 65535;

    /** Whether the method's locals and the weaver's own still fit in a frame once woven. */
    static boolean fitIn(String owner, MethodNode method) {
        return new WovenLocals(owner, method).nextSlot < MAX_SLOTS; // the last one, nextSlot, takes one slot
    }

    WovenLocals(String owner, MethodNode method) {
        this.returnType = Type.getReturnType(method.desc);
        Type[] arguments = Type.getArgumentTypes(method.desc);
        this.receivers = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        this.parameterTypes = new Type[arguments.length + receivers];
        if (receivers == 1) {
            parameterTypes[0] = Type.getObjectType(owner);
        }
        System.arraycopy(arguments, 0, parameterTypes, receivers, arguments.length);
        this.parameterFrameTypes = new Object[parameterTypes.length];
        this.parameterSlots = new int[parameterTypes.length];
        int slot = 0;
        for (int i = 0; i < parameterTypes.length; i++) {
            parameterFrameTypes[i] = frameType(parameterTypes[i]);
            parameterSlots[i] = slot;
            slot += parameterTypes[i].getSize();
        }
        this.firstOwnSlot = Math.max(method.maxLocals, slot);
        this.admissionSlot = firstOwnSlot;
        this.backupSlots = new int[parameterTypes.length];
        int next = admissionSlot + 1;
        for (int i = 0; i < parameterTypes.length; i++) {
            backupSlots[i] = next;
            next += parameterTypes[i].getSize();
        }
        this.resultSlot = next;
        this.thrownSlot = resultSlot + Math.max(1, returnType.getSize());
        this.nextSlot = thrownSlot + 1;
    }

    /** The locals on entry to the method, as an expanded stack-map frame lists them: the receiver, then the parameters. */
    Object[] entryFrame() {
        return parameterFrameTypes.clone();
    }

    /** The body's own frame (expanded), extended with the weaver's variables as they are during an attempt. */
    Object[] bodyFrame(int numLocal, Object[] local) {
        List<Object> locals = new ArrayList<>();
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            locals.add(local[i]);
            slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        padTo(locals, slots, firstOwnSlot);
        locals.add(OBJECT);
        addAll(locals, parameterFrameTypes);
        return locals.toArray();
    }

    /** At the top of the body: the declared parameters, nothing of the body's own, then the weaver's. */
    Object[] bodyEntry() {
        List<Object> locals = new ArrayList<>();
        addAll(locals, parameterFrameTypes);
        int parameterSlotCount = 0;
        for (Type type : parameterTypes) {
            parameterSlotCount += type.getSize();
        }
        padTo(locals, parameterSlotCount, firstOwnSlot);
        locals.add(OBJECT);
        addAll(locals, parameterFrameTypes);
        return locals.toArray();
    }

    /** Frame locals after the body: the body's own variables are dead, the weaver's are as {@code live} says. */
    Object[] afterBody(Live live) {
        List<Object> locals = new ArrayList<>();
        padTo(locals, 0, firstOwnSlot);
        locals.add(OBJECT);
        addAll(locals, parameterFrameTypes);
        if (live == Live.ATTEMPT) {
            return locals.toArray();
        }
        locals.add(returnType.getSort() == Type.VOID ? Opcodes.TOP : frameType(returnType));
        locals.add(THROWABLE);
        if (live == Live.DECISION) {
            locals.add(OBJECT);
        }
        return locals.toArray();
    }

    private static void padTo(List<Object> locals, int fromSlot, int toSlot) {
        for (int slot = fromSlot; slot < toSlot; slot++) {
            locals.add(Opcodes.TOP);
        }
    }

    private static void addAll(List<Object> locals, Object[] types) {
        for (Object type : types) {
            locals.add(type);
        }
    }

    /** A type as stack-map frames write it: a primitive constant or an internal name. */
    private static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> type.getInternalName();
        };
    }
}
