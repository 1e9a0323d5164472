package io.resilienceagent.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable set of HTTP status codes (100 to 599), such as {@code [408, 429, "500-599"]}.
 * Lookup is a bit test: it allocates nothing and is safe from any thread.
 */
public final class StatusSet {
    /** Lowest status a set may hold. */
    public static final int MIN = 100;
    /** Highest status a set may hold. */
    public static final int MAX = 599;
    /** What a status of the config looks like, in messages. */
    static final String FORM = "an HTTP status (" + MIN + "-" + MAX + ") or a range such as \"500-599\"";

    private static final Pattern WRITTEN = Pattern.compile("\\s*(\\d{1,9})\\s*(?:-\\s*(\\d{1,9})\\s*)?");

    private final BitSet bits;
    private final List<String> written;

    private StatusSet(BitSet bits, List<String> written) {
        this.bits = bits;
        this.written = List.copyOf(written);
    }

    /** The default {@code retryOnStatus}: {@code [408, 429, "500-599"]}. */
    public static StatusSet parseDefault() {
        return builder().add(408, 408, "408").add(429, 429, "429").add(500, 599, "500-599").build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code status} is in the set; false for anything outside 100 to 599. */
    public boolean contains(int status) {
        return status >= MIN && status <= MAX && bits.get(status);
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusSet other && other.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    @Override
    public String toString() {
        return written.toString();
    }

    /** Collects single statuses and inclusive ranges; the caller validates the bounds. */
    public static final class Builder {
        private final BitSet bits = new BitSet(MAX + 1);
        private final List<String> written = new ArrayList<>();

        private Builder() {
        }

        /** Adds {@code from..to} inclusive; {@code text} is how it was written, for {@link #toString()}. */
        public Builder add(int from, int to, String text) {
            if (from < MIN || to > MAX || from > to) {
                throw new IllegalArgumentException("status range " + text + " is outside " + MIN + "-" + MAX);
            }
            bits.set(from, to + 1);
            written.add(text);
            return this;
        }

        /**
         * Adds a status or a range as the config writes it: {@code 503}, {@code "500-599"}.
         *
         * @throws IllegalArgumentException saying, in the config's words, what is wrong with it
         */
        Builder add(String written) {
            Matcher matcher = WRITTEN.matcher(written);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("expected " + FORM + ", found " + NodeText.quote(written));
            }
            int from = Integer.parseInt(matcher.group(1));
            int to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
            for (int status : new int[] {from, to}) {
                if (status < MIN || status > MAX) {
                    throw new IllegalArgumentException("HTTP status " + status + " is outside " + MIN + "-" + MAX);
                }
            }
            if (from > to) {
                throw new IllegalArgumentException("the range " + NodeText.quote(written) + " runs backwards; write the "
                        + "lower status first, as in \"" + to + "-" + from + "\"");
            }
            return add(from, to, from == to ? String.valueOf(from) : from + "-" + to);
        }

        public StatusSet build() {
            return new StatusSet((BitSet) bits.clone(), written);
        }
    }
}
