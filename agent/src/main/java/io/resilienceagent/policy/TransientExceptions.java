package io.resilienceagent.policy;

import java.util.List;

/**
 * The built-in set of transient failures: timeouts, refused connections, resets and empty or truncated
 * responses, as {@code java.net.http.HttpClient}, {@code HttpURLConnection} and Apache HttpClient throw
 * them (matched by name: no class of a library is loaded). The README lists this set; keep the two in step.
 *
 * <p>Some of these failures arrive as a plain {@link java.io.IOException}, so a rule may also ask for a
 * fragment of the message. Client errors (malformed URLs, unknown hosts, TLS failures) are absent on
 * purpose: retrying cannot fix them.
 */
final class TransientExceptions {
    /** A class (matched with its subclasses) and, optionally, a lower-case message fragment. */
    record Rule(String className, String messageFragment) {
        boolean matches(Throwable t) {
            if (!FailureClassifier.isInstanceOf(t.getClass(), className)) {
                return false;
            }
            if (messageFragment == null) {
                return true;
            }
            String message = t.getMessage();
            return message != null && containsIgnoreCase(message, messageFragment);
        }

        /** {@code fragment} is lower case; compares in place instead of lower-casing the message. */
        private static boolean containsIgnoreCase(String message, String fragment) {
            int last = message.length() - fragment.length();
            for (int i = 0; i <= last; i++) {
                if (message.regionMatches(true, i, fragment, 0, fragment.length())) {
                    return true;
                }
            }
            return false;
        }
    }

    static final List<Rule> RULES = List.of(
            new Rule("java.net.SocketTimeoutException", null),
            new Rule("java.net.http.HttpTimeoutException", null),
            new Rule("java.util.concurrent.TimeoutException", null),
            new Rule("java.net.ConnectException", null),
            new Rule("java.net.NoRouteToHostException", null),
            new Rule("java.net.SocketException", "reset"),
            new Rule("java.net.SocketException", "broken pipe"),
            new Rule("java.net.SocketException", "unexpected end of file"),
            new Rule("java.net.SocketException", "connection abort"),
            new Rule("java.io.EOFException", null),
            // OkHttp's call timeout (callTimeout; the OpenAI and Anthropic SDKs' timeout): an interrupt says "interrupted"
            new Rule("java.io.InterruptedIOException", "timeout"),
            new Rule("java.nio.channels.ClosedChannelException", null),
            new Rule("java.net.ProtocolException", "invalid status line"),
            new Rule("java.net.ProtocolException", "protocol error"),
            new Rule("java.io.IOException", "header parser received no bytes"),
            new Rule("java.io.IOException", "connection closed"),
            new Rule("java.io.IOException", "connection reset"),
            new Rule("java.io.IOException", "eof reached while reading"),
            new Rule("java.io.IOException", "illegal character in chunk size"),
            new Rule("java.io.IOException", "premature eof"),
            new Rule("java.io.IOException", "invalid http response"),
            new Rule("java.io.IOException", "unexpected end of file"),
            // Apache HttpClient 5 and 4 (core) report an empty or cut-off response with classes of their own
            new Rule("org.apache.hc.core5.http.NoHttpResponseException", null),
            new Rule("org.apache.hc.core5.http.ConnectionClosedException", null),
            new Rule("org.apache.hc.core5.http.MalformedChunkCodingException", null),
            new Rule("org.apache.http.NoHttpResponseException", null),
            new Rule("org.apache.http.ConnectionClosedException", null),
            new Rule("org.apache.http.MalformedChunkCodingException", null));

    private TransientExceptions() {
    }

    static boolean matches(Throwable t) {
        for (Rule rule : RULES) {
            if (rule.matches(t)) {
                return true;
            }
        }
        return false;
    }
}
