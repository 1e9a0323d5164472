package com.example.corpus.javac.help;

/** Where corpus methods without a return value leave their result, for the suite to read. Not covered by the config. */
public final class Sink {
    public static volatile Object last;

    private Sink() {
    }
}
