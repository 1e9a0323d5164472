package com.example.corpus.javac;

/** Inherits {@link Greeter#greet} without overriding it. */
public final class PoliteGreeter implements Greeter {
    @Override
    public String name() {
        return "Ada";
    }
}
