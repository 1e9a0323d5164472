package com.example.reload;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence of numbers written compactly as runs, {@code 2x120,3x98}: how a soak thread reports the
 * attempts of its thousands of calls in one line, in the order they happened.
 */
final class RunLengths {
    private final List<int[]> runs = new ArrayList<>();

    void add(int value) {
        int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && last[0] == value) {
            last[1]++;
        } else {
            runs.add(new int[] {value, 1});
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int[] run : runs) {
            parts.add(run[0] + "x" + run[1]);
        }
        return parts.isEmpty() ? "-" : String.join(",", parts);
    }
}
