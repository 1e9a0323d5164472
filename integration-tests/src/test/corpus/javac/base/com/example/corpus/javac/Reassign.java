package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/**
 * Bodies that overwrite their parameters before they fail: a retry must see the original arguments,
 * so a repeated body would compute from the changed values if the weaver did not restore them.
 */
public final class Reassign {
    private int calls;

    public static String everything(int a, long b, double c, String s, int[] values) {
        a = a * 10;
        b = b + 1000;
        c = -c;
        s = s + "!";
        values = new int[] {a};
        Flaky.step("javac.reassign.everything");
        return a + "/" + b + "/" + c + "/" + s + "/" + values.length;
    }

    public long countDown(long n, int step) {
        calls++;
        long sum = 0;
        while (n > 0) {
            sum += n;
            n -= step;
        }
        Flaky.step("javac.reassign.countDown");
        return sum;
    }
}
