package io.resilienceagent.policy;

import io.resilienceagent.log.AgentLog;

/**
 * The log lines of one service's calls: retries, rejections and denied retries, the last two at most
 * once a second so that an outage under load cannot flood the log. Lines name classes, messages and
 * statuses, never argument or return values.
 */
final class ServiceLog {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_MESSAGE_LENGTH = 200;

    private final String service;
    private final Clock clock;
    private volatile long nextRejectionLine = Long.MIN_VALUE;
    private volatile long nextBudgetLine = Long.MIN_VALUE;

    ServiceLog(String service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** {@code WARN  Retrying Class.method after <failure> (attempt n/m)}; built only when WARN is on. */
    void retrying(String method, Throwable thrown, int status, int nextAttempt, int maxAttempts) {
        if (AgentLog.isEnabled(AgentLog.Level.WARN)) {
            AgentLog.warn("Retrying " + method + " after " + describe(thrown, status)
                    + " (attempt " + nextAttempt + "/" + maxAttempts + ")");
        }
    }

    /** {@code ERROR Circuit breaker open for <service>}, at most once a second. */
    void rejected() {
        if (due(true)) {
            AgentLog.error("Circuit breaker open for " + service);
        }
    }

    /** {@code WARN  Retry budget exhausted for <service>}, at most once a second. */
    void budgetExhausted() {
        if (due(false)) {
            AgentLog.warn("Retry budget exhausted for " + service);
        }
    }

    private boolean due(boolean rejection) {
        long now = clock.nanoTime();
        long next = rejection ? nextRejectionLine : nextBudgetLine;
        if (next != Long.MIN_VALUE && now - next < 0) {
            return false;
        }
        if (rejection) {
            nextRejectionLine = now + INTERVAL_NANOS;
        } else {
            nextBudgetLine = now + INTERVAL_NANOS;
        }
        return true;
    }

    /** The failure as the log shows it: class and message, or the status; never argument values. */
    static String describe(Throwable thrown, int status) {
        if (thrown == null) {
            return "HTTP " + status;
        }
        String message = thrown.getMessage();
        if (message == null || message.isBlank()) {
            return thrown.getClass().getName();
        }
        return thrown.getClass().getName() + ": " + oneLine(message);
    }

    /** Folds runs of white space (line breaks included) into single spaces and cuts the result short. */
    private static String oneLine(String message) {
        StringBuilder folded = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_LENGTH + 3));
        boolean space = false;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                space = folded.length() > 0;
                continue;
            }
            if (folded.length() + (space ? 1 : 0) >= MAX_MESSAGE_LENGTH) {
                return folded.append("...").toString();
            }
            if (space) {
                folded.append(' ');
                space = false;
            }
            folded.append(c);
        }
        return folded.toString();
    }
}
