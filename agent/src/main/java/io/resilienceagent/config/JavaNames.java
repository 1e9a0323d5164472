package io.resilienceagent.config;

import java.util.Map;

/**
 * The shapes of Java names the config accepts, checked by hand rather than with regular expressions:
 * the config is read before {@code main}, where compiling a Unicode-aware regex costs more than the
 * whole check. A name part starts with a letter, {@code _} or {@code $} and goes on with those and
 * digits (any script: Unicode letters and numbers). Also knows the packages of the JDK exceptions people
 * name most, to suggest one when a name is not fully qualified.
 */
final class JavaNames {
    private static final Map<String, String> WELL_KNOWN_EXCEPTIONS = Map.ofEntries(
            Map.entry("Exception", "java.lang.Exception"),
            Map.entry("RuntimeException", "java.lang.RuntimeException"),
            Map.entry("IllegalStateException", "java.lang.IllegalStateException"),
            Map.entry("IllegalArgumentException", "java.lang.IllegalArgumentException"),
            Map.entry("IOException", "java.io.IOException"),
            Map.entry("UncheckedIOException", "java.io.UncheckedIOException"),
            Map.entry("EOFException", "java.io.EOFException"),
            Map.entry("SocketException", "java.net.SocketException"),
            Map.entry("SocketTimeoutException", "java.net.SocketTimeoutException"),
            Map.entry("ConnectException", "java.net.ConnectException"),
            Map.entry("UnknownHostException", "java.net.UnknownHostException"),
            Map.entry("HttpTimeoutException", "java.net.http.HttpTimeoutException"),
            Map.entry("HttpConnectTimeoutException", "java.net.http.HttpConnectTimeoutException"),
            Map.entry("TimeoutException", "java.util.concurrent.TimeoutException"));

    private JavaNames() {
    }

    /**
     * {@code name} if it is a fully qualified class name.
     *
     * @param expected what the config wants there, for the message
     * @throws IllegalArgumentException saying what is wrong, with the package of a well-known exception
     *         written without one
     */
    static String requireQualifiedName(String name, String expected) {
        if (!isQualifiedName(name)) {
            throw new IllegalArgumentException(NodeText.quote(name) + " is not a Java class name; expected " + expected
                    + " (nested classes use $, as in com.example.Outer$Inner)");
        }
        if (name.indexOf('.') < 0) {
            String known = WELL_KNOWN_EXCEPTIONS.get(name);
            throw new IllegalArgumentException(NodeText.quote(name) + " is not fully qualified; " + (known != null
                    ? "did you mean " + NodeText.quote(known) + "?" : "write it with its package, such as java.io.IOException"));
        }
        return name;
    }

    /**
     * {@code name} if it is a method name, as {@code retry.statusAccessor} takes them.
     *
     * @throws IllegalArgumentException saying what the config wants there
     */
    static String requireMethodName(String name) {
        if (name.isEmpty() || !isNamePart(name, 0, name.length(), false)) {
            throw new IllegalArgumentException(NodeText.quote(name) + " is not a method name; name a public no-argument "
                    + "method of the response or exception that returns its HTTP status, such as getHttpStatus");
        }
        return name;
    }

    /** {@code com.example.Outer$Inner}: dot-separated name parts, none empty. */
    static boolean isQualifiedName(String text) {
        int start = 0;
        for (int dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', start)) {
            if (!isNamePart(text, start, dot, false)) {
                return false;
            }
            start = dot + 1;
        }
        return isNamePart(text, start, text.length(), false);
    }

    /** One name part, where {@code *} may also stand anywhere when {@code wildcards} is true. */
    static boolean isNamePart(String text, int from, int to, boolean wildcards) {
        if (from >= to) {
            return false;
        }
        boolean first = true;
        for (int i = from; i < to; ) {
            int c = text.codePointAt(i);
            boolean allowed = Character.isLetter(c) || c == '_' || c == '$' || (wildcards && c == '*')
                    || (!first && isNumber(c));
            if (!allowed) {
                return false;
            }
            first = false;
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean isNumber(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
