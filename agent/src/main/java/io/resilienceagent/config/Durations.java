package io.resilienceagent.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the config file: {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, or a
 * bare number of seconds ({@code 0.5}). Up to one day, nanosecond precision.
 */
final class Durations {
    static final String FORMS = "a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5";
    static final Duration MAX = Duration.ofDays(1);

    private static final Pattern WITH_UNIT = Pattern.compile("([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*(ms|s|m|h)?");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms, or the bound broken
     */
    static Duration parse(String text) {
        String trimmed = text.strip();
        Matcher matcher = WITH_UNIT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (trimmed.length() > 40 || !matcher.matches()) {
            throw new IllegalArgumentException("expected " + FORMS + ", found " + NodeText.quote(text));
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return ofAmount(new BigDecimal(matcher.group(1)), unit, text);
    }

    /** A bare number of seconds, as a YAML int or float scalar gives it. */
    static Duration ofSeconds(BigDecimal seconds, String written) {
        return ofAmount(seconds, "s", written);
    }

    private static Duration ofAmount(BigDecimal amount, String unit, String written) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a duration cannot be negative, found " + NodeText.quote(written));
        }
        BigDecimal seconds = switch (unit) {
            case "ms" -> amount.movePointLeft(3);
            case "m" -> amount.multiply(BigDecimal.valueOf(60));
            case "h" -> amount.multiply(BigDecimal.valueOf(3600));
            default -> amount;
        };
        if (seconds.compareTo(BigDecimal.valueOf(MAX.getSeconds())) > 0) {
            throw new IllegalArgumentException("a duration can be at most 24h, found " + NodeText.quote(written));
        }
        long nanos = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Duration.ofNanos(nanos);
    }

    /** The shortest exact config form: {@code 1h}, {@code 2m}, {@code 1s}, {@code 250ms}, {@code 1.5s}. */
    static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0 && nanos < 1_000_000_000L) {
            return nanos / 1_000_000L + "ms";
        }
        return BigDecimal.valueOf(nanos).movePointLeft(9).stripTrailingZeros().toPlainString() + "s";
    }
}
