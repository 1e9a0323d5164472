package com.example.sample;

/** An abstract class a pattern may name; its subclasses are covered. */
public abstract class BaseClient {
    public abstract String call();
}
