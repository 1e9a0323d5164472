package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.StatusSet;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
    private final FailureClassifier defaults = new FailureClassifier(RetrySettings.DEFAULTS);

    @Test
    void okHttpsCallTimeoutIsTransientAndAnInterruptIsNot() {
        assertThat(defaults.isTransient(new java.io.InterruptedIOException("timeout"))).as("OkHttp's callTimeout").isTrue();
        assertThat(defaults.isTransient(new IOException("wrapped", new java.io.InterruptedIOException("timeout")))).isTrue();
        assertThat(defaults.isTransient(new java.io.InterruptedIOException("interrupted"))).as("OkHttp's interrupt").isFalse();
        assertThat(defaults.isTransient(new java.io.InterruptedIOException())).isFalse();
    }

    @Test
    void timeoutsRefusalsResetsAndTruncatedResponsesAreTransient() {
        assertThat(defaults.isTransient(new HttpTimeoutException("request timed out"))).isTrue();
        assertThat(defaults.isTransient(new HttpConnectTimeoutException("HTTP connect timed out"))).isTrue();
        assertThat(defaults.isTransient(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(defaults.isTransient(new TimeoutException())).isTrue();
        assertThat(defaults.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(defaults.isTransient(new SocketException("Connection reset"))).isTrue();
        assertThat(defaults.isTransient(new SocketException("Unexpected end of file from server"))).isTrue();
        assertThat(defaults.isTransient(new EOFException("EOF reached while reading"))).isTrue();
        assertThat(defaults.isTransient(new IOException("HTTP/1.1 header parser received no bytes"))).isTrue();
        assertThat(defaults.isTransient(new IOException("Illegal character in chunk size"))).isTrue();
        assertThat(defaults.isTransient(new ProtocolException("Invalid status line: \"xyz\""))).isTrue();
        assertThat(defaults.isTransient(new ProtocolException(
                "protocol error: Frame type(100) length(7107435) exceeds MAX_FRAME_SIZE(16384)"))).isTrue();
    }

    @Test
    void apacheHttpClientsEmptyAndCutOffResponsesAreTransientByName() {
        FailureClassifier defaults = new FailureClassifier(RetrySettings.DEFAULTS);

        assertThat(defaults.isTransient(new org.apache.hc.core5.http.NoHttpResponseException("The target server failed to respond"))).isTrue();
        assertThat(defaults.isTransient(new org.apache.hc.core5.http.ConnectionClosedException("Premature end of chunk coded message body"))).isTrue();
        assertThat(defaults.isTransient(new org.apache.hc.core5.http.MalformedChunkCodingException("Bad chunk header: x"))).isTrue();
        assertThat(defaults.isTransient(new org.apache.hc.core5.http.ProtocolException("Invalid header"))).as("a protocol error").isFalse();
    }

    @Test
    void clientErrorsAreNotTransient() {
        assertThat(defaults.isTransient(new MalformedURLException("no protocol"))).isFalse();
        assertThat(defaults.isTransient(new UnknownHostException("nowhere.invalid"))).isFalse();
        assertThat(defaults.isTransient(new SSLHandshakeException("PKIX path building failed"))).isFalse();
        assertThat(defaults.isTransient(new IOException("some other I/O problem"))).isFalse();
        assertThat(defaults.isTransient(new SocketException("Permission denied"))).isFalse();
        assertThat(defaults.isTransient(new ProtocolException("Server redirected too many  times (20)"))).isFalse();
        assertThat(defaults.isTransient(new IllegalArgumentException("bad"))).isFalse();
        assertThat(defaults.isTransient(new NullPointerException())).isFalse();
    }

    @Test
    void matchesAlongTheCauseChain() {
        assertThat(defaults.isTransient(new RuntimeException("wrapped", new ConnectException("refused")))).isTrue();
        assertThat(defaults.isTransient(new UncheckedIOException(new IOException("x", new SocketTimeoutException()))))
                .isTrue();
    }

    @Test
    void survivesACyclicCauseChain() {
        RuntimeException a = new RuntimeException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);

        assertThat(defaults.isTransient(a)).isFalse();
    }

    @Test
    void retryOnAddsClassesAndTheirSubclasses() {
        FailureClassifier classifier = new FailureClassifier(
                Settings.retryOn(List.of("java.lang.IllegalStateException"), List.of(), StatusSet.parseDefault()));

        assertThat(classifier.isTransient(new IllegalStateException())).isTrue();
        assertThat(classifier.isTransient(new java.nio.channels.NonReadableChannelException())).isTrue();
        assertThat(classifier.isTransient(new IllegalArgumentException())).isFalse();
    }

    @Test
    void abortOnVetoesEvenTransientFailuresAnywhereInTheChain() {
        FailureClassifier classifier = new FailureClassifier(
                Settings.retryOn(List.of(), List.of("java.net.SocketTimeoutException", "com.example.Fatal"),
                        StatusSet.parseDefault()));

        assertThat(classifier.isTransient(new SocketTimeoutException())).isFalse();
        assertThat(classifier.isTransient(new RuntimeException(new SocketTimeoutException()))).isFalse();
        assertThat(classifier.isTransient(new ConnectException())).isTrue();
    }

    @Test
    void aThrownObjectWithARetryableStatusIsTransient() {
        assertThat(defaults.isTransient(new StatusException(503))).isTrue();
        assertThat(defaults.isTransient(new StatusException(429))).isTrue();
        assertThat(defaults.isTransient(new StatusException(408))).isTrue();
        assertThat(defaults.isTransient(new StatusException(404))).isFalse();
        assertThat(defaults.isTransient(new StatusException(400))).isFalse();
        assertThat(defaults.isTransient(new RuntimeException(new StatusException(502)))).isTrue();
    }

    @Test
    void returnedStatusesFollowRetryOnStatus() {
        FailureClassifier only503 = new FailureClassifier(Settings.retryOn(List.of(), List.of(),
                StatusSet.builder().add(503, 503, "503").build()));

        assertThat(only503.isFailingStatus(503)).isTrue();
        assertThat(only503.isFailingStatus(500)).isFalse();
        assertThat(only503.isFailingStatus(StatusReader.NO_STATUS)).isFalse();
        assertThat(defaults.isFailingStatus(599)).isTrue();
        assertThat(defaults.isFailingStatus(200)).isFalse();
    }

    /** An application exception that carries an HTTP status, as API clients often throw. */
    public static final class StatusException extends RuntimeException {
        private final int status;

        StatusException(int status) {
            super("HTTP " + status);
            this.status = status;
        }

        public int statusCode() {
            return status;
        }
    }
}
