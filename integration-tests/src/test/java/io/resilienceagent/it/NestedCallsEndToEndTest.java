package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.nested.NestedApp;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls of one service nested on one thread, as an SDK's default method delegating to its
 * implementation makes them: the outermost call alone asks the breaker and records the outcome, so one
 * failed request is one breaker failure, and trial calls through the nested methods close a
 * HALF_OPEN breaker again.
 */
class NestedCallsEndToEndTest extends WireMockTestBase {
    private static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";

    @TempDir
    Path dir;

    @JdkTest
    void nestedCallsOpenAfterThresholdRequestsAndRecoverWithTheDefaultSuccessThreshold(Jdk jdk) {
        opensAndRecoversThroughNestedCalls(jdk, 2);
    }

    @JdkTest
    void nestedCallsOpenAfterThresholdRequestsAndRecoverWithOneTrialCall(Jdk jdk) {
        opensAndRecoversThroughNestedCalls(jdk, 1);
    }

    private void opensAndRecoversThroughNestedCalls(Jdk jdk, int successThreshold) {
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(500)));
        wireMock.stubFor(any(urlPathEqualTo("/up")).willReturn(ok("fine")));
        Path config = ResilienceYaml.create()
                .service("api", "retry: { maxAttempts: 1 }",
                        "circuitBreaker: { failureThreshold: 3, recoveryTimeout: 1s, successThreshold: " + successThreshold + " }")
                .method("com.example.nested.Messages.create", "api")
                .writeTo(dir);
        String[] steps = new String[4 + 1 + successThreshold + 1];
        int step = 0;
        for (int i = 0; i < 4; i++) {
            steps[step++] = "create /down";                 // 1-3 fail, 4 is rejected
        }
        steps[step++] = "sleep 1200";                       // past recoveryTimeout
        for (int i = 0; i < successThreshold + 1; i++) {
            steps[step++] = "create /up";                   // trial calls, then a call on the closed breaker
        }
        String[] args = new String[steps.length + 1];
        args[0] = baseUrl();
        System.arraycopy(steps, 0, args, 1, steps.length);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).main(NestedApp.class, args).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call = 1; call <= 3; call++) {
            CallResult failed = run.call(call);
            assertThat(failed.exceptionClass()).as("call %d: a failure, not a rejection%n%s", call, run.describe())
                    .isEqualTo("com.example.nested.ApiException");
            assertThat(failed.attempts()).isEqualTo(1);
        }
        assertThat(run.call(4).exceptionClass()).as(run::describe).isEqualTo(OPEN_EXCEPTION);
        assertThat(run.call(4).attempts()).isZero();
        assertThat(requests("/down")).as("three failed requests open a breaker with failureThreshold 3").isEqualTo(3);
        for (int call = 5; call <= 5 + successThreshold; call++) {
            assertThat(run.call(call).outcome()).as("call %d%n%s", call, run.describe()).isEqualTo("OK");
            assertThat(run.call(call).value()).isEqualTo("200");
        }
        assertThat(requests("/up")).isEqualTo(successThreshold + 1);
        assertThat(run.agentLog()).as(run::describe).containsSubsequence(
                "ERROR Circuit breaker for api: CLOSED -> OPEN (failures: 3)",
                "INFO  Circuit breaker for api: OPEN -> HALF_OPEN",
                "INFO  Circuit breaker for api: HALF_OPEN -> CLOSED");
    }
}
