package com.example.corpus.javac;

/** A generic abstract class: a subclass for Integer gets a bridge {@code make(int)Object}. */
public abstract class Producer<T> {
    public abstract T make(int n);
}
