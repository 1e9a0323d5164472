package io.resilienceagent.it.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code RESULT ...} line of a test application: what the caller of one call saw. */
public final class CallResult {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");

    private final String line;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final String message;

    private CallResult(String line) {
        this.line = line;
        String head = line.substring("RESULT ".length());
        int at = head.indexOf(" message=");
        if (at >= 0) {
            message = head.substring(at + " message=".length());
            head = head.substring(0, at);
        } else {
            message = null;
        }
        Matcher m = FIELD.matcher(head);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
    }

    /** Parses a {@code RESULT ...} line, for a test that read it itself (a call that ends later, on another thread). */
    public static CallResult parse(String line) {
        return new CallResult(line);
    }

    public int call() {
        return Integer.parseInt(get("call"));
    }

    public String op() {
        return get("op");
    }

    public boolean ok() {
        return "OK".equals(get("outcome"));
    }

    /** {@code OK} or {@code THROWN}. */
    public String outcome() {
        return get("outcome");
    }

    /** How many times the protected method body ran. */
    public int attempts() {
        return Integer.parseInt(get("attempts"));
    }

    public long elapsedMs() {
        return Long.parseLong(get("elapsedMs"));
    }

    /** The returned value: an HTTP status for responses. */
    public String value() {
        return get("value");
    }

    /** The thrown exception's class name, or null. */
    public String exceptionClass() {
        return get("class");
    }

    /** The thrown exception's message, or null. */
    public String message() {
        return message;
    }

    /** The cause chain, {@code class(message_with_underscores)>...}, or {@code -}. */
    public String causes() {
        return get("causes");
    }

    public String get(String key) {
        return fields.get(key);
    }

    @Override
    public String toString() {
        return line;
    }
}
