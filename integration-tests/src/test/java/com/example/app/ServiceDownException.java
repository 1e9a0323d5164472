package com.example.app;

/** The application's own "service unavailable" exception, configured as a service's {@code openException}. */
public class ServiceDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceDownException(String message) {
        super(message);
    }
}
