package com.example.corpus.javac;

import com.example.corpus.support.Flaky;
import java.io.Closeable;

/** try/catch/finally, a return inside try with a finally, and try-with-resources around the failure. */
public final class Flow {
    private Flow() {
    }

    public static int tryCatchFinally(int a) {
        int result = 0;
        try {
            Flaky.step("javac.flow.tryCatchFinally");
            result = Integer.parseInt("x" + a);
        } catch (NumberFormatException e) {
            result = a * 2;
        } finally {
            result += 1;
        }
        return result;
    }

    public static String returnInTry(String s) {
        StringBuilder trace = new StringBuilder();
        try {
            trace.append("try;");
            Flaky.step("javac.flow.returnInTry");
            return s + trace;
        } finally {
            trace.append("finally;");
        }
    }

    public static int withResources(final int a) throws Exception {
        final int[] closed = new int[1];
        try (Closeable resource = new Closeable() {
            @Override
            public void close() {
                closed[0]++;
            }
        }) {
            Flaky.step("javac.flow.withResources");
            return a + closed[0];
        }
    }
}
