package com.example.corpus.javac;

/** A generic interface: implementing it for String makes javac write a bridge {@code apply(Object)}. */
public interface Transformer<T> {
    T apply(T value);
}
