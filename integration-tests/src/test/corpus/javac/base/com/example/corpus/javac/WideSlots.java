package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/** long and double parameters take two local slots each; the weaver's copies must follow them. */
public final class WideSlots {
    private final long base;

    public WideSlots(long base) {
        this.base = base;
    }

    public static long mix(long a, int b, double c, long d) {
        Flaky.step("javac.wide.mix");
        long x = a * b;
        double y = c * d;
        return x + (long) y;
    }

    public double blend(int a, double b, long c, float d, double e) {
        Flaky.step("javac.wide.blend");
        double total = a + b;
        total = total * c + d;
        return total - e + base;
    }
}
