package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("3", NOW)).isEqualTo(3_000_000_000L);
        assertThat(RetryAfter.parse(" 0 ", NOW)).isZero();
    }

    @Test
    void readsAnHttpDateRelativeToNow() {
        String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(NOW + 7_000).atZone(ZoneOffset.UTC));

        assertThat(RetryAfter.parse(inSevenSeconds, NOW)).isEqualTo(7_000_000_000L);
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).isZero();
    }

    @Test
    void ignoresGarbage() {
        assertThat(RetryAfter.parse("soon", NOW)).isEqualTo(RetryAfter.NONE);
        assertThat(RetryAfter.parse("", NOW)).isEqualTo(RetryAfter.NONE);
        assertThat(RetryAfter.parse("-5", NOW)).isEqualTo(RetryAfter.NONE);
    }

    @Test
    void hugeDelaysDoNotOverflow() {
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void appliesOnlyToHttpResponsesWith429Or503() {
        FakeResponse response = new FakeResponse(503, "Retry-After", "2");

        assertThat(RetryAfter.requestedWaitNanos(response, 503, NOW)).isEqualTo(2_000_000_000L);
        assertThat(RetryAfter.requestedWaitNanos(new FakeResponse(429, "Retry-After", "1"), 429, NOW)).isEqualTo(1_000_000_000L);
        assertThat(RetryAfter.requestedWaitNanos(new FakeResponse(500, "Retry-After", "2"), 500, NOW)).isEqualTo(RetryAfter.NONE);
        assertThat(RetryAfter.requestedWaitNanos(new FakeResponse(503), 503, NOW)).isEqualTo(RetryAfter.NONE);
        assertThat(RetryAfter.requestedWaitNanos("not a response", 503, NOW)).isEqualTo(RetryAfter.NONE);
    }
}
