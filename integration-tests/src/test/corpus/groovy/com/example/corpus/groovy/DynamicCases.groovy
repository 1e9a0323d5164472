package com.example.corpus.groovy

import com.example.corpus.support.Flaky

/**
 * Dynamic Groovy: every call in these bodies goes through invokedynamic call sites and the meta-class.
 * One method per return type, wide slots, reassigned parameters, static and instance methods,
 * synchronized, try/catch/finally, switches and a closure.
 */
class DynamicCases {
    static Object last
    private final Object lock = new Object()
    private long balance = 100

    static void voidCase(int a, int b) {
        Flaky.step('groovy.dynamic.void')
        last = a * b
    }

    boolean booleanCase(int a) {
        Flaky.step('groovy.dynamic.boolean')
        a > 3
    }

    byte byteCase(int a) {
        Flaky.step('groovy.dynamic.byte')
        (byte) (a + 1)
    }

    char charCase(char c, int shift) {
        Flaky.step('groovy.dynamic.char')
        (char) (((int) c) + shift)
    }

    short shortCase(short a, short b) {
        Flaky.step('groovy.dynamic.short')
        (short) (a * b)
    }

    static int intCase(int a, int b) {
        Flaky.step('groovy.dynamic.int')
        a + b
    }

    long longCase(long a, int b) {
        Flaky.step('groovy.dynamic.long')
        a * b
    }

    float floatCase(float a, float b) {
        Flaky.step('groovy.dynamic.float')
        a / b
    }

    double doubleCase(double a, double b) {
        Flaky.step('groovy.dynamic.double')
        a * b
    }

    String stringCase(String prefix, int n) {
        Flaky.step('groovy.dynamic.string')
        "$prefix-$n".toString()
    }

    int[] intArrayCase(int n) {
        Flaky.step('groovy.dynamic.intArray')
        (0..<n).collect { it * it } as int[]
    }

    static double wide(long a, int b, double c, long d) {
        Flaky.step('groovy.dynamic.wide')
        a * b + c * d
    }

    String reassign(int a, long b, String s) {
        a = a * 10
        b = b + 1000
        s = s + '!'
        Flaky.step('groovy.dynamic.reassign')
        "$a/$b/$s".toString()
    }

    synchronized String syncMethod(int a) {
        Flaky.step('groovy.dynamic.sync.method')
        "held=${Thread.holdsLock(this)},sum=${a + balance}".toString()
    }

    int syncBlock(int a) {
        boolean inside
        synchronized (lock) {
            Flaky.step('groovy.dynamic.sync.block')
            inside = Thread.holdsLock(lock)
        }
        inside && !Thread.holdsLock(lock) ? a * 3 : -1
    }

    int tryCatchFinally(int a) {
        int result = 0
        try {
            Flaky.step('groovy.dynamic.tryCatchFinally')
            result = Integer.parseInt('x' + a)
        } catch (NumberFormatException e) {
            result = a * 2
        } finally {
            result += 1
        }
        result
    }

    String switchString(String s) {
        Flaky.step('groovy.dynamic.switch')
        switch (s) {
            case 'alpha': return 'one'
            case ~/b.*/: return 'b-word'
            case [1, 2, 3]: return 'small'
            default: return 'other'
        }
    }

    int closure(int a, int n) {
        Flaky.step('groovy.dynamic.closure')
        (1..n).collect { it * a }.sum() as int
    }
}
