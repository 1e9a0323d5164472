package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-service circuit breaker, end to end: it opens after {@code failureThreshold} consecutive
 * failures, rejects calls without running them (so the server sees nothing), half-opens after
 * {@code recoveryTimeout} and closes after {@code successThreshold} good trial calls.
 */
class CircuitBreakerTest extends WireMockTestBase {
    private static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";

    @TempDir
    Path dir;

    @JdkTest
    void opensRejectsHalfOpensAndCloses(Jdk jdk) {
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(500)));
        wireMock.stubFor(any(urlPathEqualTo("/up")).willReturn(ok("fine")));
        Path config = ResilienceYaml.create()
                .service("api", "retry: { maxAttempts: 1 }",
                        "circuitBreaker: { failureThreshold: 3, recoveryTimeout: 1s, successThreshold: 2 }")
                .method("com.example.app.ApiClient.get", "api")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).app(baseUrl(),
                "get /down", "get /down", "get /down",      // 1-3: three failures open the breaker
                "get /down", "get /down",                   // 4-5: rejected, never sent
                "sleep 1200",                                // past recoveryTimeout
                "get /down",                                 // 6: the trial call fails: open again
                "get /up",                                   // 7: rejected
                "sleep 1200",
                "get /up", "get /up",                        // 8-9: two good trial calls close it
                "get /up").run();                            // 10: closed

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call = 1; call <= 3; call++) {
            assertThat(run.call(call).value()).as(run::describe).isEqualTo("500");
            assertThat(run.call(call).attempts()).isEqualTo(1);
        }
        for (int call : new int[] {4, 5, 7}) {
            assertRejected(run, run.call(call), OPEN_EXCEPTION, "api");
            assertThat(run.call(call).message()).isEqualTo("Circuit breaker open for api");
        }
        assertThat(run.call(6).value()).as(run::describe).isEqualTo("500");
        for (int call = 8; call <= 10; call++) {
            assertThat(run.call(call).outcome()).as(run::describe).isEqualTo("OK");
            assertThat(run.call(call).value()).isEqualTo("200");
        }
        assertThat(requests("/down")).as("calls 1-3 and the failed trial call 6").isEqualTo(4);
        assertThat(requests("/up")).as("calls 8-10; 7 was rejected").isEqualTo(3);

        assertThat(run.agentLog()).as(run::describe)
                .containsSubsequence(
                        "ERROR Circuit breaker for api: CLOSED -> OPEN (failures: 3)",
                        "ERROR Circuit breaker open for api",
                        "INFO  Circuit breaker for api: OPEN -> HALF_OPEN",
                        "ERROR Circuit breaker for api: HALF_OPEN -> OPEN (trial call failed)",
                        "INFO  Circuit breaker for api: OPEN -> HALF_OPEN",
                        "INFO  Circuit breaker for api: HALF_OPEN -> CLOSED");
        assertThat(run.logLinesContaining("Retrying")).as("maxAttempts 1 never retries").isEmpty();
    }

    @JdkTest
    void openExceptionOpeningMidRetryAndNonTransientFailures(Jdk jdk) throws IOException {
        wireMock.stubFor(any(urlPathMatching("/(b|d)-down")).willReturn(status(503)));
        int closedPort = TransportFailuresTest.closedPort();
        Path config = ResilienceYaml.create()
                .service("custom",
                        "retry: { maxAttempts: 1 }",
                        "circuitBreaker: { failureThreshold: 2, recoveryTimeout: 60s, "
                                + "openException: com.example.app.ServiceDownException }")
                .service("midRetry",
                        "retry: { maxAttempts: 5, minWait: 50ms, maxWait: 200ms, multiplier: 0.05 }",
                        "circuitBreaker: { failureThreshold: 3, recoveryTimeout: 60s }")
                .service("neutral",
                        "retry: { maxAttempts: 1 }",
                        "circuitBreaker: { failureThreshold: 2, recoveryTimeout: 60s }")
                .method("com.example.app.ApiClient.alpha", "custom")
                .method("com.example.app.ApiClient.getOrThrow", "custom")
                .method("com.example.app.ApiClient.beta", "midRetry")
                .method("com.example.app.ApiClient.gamma", "neutral")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).app(baseUrl(),
                "alpha /b-down", "alpha /b-down", "alpha /b-down",             // 1-3
                "beta http://127.0.0.1:" + closedPort + "/refused",             // 4
                "gamma /d-down", "gamma http://[not-a-uri", "gamma /d-down",    // 5-7
                "gamma /d-down",                                                 // 8
                "throwing /b-other").run();                                      // 9

        assertThat(run.exitCode()).as(run::describe).isZero();

        // openException: the application's own exception, built with its (String) constructor
        assertRejected(run, run.call(3), "com.example.app.ServiceDownException", "custom");
        assertThat(requests("/b-down")).isEqualTo(2);
        // one breaker per service, shared by every method mapped to it
        assertRejected(run, run.call(9), "com.example.app.ServiceDownException", "custom");
        assertThat(requests("/b-other")).isZero();

        // the breaker opens during a call's retries: the next attempt is rejected instead of slept for,
        // with the last failure as the cause
        CallResult midRetry = run.call(4);
        assertThat(midRetry.exceptionClass()).as(run::describe).isEqualTo(OPEN_EXCEPTION);
        assertThat(midRetry.attempts()).as("attempts before the breaker opened").isEqualTo(3);
        assertThat(midRetry.causes()).as("cause of the rejection").startsWith("java.net.ConnectException");
        assertThat(run.agentLog()).contains("ERROR Circuit breaker for midRetry: CLOSED -> OPEN (failures: 3)");

        // a non-transient exception counts neither as success nor as failure: failure, IAE, failure opens
        assertThat(run.call(6).exceptionClass()).as(run::describe).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(run.call(6).attempts()).isEqualTo(1);
        assertRejected(run, run.call(8), OPEN_EXCEPTION, "neutral");
        assertThat(requests("/d-down")).isEqualTo(2);
        assertThat(run.agentLog()).contains("ERROR Circuit breaker for neutral: CLOSED -> OPEN (failures: 2)");
    }

    private static void assertRejected(ChildResult run, CallResult call, String exceptionClass, String service) {
        assertThat(call.outcome()).as("call %d should be rejected%n%s", call.call(), run.describe()).isEqualTo("THROWN");
        assertThat(call.exceptionClass()).as("call %d%n%s", call.call(), run.describe()).isEqualTo(exceptionClass);
        assertThat(call.attempts()).as("a rejected call never runs the method body").isZero();
        assertThat(run.agentLog()).as(run::describe).contains("ERROR Circuit breaker open for " + service);
    }
}
