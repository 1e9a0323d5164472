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
    void readsTheTwoObsoleteHttpDateFormsARecipientMustAccept() {
        long at = java.time.ZonedDateTime.of(2030, 11, 6, 8, 49, 37, 0, ZoneOffset.UTC).toInstant().toEpochMilli();

        assertThat(RetryAfter.parse("Wednesday, 06-Nov-30 08:49:37 GMT", at - 5_000)).as("RFC 850").isEqualTo(5_000_000_000L);
        assertThat(RetryAfter.parse("Wed Nov  6 08:49:37 2030", at - 5_000)).as("asctime").isEqualTo(5_000_000_000L);
        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).as("in the past").isZero();
        assertThat(RetryAfter.parse("Sat Nov  6 08:49:37 2500", NOW)).as("centuries ahead: the longest wait, not none")
                .isEqualTo(Long.MAX_VALUE);
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

    private static long returned(Object value) {
        return RetryAfter.requestedWaitNanos(StatusReader.DEFAULT, value, null, NOW);
    }

    private static long thrown(Throwable failure) {
        return RetryAfter.requestedWaitNanos(StatusReader.DEFAULT, null, failure, NOW);
    }

    @Test
    void appliesOnlyTo429Or503() {
        assertThat(returned(new FakeResponse(503, "Retry-After", "2"))).isEqualTo(2_000_000_000L);
        assertThat(returned(new FakeResponse(429, "Retry-After", "1"))).isEqualTo(1_000_000_000L);
        assertThat(returned(new FakeResponse(500, "Retry-After", "2"))).isEqualTo(RetryAfter.NONE);
        assertThat(returned(new FakeResponse(503))).isEqualTo(RetryAfter.NONE);
        assertThat(returned("not a response")).isEqualTo(RetryAfter.NONE);
    }

    @Test
    void retryAfterMsWinsAndAcceptsDecimals() {
        assertThat(returned(new FakeResponse(429, java.util.Map.of("Retry-After", java.util.List.of("2"),
                "retry-after-ms", java.util.List.of("300.5"))))).isEqualTo(300_500_000L);
        assertThat(returned(new FakeResponse(429, "Retry-After-Ms", "oops"))).isEqualTo(RetryAfter.NONE);
    }

    @Test
    void readsTheHeadersOfEachClientsResponseShape() {
        assertThat(returned(new OkHttpLike(503, "Retry-After", "1"))).as("header(String)").isEqualTo(1_000_000_000L);
        assertThat(returned(new ApacheLike(429, "retry-after", "2"))).as("getFirstHeader(String).getValue()").isEqualTo(2_000_000_000L);
        assertThat(returned(new WithHeaderMap(503, "retry-after", "3"))).as("getHeaders() as a map").isEqualTo(3_000_000_000L);
    }

    @Test
    void readsTheHeadersOfAThrownExceptionOrItsCause() {
        SdkException rateLimited = new SdkException(429, "retry-after-ms", "250");

        assertThat(thrown(rateLimited)).isEqualTo(250_000_000L);
        assertThat(thrown(new RuntimeException("wrapped", rateLimited))).isEqualTo(250_000_000L);
        assertThat(thrown(new SdkException(500, "retry-after-ms", "250"))).isEqualTo(RetryAfter.NONE);
        assertThat(thrown(new java.io.IOException("no status"))).isEqualTo(RetryAfter.NONE);
    }

    @Test
    void readsAJaxRsResponseAndTheOneAJaxRsExceptionHolds() {
        jakarta.ws.rs.core.Response busy = jakarta.ws.rs.core.Response.status(503).header("Retry-After", "2").build();
        jakarta.ws.rs.core.Response limited = jakarta.ws.rs.core.Response.status(429).header("retry-after", "3").build();

        assertThat(returned(busy)).as("getHeaderString(String)").isEqualTo(2_000_000_000L);
        assertThat(thrown(new jakarta.ws.rs.ServiceUnavailableException(busy))).as("through getResponse()").isEqualTo(2_000_000_000L);
        assertThat(thrown(new jakarta.ws.rs.ClientErrorException(limited))).isEqualTo(3_000_000_000L);
        assertThat(thrown(new jakarta.ws.rs.ProcessingException("wrapped", new jakarta.ws.rs.ServiceUnavailableException(busy))))
                .as("in the cause chain").isEqualTo(2_000_000_000L);
        assertThat(thrown(new jakarta.ws.rs.InternalServerErrorException(jakarta.ws.rs.core.Response.status(500)
                .header("Retry-After", "2").build()))).as("not a 429 or 503").isEqualTo(RetryAfter.NONE);
    }

    @Test
    void readsTheHeadersOfAFeignException() {
        feign.Request request = feign.Request.create(feign.Request.HttpMethod.GET, "http://127.0.0.1/quotes",
                java.util.Map.of(), null, java.nio.charset.StandardCharsets.UTF_8, null);
        feign.Response busy = feign.Response.builder().status(503).reason("busy").request(request)
                .headers(java.util.Map.of("Retry-After", java.util.List.of("2"))).build();

        feign.FeignException thrown = feign.FeignException.errorStatus("Quotes#get()", busy);

        assertThat(thrown(thrown)).as("status() and responseHeaders()").isEqualTo(2_000_000_000L);
    }

    /** Like OkHttp's {@code Response}. */
    public record OkHttpLike(int code, String name, String value) {
        public String header(String wanted) {
            return wanted.equalsIgnoreCase(name) ? value : null;
        }
    }

    /** Like Apache HttpClient 5's {@code Header}. */
    public record Header(String getValue) {
    }

    /** Like Apache HttpClient 5's response. */
    public record ApacheLike(int getCode, String name, String value) {
        public Header getFirstHeader(String wanted) {
            return wanted.equalsIgnoreCase(name) ? new Header(value) : null;
        }
    }

    public record WithHeaderMap(int status, String name, String value) {
        public java.util.Map<String, java.util.List<String>> getHeaders() {
            return java.util.Map.of(name, java.util.List.of(value));
        }
    }

    /** Like the Anthropic SDK's exceptions: a status and a headers object read with {@code values(String)}. */
    public static final class SdkException extends RuntimeException {
        private final int status;
        private final SdkHeaders headers;

        SdkException(int status, String name, String value) {
            super("HTTP " + status);
            this.status = status;
            this.headers = new SdkHeaders(name, value);
        }

        public int statusCode() {
            return status;
        }

        public SdkHeaders headers() {
            return headers;
        }
    }

    public record SdkHeaders(String name, String value) {
        public java.util.List<String> values(String wanted) {
            return wanted.equalsIgnoreCase(name) ? java.util.List.of(value) : java.util.List.of();
        }
    }
}
