package io.resilienceagent.log;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The agent's log: one line per event on stderr, {@code LEVEL message}, with the level padded to five
 * characters ({@code WARN  Retrying ...}). Hand-written rather than a logging library so that the
 * agent adds nothing to start-up and can never collide with the application's logging set-up.
 *
 * <p>The threshold comes from the system property {@code resilience.logLevel}
 * ({@code DEBUG|INFO|WARN|ERROR|OFF}, default {@code INFO}). Callers pass only names, classes and
 * exception messages: never method arguments or return values.
 */
public final class AgentLog {
    /** Severity of a line, lowest first. */
    public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

    private static volatile PrintStream out = System.err;
    private static final Level THRESHOLD = parse(System.getProperty("resilience.logLevel"));

    private AgentLog() {
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void error(String message) {
        log(Level.ERROR, message);
    }

    public static boolean isEnabled(Level level) {
        return level.compareTo(THRESHOLD) >= 0 && level != Level.OFF;
    }

    /** Writes one line if {@code level} is at or above the threshold. */
    public static void log(Level level, String message) {
        if (!isEnabled(level)) {
            return;
        }
        String name = level.name();
        String line = name.length() < 5 ? name + " ".repeat(6 - name.length()) + message : name + " " + message;
        PrintStream target = out;
        synchronized (target) {
            target.println(line);
        }
    }

    /** Redirects the log, for tests. Returns the previous stream. */
    public static PrintStream redirect(PrintStream target) {
        PrintStream previous = out;
        out = target;
        return previous;
    }

    private static Level parse(String value) {
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        try {
            return Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
