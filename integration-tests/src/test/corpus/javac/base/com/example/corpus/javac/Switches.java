package com.example.corpus.javac;

import com.example.corpus.support.Flaky;
import java.util.concurrent.TimeUnit;

/** tableswitch, lookupswitch, a string switch (hash lookupswitch plus equals) and an enum switch (a synthetic switch map class). */
public final class Switches {
    private Switches() {
    }

    public static String table(int n) {
        Flaky.step("javac.switch.table");
        switch (n) {
            case 0: return "zero";
            case 1: return "one";
            case 2: return "two";
            case 3: return "three";
            case 4: return "four";
            default: return "many";
        }
    }

    public static int lookup(int n) {
        Flaky.step("javac.switch.lookup");
        switch (n) {
            case -1000: return 1;
            case 7: return 2;
            case 100000: return 3;
            default: return 0;
        }
    }

    public static int string(String s) {
        Flaky.step("javac.switch.string");
        switch (s) {
            case "alpha": return 1;
            case "beta": return 2;
            case "gamma": return 3;
            default: return -1;
        }
    }

    public static String enumSwitch(TimeUnit unit) {
        Flaky.step("javac.switch.enum");
        switch (unit) {
            case SECONDS: return "s";
            case MILLISECONDS: return "ms";
            default: return unit.name();
        }
    }
}
