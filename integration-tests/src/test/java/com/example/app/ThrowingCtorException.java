package com.example.app;

/** An {@code openException} whose {@code (String)} constructor throws. */
public class ThrowingCtorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ThrowingCtorException(String message) {
        super(message);
        throw new IllegalStateException("ThrowingCtorException(String) exploded");
    }
}
