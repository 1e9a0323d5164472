package com.example.async;

import java.util.concurrent.CompletableFuture;

/**
 * A public {@code CompletableFuture} subclass with a public no-argument constructor, as some libraries
 * declare as their return type: callers rely on getting this type back.
 */
public class TrackedFuture<T> extends CompletableFuture<T> {
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new TrackedFuture<>();
    }
}
