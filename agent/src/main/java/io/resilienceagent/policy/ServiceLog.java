package io.resilienceagent.policy;

import io.resilienceagent.log.AgentLog;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log lines of one service's calls: retries, rejections and denied retries, the last two at most
 * once a second so that an outage under load cannot flood the log. Lines name classes, messages and
 * statuses, never argument or return values (a URL in a message loses its user info and query).
 */
final class ServiceLog {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_MESSAGE_LENGTH = 200;

    private final String service;
    private final Clock clock;
    private final AtomicLong nextRejectionLine = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong nextBudgetLine = new AtomicLong(Long.MIN_VALUE);

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
        if (due(nextRejectionLine)) {
            AgentLog.error("Circuit breaker open for " + service);
        }
    }

    /** {@code WARN  Retry budget exhausted for <service>}, at most once a second. */
    void budgetExhausted() {
        if (due(nextBudgetLine)) {
            AgentLog.warn("Retry budget exhausted for " + service);
        }
    }

    /** Whether the line is due; of the threads that find it due at once, one only gets true. */
    private boolean due(AtomicLong nextLine) {
        long now = clock.nanoTime();
        long next = nextLine.get();
        if (next != Long.MIN_VALUE && now - next < 0) {
            return false;
        }
        return nextLine.compareAndSet(next, now + INTERVAL_NANOS);
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
        return thrown.getClass().getName() + ": " + oneLine(withoutUrlSecrets(message));
    }

    /**
     * Folds runs of white space and control characters (line breaks, terminal escapes) into single
     * spaces and cuts the result short, never inside a character's surrogate pair.
     */
    private static String oneLine(String message) {
        StringBuilder folded = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_LENGTH + 3));
        boolean space = false;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                space = folded.length() > 0;
                continue;
            }
            int room = MAX_MESSAGE_LENGTH - (Character.isHighSurrogate(c) ? 1 : 0);
            if (folded.length() + (space ? 1 : 0) >= room) {
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

    /**
     * The message with each URL's user info and query dropped ({@code https://api.example.com/v1?...}):
     * clients put the request's URL in their messages, and its query or user info may carry an API key
     * or a password, which are the caller's arguments.
     */
    static String withoutUrlSecrets(String message) {
        int scheme = message.indexOf("://");
        if (scheme < 0) {
            return message;
        }
        StringBuilder kept = new StringBuilder(message.length());
        int i = 0;
        while (scheme >= 0) {
            int authority = scheme + 3;
            kept.append(message, i, authority);
            int end = authority;
            while (end < message.length() && !endsUrl(message.charAt(end))) {
                end++;
            }
            int hostEnd = authority;
            while (hostEnd < end && "/?#".indexOf(message.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            int userInfo = message.lastIndexOf('@', hostEnd - 1);
            int from = userInfo >= authority ? userInfo + 1 : authority;
            int query = message.indexOf('?', from);
            kept.append(message, from, query >= 0 && query < end ? query + 1 : end);
            if (query >= 0 && query < end) {
                kept.append("...");
            }
            i = end;
            scheme = message.indexOf("://", end);
        }
        return kept.append(message, i, message.length()).toString();
    }

    private static boolean endsUrl(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == ')' || c == ']';
    }
}
