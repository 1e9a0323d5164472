package io.resilienceagent.it.reload;

import io.resilienceagent.it.harness.ResilienceYaml;

/**
 * The config files of the live-reload tests. Waits are short so retries are quick, and breakers do not
 * open unless a test opens them; {@code maxAttempts} is what the tests change and observe (the count of
 * body runs of a call that always fails). Files that differ only in a one-digit {@code maxAttempts} have
 * the same size.
 */
final class ReloadConfigs {
    static final String APP = "com.example.reload.";
    static final String QUOTE = APP + "QuoteClient.quote";
    static final String PEEK = APP + "QuoteClient.peek";
    static final String LEDGER = APP + "LedgerClient.post";
    static final String LENIENT_BREAKER = "circuitBreaker: { failureThreshold: 1000, recoveryTimeout: 60s }";

    private ReloadConfigs() {
    }

    /** {@code retry: { maxAttempts: N, ... }} with 10 ms waits. */
    static String retry(int maxAttempts) {
        return "retry: { maxAttempts: " + maxAttempts + ", minWait: 10ms, maxWait: 10ms }";
    }

    /** One service, {@code quotes}, protecting {@code QuoteClient.quote} with {@code maxAttempts} attempts. */
    static ResilienceYaml quotes(int maxAttempts) {
        return ResilienceYaml.create().service("quotes", retry(maxAttempts), LENIENT_BREAKER).method(QUOTE, "quotes");
    }

    /** A file with a YAML syntax error, as an editor saved half-way through a change would leave it. */
    static String malformed(int maxAttempts) {
        return "services:\n  quotes:\n    retry: { maxAttempts: " + maxAttempts + ", minWait: 10ms\n"
                + "methods:\n  \"" + QUOTE + "\": quotes\n";
    }
}
