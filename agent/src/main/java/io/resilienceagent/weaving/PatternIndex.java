package io.resilienceagent.weaving;

import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which mappings name a class, found from the class's name alone at a cost that does not grow with
 * the number of patterns. A pattern's class part is filed under its exact name when it has no
 * wildcard, else under its literal package prefix (the segments before the first one with a
 * {@code *}): {@code com.example.*Client} under {@code com/example/}, {@code com.*.Api} under
 * {@code com/}, {@code *.Api} under the empty prefix (checked for every class). One pass over a class's
 * name looks up the name and each of its package prefixes; only the patterns filed there are then
 * matched against the name. A class no pattern names costs that pass and allocates nothing. Names and
 * prefixes share one table (a prefix ends with {@code /}, a class name never does), looked up from one
 * place: this runs for every class loaded, and the JIT compiles what it inlines at each call site.
 */
final class PatternIndex {
    private final String[] internalGlobs;
    /** Per wildcard pattern, the literal text after its last {@code *}: a name that does not end with it cannot match. */
    private final String[] literalEnds;
    /** Exact class names to the mappings naming them, and package prefixes to the wildcard patterns filed there. */
    private final NameTable names;
    private final int[] underEmptyPrefix;
    private final boolean hasWildcards;
    private final List<String> exactNames;

    PatternIndex(List<MethodMapping> mappings) {
        this.internalGlobs = new String[mappings.size()];
        this.literalEnds = new String[mappings.size()];
        Map<String, List<Integer>> exactLists = new LinkedHashMap<>();
        Map<String, List<Integer>> prefixLists = new LinkedHashMap<>();
        for (int i = 0; i < mappings.size(); i++) {
            MethodPattern pattern = mappings.get(i).pattern();
            String glob = pattern.classGlob().replace('.', '/');
            internalGlobs[i] = glob;
            literalEnds[i] = glob.substring(glob.lastIndexOf('*') + 1);
            int star = glob.indexOf('*');
            if (star < 0) {
                file(exactLists, glob, i);
            } else {
                file(prefixLists, glob.substring(0, glob.lastIndexOf('/', star) + 1), i);
            }
        }
        List<Integer> global = prefixLists.remove("");
        this.underEmptyPrefix = global == null ? NameTable.NONE : toArray(global);
        this.hasWildcards = global != null || !prefixLists.isEmpty();
        this.exactNames = List.copyOf(exactLists.keySet());
        Map<String, int[]> both = toArrays(exactLists);
        both.putAll(toArrays(prefixLists));
        this.names = new NameTable(both);
    }

    /** The indexes, in file order, of the mappings whose class part matches {@code internalName}. */
    int[] mappingsNaming(String internalName) {
        int[] found = NameTable.NONE;
        int hash = 0;
        int last = internalName.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = internalName.charAt(i);
            hash = 31 * hash + c;
            if (c == '/' || i == last) {
                int[] filed = names.get(internalName, i + 1, hash);
                if (filed.length > 0) {
                    // at a '/', a package prefix: its wildcard patterns are candidates; at the end, the class's own name
                    found = union(found, c == '/' ? matching(filed, internalName) : filed);
                }
            }
        }
        if (underEmptyPrefix.length > 0) {
            found = union(found, matching(underEmptyPrefix, internalName));
        }
        return found;
    }

    /** Whether some pattern has a wildcard in its class part, so that any type could be one it names. */
    boolean hasWildcards() {
        return hasWildcards;
    }

    /** The class names (internal form) that patterns without wildcards name. */
    List<String> exactNames() {
        return exactNames;
    }

    private int[] matching(int[] candidates, String internalName) {
        int[] matches = NameTable.NONE;
        for (int index : candidates) {
            if (internalName.endsWith(literalEnds[index]) && MethodPattern.globMatches(internalGlobs[index], internalName)) {
                matches = union(matches, new int[] {index});
            }
        }
        return matches;
    }

    /** The sorted union of two sorted index arrays; either one itself when the other adds nothing. */
    static int[] union(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] merged = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int next = j >= b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            if (i < a.length && a[i] == next) {
                i++;
            }
            if (j < b.length && b[j] == next) {
                j++;
            }
            merged[n++] = next;
        }
        if (n == a.length) {
            return a;
        }
        return n == merged.length ? merged : java.util.Arrays.copyOf(merged, n);
    }

    // Plain loops, no lambdas: this runs before main, where each lambda costs a generated class.

    private static void file(Map<String, List<Integer>> lists, String name, int index) {
        List<Integer> list = lists.get(name);
        if (list == null) {
            list = new ArrayList<>();
            lists.put(name, list);
        }
        list.add(index);
    }

    private static Map<String, int[]> toArrays(Map<String, List<Integer>> lists) {
        Map<String, int[]> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> entry : lists.entrySet()) {
            arrays.put(entry.getKey(), toArray(entry.getValue()));
        }
        return arrays;
    }

    private static int[] toArray(List<Integer> list) {
        int[] array = new int[list.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = list.get(i);
        }
        return array;
    }
}
