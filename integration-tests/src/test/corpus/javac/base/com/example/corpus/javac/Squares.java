package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/** The bridge for a generic abstract class, with a covariant (boxed) return. */
public final class Squares extends Producer<Integer> {
    @Override
    public Integer make(int n) {
        Flaky.step("javac.bridge.abstract");
        return n * n;
    }
}
