package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/** Nestmates (Java 11+): {@code Nest$Member} reads {@code Nest}'s private state without synthetic accessors. */
public final class Nest {
    private final int secret;

    public Nest(int secret) {
        this.secret = secret;
    }

    /** Reaches into its host's private field and private method. */
    public final class Member {
        public int reveal(int x) {
            Flaky.step("javac.nestmate");
            return hidden(x) + secret;
        }
    }

    private int hidden(int x) {
        return x * 100;
    }
}
