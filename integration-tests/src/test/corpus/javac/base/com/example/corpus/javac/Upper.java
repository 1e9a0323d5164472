package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/** The real method {@code apply(String)} is woven; javac's bridge {@code apply(Object)} only calls it. */
public final class Upper implements Transformer<String> {
    @Override
    public String apply(String value) {
        Flaky.step("javac.bridge.interface");
        return value.toUpperCase();
    }
}
