package io.resilienceagent.policy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The wait a 429 or 503 response asks for: {@code retry-after-ms} (milliseconds, as the Anthropic and
 * OpenAI APIs send), else {@code Retry-After} (delay-seconds or an HTTP date, RFC 9110 section 10.2.3).
 * Read from the returned value, or from the first object in a thrown exception's cause chain that has
 * the status (an SDK's exception carrying the response's headers).
 */
public final class RetryAfter {
    /** Returned when there is no usable header. */
    public static final long NONE = -1;

    private RetryAfter() {
    }

    /** The wait the failure asks for, in nanoseconds, or {@link #NONE}. */
    static long requestedWaitNanos(StatusReader reader, Object returned, Throwable thrown, long nowMillis) {
        Object response = thrown == null ? returned : responseIn(reader, thrown);
        if (response == null || !asksToWait(reader.statusOf(response))) {
            return NONE;
        }
        String millis = ResponseHeaders.first(response, "retry-after-ms");
        if (millis != null) {
            long wait = parseMillis(millis);
            if (wait != NONE) {
                return wait;
            }
        }
        String header = ResponseHeaders.first(response, "Retry-After");
        return header == null ? NONE : parse(header, nowMillis);
    }

    private static boolean asksToWait(int status) {
        return status == 429 || status == 503;
    }

    /** The first of {@code thrown} and its causes with a 429 or 503 status. */
    private static Object responseIn(StatusReader reader, Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < FailureClassifier.MAX_CAUSE_DEPTH; depth++, t = FailureClassifier.causeOf(t)) {
            if (asksToWait(reader.statusOf(t))) {
                return t;
            }
        }
        return null;
    }

    /** Parses a {@code Retry-After} value; {@link #NONE} when it is neither form. */
    public static long parse(String value, long nowMillis) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return NONE;
        }
        if (trimmed.chars().allMatch(Character::isDigit)) {
            try {
                return Math.multiplyExact(Long.parseLong(trimmed), 1_000_000_000L);
            } catch (ArithmeticException | NumberFormatException tooLarge) {
                return Long.MAX_VALUE;
            }
        }
        long atMillis = httpDateMillis(trimmed);
        if (atMillis == NONE) {
            return NONE;
        }
        long millis = Math.max(0, atMillis - nowMillis);
        return millis > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L;
    }

    /** An HTTP date in any of its three forms (RFC 9110 section 5.6.7), in epoch milliseconds; or {@link #NONE}. */
    private static long httpDateMillis(String date) {
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException notImfFixdate) {
            // the two obsolete forms, which a recipient must still accept
        }
        try {
            return ZonedDateTime.parse(date, ObsoleteDates.RFC_850).toInstant().toEpochMilli();
        } catch (DateTimeParseException notRfc850) {
            // nor this one
        }
        try {
            return LocalDateTime.parse(date, ObsoleteDates.ASCTIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException notAsctime) {
            return NONE;
        }
    }

    /** Built the first time a date is not in the usual form. */
    private static final class ObsoleteDates {
        /** {@code Sunday, 06-Nov-94 08:49:37 GMT}; a two-digit year from 1970 to 2069. */
        static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
                .appendPattern(" HH:mm:ss zzz").toFormatter(Locale.US);
        /** {@code Sun Nov  6 08:49:37 1994}, in GMT. */
        static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
    }

    /** Parses a {@code retry-after-ms} value (a non-negative number of milliseconds, decimals allowed). */
    static long parseMillis(String value) {
        try {
            double millis = Double.parseDouble(value.strip());
            if (!(millis >= 0) || Double.isInfinite(millis)) {
                return NONE;
            }
            return millis >= Long.MAX_VALUE / 1_000_000.0 ? Long.MAX_VALUE : (long) (millis * 1_000_000L);
        } catch (NumberFormatException e) {
            return NONE;
        }
    }
}
