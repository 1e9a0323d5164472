package io.resilienceagent;

/**
 * Thrown instead of calling a protected method while its service's circuit breaker is OPEN, or when
 * the HALF_OPEN breaker already admits as many trial calls as it allows. The method body does not
 * run and no retry follows.
 *
 * <p>Unchecked, so it can surface from any method whatever its {@code throws} clause. The agent puts
 * this class on the bootstrap class path, so every class loader sees the same class and application
 * code may catch it by name. It is created without a stack trace: a rejection is a fast, expected
 * outcome, and the caller's stack is of no use in diagnosing an outage.
 */
public class CircuitBreakerOpenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String service;

    public CircuitBreakerOpenException(String service, Throwable lastFailure) {
        this(service, "Circuit breaker open for " + service, lastFailure);
    }

    /** With a message built once per service, so that a rejection allocates little. */
    public CircuitBreakerOpenException(String service, String message, Throwable lastFailure) {
        super(message, lastFailure, false, false);
        this.service = service;
    }

    /** The name of the service whose breaker rejected the call. */
    public String service() {
        return service;
    }
}
