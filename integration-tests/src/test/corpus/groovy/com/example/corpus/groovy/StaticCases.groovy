package com.example.corpus.groovy

import com.example.corpus.support.Flaky
import groovy.transform.CompileStatic

/** The same kinds of bodies compiled statically: direct calls, as javac would write them, with Groovy's own shapes. */
@CompileStatic
class StaticCases {
    static Object last
    private final Object lock = new Object()
    private long balance = 100

    static void voidCase(int a, int b) {
        Flaky.step('groovy.static.void')
        last = a * b
    }

    boolean booleanCase(int a) {
        Flaky.step('groovy.static.boolean')
        a > 3
    }

    byte byteCase(int a) {
        Flaky.step('groovy.static.byte')
        (byte) (a + 1)
    }

    char charCase(char c, int shift) {
        Flaky.step('groovy.static.char')
        (char) (((int) c) + shift)
    }

    short shortCase(short a, short b) {
        Flaky.step('groovy.static.short')
        (short) (a * b)
    }

    static int intCase(int a, int b) {
        Flaky.step('groovy.static.int')
        a + b
    }

    long longCase(long a, int b) {
        Flaky.step('groovy.static.long')
        a * b
    }

    float floatCase(float a, float b) {
        Flaky.step('groovy.static.float')
        (float) (a / b)
    }

    double doubleCase(double a, double b) {
        Flaky.step('groovy.static.double')
        a * b
    }

    String stringCase(String prefix, int n) {
        Flaky.step('groovy.static.string')
        "$prefix-$n".toString()
    }

    int[] intArrayCase(int n) {
        Flaky.step('groovy.static.intArray')
        int[] values = new int[n]
        for (int i = 0; i < n; i++) {
            values[i] = i * i
        }
        values
    }

    static double wide(long a, int b, double c, long d) {
        Flaky.step('groovy.static.wide')
        a * b + c * d
    }

    String reassign(int a, long b, String s) {
        a = a * 10
        b = b + 1000
        s = s + '!'
        Flaky.step('groovy.static.reassign')
        "$a/$b/$s".toString()
    }

    synchronized String syncMethod(int a) {
        Flaky.step('groovy.static.sync.method')
        "held=${Thread.holdsLock(this)},sum=${a + balance}".toString()
    }

    int syncBlock(int a) {
        boolean inside
        synchronized (lock) {
            Flaky.step('groovy.static.sync.block')
            inside = Thread.holdsLock(lock)
        }
        inside && !Thread.holdsLock(lock) ? a * 3 : -1
    }

    int tryCatchFinally(int a) {
        int result = 0
        try {
            Flaky.step('groovy.static.tryCatchFinally')
            result = Integer.parseInt('x' + a)
        } catch (NumberFormatException e) {
            result = a * 2
        } finally {
            result += 1
        }
        result
    }

    int switchInt(int n) {
        Flaky.step('groovy.static.switch')
        switch (n) {
            case 0: return 10
            case 1: return 11
            case 2: return 12
            default: return -1
        }
    }

    int closure(int a, int n) {
        Flaky.step('groovy.static.closure')
        Closure<Integer> times = { int x -> x * a }
        int sum = 0
        for (int i = 1; i <= n; i++) {
            sum += times.call(i)
        }
        sum
    }
}
