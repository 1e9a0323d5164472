package io.resilienceagent.cli;

/** A command that cannot go on: what to tell the operator, and the exit status (1, or 2 for wrong usage). */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    CliFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
