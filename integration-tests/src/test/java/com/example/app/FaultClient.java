package com.example.app;

import java.net.ConnectException;

/** Protected methods for {@link FaultApp}; {@link #attempts} counts body runs of the current step. */
public final class FaultClient {
    static int attempts;

    /** Refused once, then answers. */
    public Object flaky() throws ConnectException {
        if (++attempts == 1) {
            throw new ConnectException("Connection refused (simulated)");
        }
        return "flaky-ok";
    }

    public Object explodingStatus() {
        attempts++;
        return new ExplodingStatus();
    }

    public Object throwStatusBomb() throws StatusBombException {
        attempts++;
        throw new StatusBombException();
    }

    public Object poisonedCause() throws ConnectException {
        attempts++;
        throw new PoisonedCauseException();
    }

    /** Always refused; its service's openException cannot be constructed. */
    public Object ctorBomb() throws ConnectException {
        attempts++;
        throw new ConnectException("Connection refused (simulated)");
    }

    /** Always refused; its service's openException cannot be initialised. */
    public Object initBomb() throws ConnectException {
        attempts++;
        throw new ConnectException("Connection refused (simulated)");
    }

    /**
     * {@code fail}: refused; {@code optional-dep}: returns the generated
     * {@code com.example.generated.OptionalDependencyResponse}, whose class names a type missing at
     * run time (an optional dependency that is not installed), so reflecting on it throws
     * {@link NoClassDefFoundError}; {@code ok}: answers.
     */
    public Object optional(String mode) throws Exception {
        attempts++;
        return switch (mode) {
            case "fail" -> throw new ConnectException("Connection refused (simulated)");
            case "optional-dep" -> Class.forName("com.example.generated.OptionalDependencyResponse")
                    .getConstructor().newInstance();
            default -> "optional-ok";
        };
    }

    /** {@code fail}: refused; {@code poison}: {@link PoisonedCauseException}; {@code ok}: answers. */
    public Object leaky(String mode) throws ConnectException {
        attempts++;
        return switch (mode) {
            case "fail" -> throw new ConnectException("Connection refused (simulated)");
            case "poison" -> throw new PoisonedCauseException();
            default -> "leaky-ok";
        };
    }
}
