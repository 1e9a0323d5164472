package com.example.app;

/** An {@code openException} whose static initialiser throws (ExceptionInInitializerError on first use). */
public class BrokenInitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int BROKEN = explode();

    public BrokenInitException(String message) {
        super(message + BROKEN);
    }

    private static int explode() {
        throw new IllegalStateException("BrokenInitException.<clinit> exploded");
    }
}
