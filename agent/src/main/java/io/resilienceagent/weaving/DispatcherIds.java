package io.resilienceagent.weaving;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code Dispatcher} ids in a woven class file, set after weaving, so that the woven-class cache can
 * keep a class woven once for any ids. Ids are given in the order woven methods are first loaded: one
 * pattern more, one woven class more or less loaded before, or classes loaded on several threads at once,
 * and every later class's ids change. So the cache weaves with placeholder ids, one per woven method
 * in the order of their names and descriptors, and sets the ids of this start in the copy it returns.
 *
 * <p>The weaver pushes an id with {@code ldc}, for which ASM writes one {@code CONSTANT_Integer} per
 * value; setting an id rewrites the four bytes of that constant's value, and nothing moves. A class file
 * that already holds a placeholder's value among its integer constants is woven with its ids and not
 * cached ({@link #holdsPlaceholder}); a woven class file in which a placeholder is not found exactly
 * once is not used ({@link #withIds} returns null).
 */
final class DispatcherIds {
    /** The first placeholder id; the others follow it. No id reaches it, nor is a class expected to hold it. */
    static final int FIRST_PLACEHOLDER = 0x5EA1_0000;
    private static final byte CONSTANT_INTEGER = 3;

    private DispatcherIds() {
    }

    /**
     * The placeholder for each method of {@code ids}: consecutive from {@link #FIRST_PLACEHOLDER}, in the
     * order of the methods' keys, so that the same methods get the same placeholders at every start.
     */
    static Map<String, Integer> placeholders(Map<String, Integer> ids) {
        Map<String, Integer> placeholders = new TreeMap<>();
        int next = FIRST_PLACEHOLDER;
        for (String method : new TreeMap<>(ids).keySet()) {
            placeholders.put(method, next++);
        }
        return placeholders;
    }

    /**
     * Whether {@code classFile} holds an integer constant with the value of one of {@code count}
     * placeholders; true if it cannot be read.
     */
    static boolean holdsPlaceholder(byte[] classFile, int count) {
        try {
            int[] constants = ClassHeader.constants(classFile);
            if (constants == null) {
                return true;
            }
            for (int i = 1; i < constants.length; i++) {
                if (isPlaceholder(classFile, constants[i], count)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException malformed) {
            return true;
        }
    }

    /**
     * A copy of {@code woven} (woven with {@code placeholders}) whose placeholder constants hold the ids of
     * {@code ids} instead; null when a placeholder is found more than once, or the file cannot be read. A
     * placeholder not found at all is that of a method left unwoven.
     */
    static byte[] withIds(byte[] woven, Map<String, Integer> placeholders, Map<String, Integer> ids) {
        int[] constants;
        try {
            constants = ClassHeader.constants(woven);
        } catch (RuntimeException malformed) {
            return null;
        }
        if (constants == null) {
            return null;
        }
        Map<Integer, Integer> idOf = new HashMap<>();
        for (Map.Entry<String, Integer> placeholder : placeholders.entrySet()) {
            Integer id = ids.get(placeholder.getKey());
            if (id == null) {
                return null;
            }
            idOf.put(placeholder.getValue(), id);
        }
        byte[] copy = Arrays.copyOf(woven, woven.length);
        for (int i = 1; i < constants.length; i++) {
            int at = constants[i];
            if (!isPlaceholder(woven, at, placeholders.size())) {
                continue;
            }
            Integer id = idOf.remove(ClassHeader.int32(woven, at + 1));
            if (id == null) {
                return null; // a second constant with the same placeholder
            }
            copy[at + 1] = (byte) (id >>> 24);
            copy[at + 2] = (byte) (id >>> 16);
            copy[at + 3] = (byte) (id >>> 8);
            copy[at + 4] = (byte) (int) id;
        }
        return copy;
    }

    /**
     * Whether the constant at {@code at} (0: the unused slot after a long or double) is an integer with
     * the value of one of {@code count} placeholders.
     */
    private static boolean isPlaceholder(byte[] classFile, int at, int count) {
        if (at == 0 || classFile[at] != CONSTANT_INTEGER) {
            return false;
        }
        long value = ClassHeader.int32(classFile, at + 1);
        return value >= FIRST_PLACEHOLDER && value < (long) FIRST_PLACEHOLDER + count;
    }
}
