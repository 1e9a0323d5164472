package com.example.sample;

import java.net.ConnectException;

/** Method shapes that stress a bytecode weaver: wide primitives, loops, own handlers, reassigned arguments. */
public class TrickyTarget implements Defaulted {

    public long wide(long a, double b, int c) throws ConnectException {
        Failures.maybeFail();
        return a + (long) b + c;
    }

    public double wideResult(double x) throws ConnectException {
        Failures.maybeFail();
        return x * 2;
    }

    /** The body starts with a loop head, so its first instruction carries a stack-map frame. */
    public int loopFirst(int n) throws ConnectException {
        int sum = 0;
        while (n > 0) {
            sum += n--;
        }
        Failures.maybeFail();
        return sum;
    }

    /** Reassigns its argument before failing: a retry must see the original value again. */
    public String reassigns(String value, int times) throws ConnectException {
        value = value + "!";
        times = times * 10;
        Failures.maybeFail();
        return value + times;
    }

    /** Catches its own failure: the method's handler must win over the agent's. */
    public String ownHandler() {
        try {
            Failures.maybeFail();
            return "no failure";
        } catch (ConnectException e) {
            return "handled";
        }
    }

    public synchronized int[] locked(int size) throws ConnectException {
        Failures.maybeFail();
        return new int[size];
    }

    public static char staticChar(char c, boolean upper) throws ConnectException {
        Failures.maybeFail();
        return upper ? Character.toUpperCase(c) : c;
    }

    /** Many locals of mixed sizes, live across a failure point. */
    public String manyLocals(int a) throws ConnectException {
        long b = a * 2L;
        double c = b / 3.0;
        String d = "d" + c;
        int[] e = {a};
        float f = 1.5f;
        Failures.maybeFail();
        return a + ":" + b + ":" + d + ":" + e[0] + ":" + f;
    }

    /** Returns from several places, including inside a loop and a switch. */
    public int multipleReturns(int mode) throws ConnectException {
        Failures.maybeFail();
        switch (mode) {
            case 0:
                return 10;
            case 1:
                for (int i = 0; i < 5; i++) {
                    if (i == 3) {
                        return i;
                    }
                }
                return -1;
            default:
                return mode;
        }
    }
}
