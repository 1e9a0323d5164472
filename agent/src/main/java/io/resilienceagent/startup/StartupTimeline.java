package io.resilienceagent.startup;

/**
 * When each step of start-up ended, for the DEBUG line that shows where the agent's start-up time goes
 * ({@code -Dresilience.logLevel=DEBUG}). Used by the {@code premain} thread only.
 */
final class StartupTimeline {
    private final long started;
    private long injected;
    private long warmedUp;
    private long configReady;
    private long configReadNanos;

    StartupTimeline(long startedNanos) {
        this.started = startedNanos;
    }

    void injected() {
        injected = System.nanoTime();
    }

    void warmedUp() {
        warmedUp = System.nanoTime();
    }

    void configReady(long readNanos) {
        configReady = System.nanoTime();
        configReadNanos = readNanos;
    }

    /** The DEBUG line, once the transformer is installed. */
    String done() {
        long done = System.nanoTime();
        return "resilience-agent started in " + millis(done - started) + " ms (loader and bootstrap classes "
                + millis(injected - started) + " ms, weaver warm-up " + millis(warmedUp - injected)
                + " ms, then waited " + millis(configReady - warmedUp) + " ms for the config, read in "
                + millis(configReadNanos) + " ms on its own thread; transformer " + millis(done - configReady) + " ms)";
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
