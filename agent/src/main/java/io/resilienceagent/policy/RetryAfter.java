package io.resilienceagent.policy;

import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code Retry-After} header of a 429 or 503 response: delay-seconds or an HTTP date
 * (RFC 7231 section 7.1.3).
 */
public final class RetryAfter {
    /** Returned when there is no usable header. */
    public static final long NONE = -1;

    private RetryAfter() {
    }

    /** The wait the response asks for, in nanoseconds, or {@link #NONE}. */
    public static long requestedWaitNanos(Object returned, int status, long nowMillis) {
        // not a type check: that would load java.net.http for any 429 or 503, HTTP client or not
        if ((status != 429 && status != 503) || !StatusExtractor.isHttpResponse(returned)) {
            return NONE;
        }
        HttpResponse<?> response = (HttpResponse<?>) returned;
        return response.headers().firstValue("Retry-After").map(value -> parse(value, nowMillis)).orElse(NONE);
    }

    /** Parses a header value; {@link #NONE} when it is neither form. */
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
        try {
            long atMillis = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, atMillis - nowMillis) * 1_000_000L;
        } catch (DateTimeParseException e) {
            return NONE;
        }
    }
}
