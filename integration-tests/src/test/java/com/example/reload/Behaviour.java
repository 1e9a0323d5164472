package com.example.reload;

import java.net.ConnectException;

/**
 * What one run of a client method does, by the mode the caller passes: {@code ok} returns, {@code down}
 * always throws a {@link ConnectException} (transient, so the agent retries it), {@code flaky} throws it
 * on the call's first run only and returns on the next, {@code gated} waits at the {@link Gate} and then
 * behaves as {@code down}. Every run is counted first ({@link Runs}), so the caller sees how many times
 * the body ran, with or without the agent.
 */
final class Behaviour {
    private Behaviour() {
    }

    static String run(String client, String mode) throws ConnectException, InterruptedException {
        int run = Runs.bump();
        switch (mode) {
            case "ok" -> {
                return client + " ok";
            }
            case "down" -> throw new ConnectException(client + " refused");
            case "flaky" -> {
                if (run == 1) {
                    throw new ConnectException(client + " refused once");
                }
                return client + " ok after " + run;
            }
            case "gated" -> {
                Gate.pass(run);
                throw new ConnectException(client + " refused after the gate");
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }
}
