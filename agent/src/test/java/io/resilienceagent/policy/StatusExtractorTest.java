package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusExtractorTest {
    @Test
    void readsAnHttpResponse() {
        assertThat(StatusExtractor.statusOf(new FakeResponse(503))).isEqualTo(503);
    }

    @Test
    void readsEachSupportedAccessorName() {
        assertThat(StatusExtractor.statusOf(new WithStatusCode())).isEqualTo(501);
        assertThat(StatusExtractor.statusOf(new WithGetStatusCode())).isEqualTo(502);
        assertThat(StatusExtractor.statusOf(new WithGetStatus())).isEqualTo(503);
        assertThat(StatusExtractor.statusOf(new WithStatus())).isEqualTo(504);
        assertThat(StatusExtractor.statusOf(new WithCode())).isEqualTo(429);
    }

    @Test
    void readsAPublicAccessorOfANonPublicClassThroughItsPublicInterface() {
        assertThat(StatusExtractor.statusOf(new Hidden())).isEqualTo(418);
    }

    @Test
    void ignoresObjectsWithoutAnIntAccessor() {
        assertThat(StatusExtractor.statusOf("text")).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(42)).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(null)).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(new WithStringStatus())).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(new WithStaticStatus())).isEqualTo(StatusExtractor.NO_STATUS);
    }

    @Test
    void anAccessorThatThrowsMeansNoStatus() {
        assertThat(StatusExtractor.statusOf(new Throwing())).isEqualTo(StatusExtractor.NO_STATUS);
    }

    public static final class WithStatusCode {
        public int statusCode() {
            return 501;
        }
    }

    public static final class WithGetStatusCode {
        public int getStatusCode() {
            return 502;
        }
    }

    public static final class WithGetStatus {
        public int getStatus() {
            return 503;
        }
    }

    public static final class WithStatus {
        public int status() {
            return 504;
        }
    }

    public static final class WithCode {
        public int code() {
            return 429;
        }
    }

    public static final class WithStringStatus {
        public String status() {
            return "503";
        }
    }

    public static final class WithStaticStatus {
        public static int status() {
            return 503;
        }
    }

    public static final class Throwing {
        public int statusCode() {
            throw new IllegalStateException("not yet");
        }
    }

    public interface HasStatus {
        int getStatus();
    }

    private static final class Hidden implements HasStatus {
        @Override
        public int getStatus() {
            return 418;
        }
    }
}
