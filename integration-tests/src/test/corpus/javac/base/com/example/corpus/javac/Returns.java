package com.example.corpus.javac;

import com.example.corpus.javac.help.Sink;
import com.example.corpus.support.Flaky;

/** One static method per return type (Java 7 source: compiled with --release 7, 8 and 17). */
public final class Returns {
    private Returns() {
    }

    public static void voidCase(int a, int b) {
        Flaky.step("javac.void");
        Sink.last = a * b;
    }

    public static boolean booleanCase(int a) {
        Flaky.step("javac.boolean");
        return a > 3;
    }

    public static byte byteCase(int a) {
        Flaky.step("javac.byte");
        return (byte) (a + 1);
    }

    public static char charCase(char c, int shift) {
        Flaky.step("javac.char");
        return (char) (c + shift);
    }

    public static short shortCase(short a, short b) {
        Flaky.step("javac.short");
        return (short) (a * b);
    }

    public static int intCase(int a, int b) {
        Flaky.step("javac.int");
        return a + b;
    }

    public static long longCase(long a, int b) {
        Flaky.step("javac.long");
        return a * b;
    }

    public static float floatCase(float a, float b) {
        Flaky.step("javac.float");
        return a / b;
    }

    public static double doubleCase(double a, double b) {
        Flaky.step("javac.double");
        return a * b;
    }

    public static String stringCase(String prefix, int n) {
        Flaky.step("javac.string");
        return prefix + "-" + n;
    }

    public static int[] intArrayCase(int n) {
        Flaky.step("javac.intArray");
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * i;
        }
        return values;
    }

    public static String[][] objectArrayCase(String a, String b) {
        Flaky.step("javac.objectArray");
        return new String[][] {{a, b}, {b}};
    }
}
