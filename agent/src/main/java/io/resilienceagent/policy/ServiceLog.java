package io.resilienceagent.policy;

import io.resilienceagent.log.AgentLog;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log lines of one service's calls: retries, rejections and denied retries, the last two at most
 * once a second so that an outage under load cannot flood the log. Lines name classes, messages and
 * statuses, never argument or return values (a URL in a message loses its user info, query and fragment).
 */
final class ServiceLog {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_MESSAGE_LENGTH = 200;
    /** How much of a message is looked at for URLs: more than the line keeps, however its spaces fold. */
    private static final int MAX_SCANNED_LENGTH = 4 * MAX_MESSAGE_LENGTH;

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
     * The message with each URL's user info, query and fragment dropped ({@code https://api.example.com/v1?...}):
     * clients put the request's URL in their messages, and those parts may carry an API key, a token or
     * a password, which are the caller's arguments. Only the start of a long message is looked at (the
     * log line keeps less), and each character once.
     */
    static String withoutUrlSecrets(String message) {
        String head = message.length() > MAX_SCANNED_LENGTH ? message.substring(0, MAX_SCANNED_LENGTH) : message;
        int scheme = head.indexOf("://");
        if (scheme < 0) {
            return head;
        }
        StringBuilder kept = new StringBuilder(head.length());
        int i = 0;
        while (scheme >= 0) {
            int authority = scheme + 3;
            kept.append(head, i, authority);
            int end = authority;
            int path = -1; // the first '/' after the authority: user info ends before it
            int lastAt = -1;
            while (end < head.length() && !endsUrl(head.charAt(end))) {
                char c = head.charAt(end);
                if (c == '/' && path < 0) {
                    path = end;
                } else if (c == '@' && path < 0) {
                    lastAt = end;
                }
                end++;
            }
            int from = lastAt >= 0 ? lastAt + 1 : authority;
            int secret = from;
            while (secret < end && head.charAt(secret) != '?' && head.charAt(secret) != '#') {
                secret++;
            }
            kept.append(head, from, secret < end ? secret + 1 : end);
            if (secret < end) {
                kept.append("...");
            }
            i = end;
            scheme = head.indexOf("://", end);
        }
        return kept.append(head, i, head.length()).toString();
    }

    private static boolean endsUrl(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>';
    }
}
