package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.log.AgentLogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failing return value that a retry or a rejection supersedes is closed (a response left open keeps
 * its connection); the value the caller gets is never closed.
 */
class SupersededValuesTest {
    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private final ManualClock clock = new ManualClock();
    private final Timing timing = new Timing(clock, new RecordingSleeper(clock), () -> 0.5);
    private final List<Response> responses = new ArrayList<>();

    private MethodGuard guard(int maxAttempts, int failureThreshold) {
        ServiceGuard service = new ServiceGuard(Settings.service("api", Settings.retry(maxAttempts, Duration.ZERO, Duration.ZERO),
                Settings.breaker(failureThreshold, Duration.ofSeconds(60), 2, 2)), timing, new TransitionLog());
        return new MethodGuard("Client.get", service);
    }

    /** A body that returns a fresh response with each status in turn. */
    private Callable<Response> returning(int... statuses) {
        return () -> {
            Response response = new Response(statuses[responses.size()]);
            responses.add(response);
            return response;
        };
    }

    @Test
    void retriedResponsesAreClosedAndTheReturnedOneIsNot() throws Exception {
        Response result = ProtectedCall.call(guard(3, 100), returning(503, 502, 200));

        assertThat(result.status).isEqualTo(200);
        assertThat(responses).extracting(r -> r.closes).containsExactly(1, 1, 0);
    }

    @Test
    void whenAttemptsRunOutTheLastFailingResponseIsReturnedOpen() throws Exception {
        Response result = ProtectedCall.call(guard(3, 100), returning(503, 503, 503));

        assertThat(result).isSameAs(responses.get(2));
        assertThat(responses).extracting(r -> r.closes).containsExactly(1, 1, 0);
    }

    @Test
    void aResponseSupersededByARejectionIsClosed() {
        assertThatThrownBy(() -> ProtectedCall.call(guard(3, 2), returning(503, 503, 200)))
                .isInstanceOf(CircuitBreakerOpenException.class);

        assertThat(responses).hasSize(2).extracting(r -> r.closes).containsExactly(1, 1);
    }

    @Test
    void aFailureToCloseIsLoggedAtDebugOnlyAndTheRetryGoesOn() throws Exception {
        Response result = ProtectedCall.call(guard(3, 100), () -> {
            Response response = responses.isEmpty() ? new Response(503, true) : new Response(200);
            responses.add(response);
            return response;
        });

        assertThat(result.status).isEqualTo(200);
        assertThat(agentLog.text()).doesNotContain("close").doesNotContain("Close");
    }

    @Test
    void aGoogleHttpClientResponseIsDisconnected() throws Exception {
        com.google.api.client.testing.http.MockLowLevelHttpResponse connection =
                new com.google.api.client.testing.http.MockLowLevelHttpResponse().setStatusCode(503);
        com.google.api.client.http.HttpRequest request = new com.google.api.client.testing.http.MockHttpTransport.Builder()
                .setLowLevelHttpResponse(connection).build().createRequestFactory()
                .buildGetRequest(new com.google.api.client.http.GenericUrl("http://127.0.0.1/quotes"));
        request.setThrowExceptionOnExecuteError(false);
        com.google.api.client.http.HttpResponse response = request.execute();
        assertThat(connection.isDisconnected()).isFalse();

        FailedValues.release(response);

        assertThat(connection.isDisconnected()).as("its connection given back").isTrue();
    }

    @Test
    void anotherValueWithADisconnectMethodIsLeftAlone() {
        SharedClient client = new SharedClient();

        FailedValues.release(client);

        assertThat(client.disconnected).as("disconnect() of a value that is no response may tear down what others share").isFalse();
    }

    /** A failing value (it has a status) whose disconnect() closes a client others share. */
    public static final class SharedClient {
        boolean disconnected;

        public int getStatus() {
            return 503;
        }

        public void disconnect() {
            disconnected = true;
        }
    }

    @Test
    void anAutoCloseableSuccessIsNeverClosed() throws Exception {
        Response result = ProtectedCall.call(guard(3, 100), returning(200));

        assertThat(result.closes).isZero();
    }

    @Test
    void anErrorFromClosingASupersededValueLeavesNoTrialPermitTaken() {
        // the first failure opens the breaker; the retry's wait outlasts its recovery: the retry is a trial
        ServiceGuard service = new ServiceGuard(Settings.service("api", Settings.retry(3, Duration.ofSeconds(60),
                Duration.ofSeconds(60)), Settings.breaker(1, Duration.ofSeconds(60), 1, 1)), timing, new TransitionLog());
        MethodGuard guard = new MethodGuard("Client.get", service);

        assertThatThrownBy(() -> ProtectedCall.call(guard, () -> new BrokenResponse()))
                .isInstanceOf(StackOverflowError.class);

        assertThat(service.breaker().tryAcquire()).as("the one trial permit is still there").isNotNull();
    }

    /** A 503 whose close() fails with an error, not an exception. */
    public static final class BrokenResponse implements AutoCloseable {
        public int code() {
            return 503;
        }

        @Override
        public void close() {
            throw new StackOverflowError();
        }
    }

    /** A response that must be closed, like OkHttp's or Apache HttpClient's. */
    public static final class Response implements AutoCloseable {
        final int status;
        final boolean failToClose;
        int closes;

        Response(int status) {
            this(status, false);
        }

        Response(int status, boolean failToClose) {
            this.status = status;
            this.failToClose = failToClose;
        }

        public int code() {
            return status;
        }

        @Override
        public void close() throws IOException {
            closes++;
            if (failToClose) {
                throw new IOException("cannot close");
            }
        }
    }
}
