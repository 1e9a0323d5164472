package io.resilienceagent.weaving;

/**
 * Names (internal class names, or package prefixes ending in {@code /}) to the indexes of the mappings
 * filed under them, looked up by a hash computed while scanning a class name, so that looking up a
 * class's name and every one of its package prefixes costs one pass over the name and allocates
 * nothing. Open addressing; built once, read by many threads.
 */
final class NameTable {
    static final int[] NONE = new int[0];

    private final String[] names;
    /** Each name's {@link String#hashCode}, compared before its characters. */
    private final int[] hashes;
    private final int[][] indexes;
    private final int mask;

    /** @param entries name to mapping indexes; the arrays are kept as they are */
    NameTable(java.util.Map<String, int[]> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 3)) << 1;
        this.names = new String[capacity];
        this.hashes = new int[capacity];
        this.indexes = new int[capacity][];
        this.mask = capacity - 1;
        for (java.util.Map.Entry<String, int[]> entry : entries.entrySet()) {
            int hash = entry.getKey().hashCode();
            int slot = hash & mask;
            while (names[slot] != null) {
                slot = (slot + 1) & mask;
            }
            names[slot] = entry.getKey();
            hashes[slot] = hash;
            indexes[slot] = entry.getValue();
        }
    }

    /**
     * The indexes filed under {@code text.substring(0, length)}, whose {@link String#hashCode} is
     * {@code hash}; {@link #NONE} if none.
     */
    int[] get(String text, int length, int hash) {
        int slot = hash & mask;
        for (String name = names[slot]; name != null; name = names[slot = (slot + 1) & mask]) {
            if (hashes[slot] == hash && name.length() == length && text.regionMatches(0, name, 0, length)) {
                return indexes[slot];
            }
        }
        return NONE;
    }
}
