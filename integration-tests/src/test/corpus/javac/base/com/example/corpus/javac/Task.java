package com.example.corpus.javac;

/** What the anonymous class in {@link Outer} implements. */
public interface Task {
    int run(int x);
}
