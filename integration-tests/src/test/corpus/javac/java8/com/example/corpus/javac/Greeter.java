package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/** An interface default method and a static interface method, both woven in the interface itself. */
public interface Greeter {
    String name();

    default String greet(String greeting) {
        Flaky.step("javac.default");
        return greeting + ", " + name();
    }

    static String shout(String s) {
        Flaky.step("javac.interfaceStatic");
        return s.toUpperCase() + "!";
    }
}
