package com.example.reload;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

/**
 * One soak thread: calls {@link QuoteClient#quote} in a loop until stopped, cycling through the modes
 * {@code ok}, {@code flaky} and {@code down}, and records what each call did: its outcome, how many
 * times the body ran, and for {@code down} calls the attempts in order. Calls whose outcome is not the
 * one a retrying caller expects ({@code ok}: returned after one run; {@code flaky}: returned after two;
 * {@code down}: the original {@link ConnectException}) are kept as anomalies.
 */
final class SoakWorker implements Runnable {
    private static final String[] MODES = {"ok", "flaky", "down"};
    private static final int MAX_ANOMALIES = 5;

    private final QuoteClient client;
    private final String name;
    private volatile boolean stopped;
    private long calls;
    private long runs;
    private long failedRuns;
    private final RunLengths downAttempts = new RunLengths();
    private final List<String> anomalies = new ArrayList<>();
    private long anomalyCount;

    SoakWorker(QuoteClient client, String name) {
        this.client = client;
        this.name = name;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped) {
            String mode = MODES[(int) (calls % MODES.length)];
            calls++;
            Runs.reset();
            String value = null;
            Throwable thrown = null;
            try {
                value = client.quote(mode);
            } catch (Throwable t) {
                thrown = t;
            }
            int attempts = Runs.get();
            runs += attempts;
            boolean expected = switch (mode) {
                case "ok" -> thrown == null && attempts == 1;
                case "flaky" -> thrown == null && attempts == 2;
                default -> thrown != null && thrown.getClass() == ConnectException.class;
            };
            // every run of a down call fails; a flaky call's first run fails
            failedRuns += mode.equals("down") ? attempts : mode.equals("flaky") ? Math.min(attempts, 1) : 0;
            if (mode.equals("down")) {
                downAttempts.add(attempts);
            }
            if (!expected) {
                anomalyCount++;
                if (anomalies.size() < MAX_ANOMALIES) {
                    anomalies.add("ANOMALY thread=" + name + " call=" + calls + " mode=" + mode + " attempts=" + attempts
                            + " value=" + value + " thrown=" + String.valueOf(thrown).replace('\n', ' '));
                }
            }
        }
    }

    long calls() {
        return calls;
    }

    long runs() {
        return runs;
    }

    long failedRuns() {
        return failedRuns;
    }

    /** {@code THREAD name=.. calls=.. runs=.. failedRuns=.. anomalies=.. down=2x120,3x98}, then the anomalies kept. */
    List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add("THREAD name=" + name + " calls=" + calls + " runs=" + runs + " failedRuns=" + failedRuns
                + " anomalies=" + anomalyCount + " down=" + downAttempts);
        lines.addAll(anomalies);
        return lines;
    }
}
