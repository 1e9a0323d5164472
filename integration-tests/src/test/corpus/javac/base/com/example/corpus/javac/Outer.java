package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/**
 * Nested classes: {@code Outer$Inner} reads a private field of its outer instance (a synthetic
 * {@code access$} method before Java 11, a nestmate access after), {@code Outer$Nested} is static, and
 * {@code Outer$1} is anonymous.
 */
public final class Outer {
    private final int factor;

    public Outer(int factor) {
        this.factor = factor;
    }

    /** An inner class. */
    public final class Inner {
        public int times(int x) {
            Flaky.step("javac.inner");
            return x * factor;
        }
    }

    /** A static nested class. */
    public static final class Nested {
        public String tag(String s) {
            Flaky.step("javac.nested");
            return "<" + s + ">";
        }
    }

    public Task anonymous() {
        return new Task() {
            @Override
            public int run(int x) {
                Flaky.step("javac.anonymous");
                return x + factor;
            }
        };
    }
}
