package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.InteractiveApp;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.JmxTools;
import io.resilienceagent.it.harness.JmxTools.JmxtermRun;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator at a shell: jmxterm 1.0.4 (uber jar, non-interactive, pid mode) reads a breaker's
 * attributes and calls {@code reset} and {@code forceOpen}, and the application's next call shows the
 * effect. jmxterm runs on the same JDK as the child (it works on 17 and 25 alike); nothing else
 * attaches to the child, so jmxterm starts the child's local management agent itself.
 */
class JmxtermTest extends WireMockTestBase {
    private static final String BEAN = "io.resilienceagent:type=CircuitBreaker,name=svc";

    @TempDir
    Path dir;

    @JdkTest
    void readsAttributesAndResetsAndForcesOpenFromTheCommandLine(Jdk jdk) {
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        wireMock.stubFor(any(urlPathEqualTo("/up")).willReturn(ok("fine")));
        Path config = ResilienceYaml.create()
                .service("svc", "retry: { maxAttempts: 1 }", "circuitBreaker: { failureThreshold: 2, recoveryTimeout: 60s }")
                .method("com.example.app.ApiClient.get", "svc")
                .writeTo(dir);

        try (LiveChildJvm child = LiveChildJvm.start(ChildJvm.on(jdk).withConfig(config).main(InteractiveApp.class, baseUrl()))) {
            child.send("await-mbeans");
            assertThat(child.awaitLine("MBEANS ")).as(child::describe).isEqualTo("MBEANS 2");
            child.call("get /down");
            child.call("get /down");   // the second consecutive failure opens the breaker

            // read, reset, read again
            String pid = String.valueOf(child.pid());
            JmxtermRun reset = JmxTools.jmxterm(jdk,
                    "open " + pid,
                    "get -s -b " + BEAN + " State",
                    "get -s -b " + BEAN + " StateCode",
                    "get -s -b " + BEAN + " FailureCount",
                    "get -s -b " + BEAN + " TotalCalls",
                    "get -s -b io.resilienceagent:type=Agent Version",
                    "run -b " + BEAN + " reset",
                    "get -s -b " + BEAN + " State",
                    "get -s -b " + BEAN + " FailureCount");
            assertThat(reset.exitCode()).as(reset::describe).isZero();
            assertThat(reset.stdoutLines()).as(reset::describe)
                    .containsExactly("OPEN", "1", "2", "2", "0.1.0", "null", "CLOSED", "0");
            assertThat(child.caughtUp().agentLog()).as(child::describe).contains("INFO  Circuit breaker for svc: OPEN -> CLOSED (reset)");

            // the next call goes through
            CallResult afterReset = child.call("get /up");
            assertThat(afterReset.value()).as(child::describe).isEqualTo("200");
            assertThat(requests("/up")).isEqualTo(1);

            // forceOpen: the next call is rejected without reaching the server
            JmxtermRun forceOpen = JmxTools.jmxterm(jdk,
                    "open " + pid,
                    "run -b " + BEAN + " forceOpen",
                    "get -s -b " + BEAN + " State");
            assertThat(forceOpen.exitCode()).as(forceOpen::describe).isZero();
            assertThat(forceOpen.stdoutLines()).as(forceOpen::describe).containsExactly("null", "OPEN");
            assertThat(child.caughtUp().agentLog()).as(child::describe).contains("WARN  Circuit breaker for svc: CLOSED -> OPEN (forced)");

            CallResult rejected = child.call("get /up");
            assertThat(rejected.exceptionClass()).as(child::describe).isEqualTo("io.resilienceagent.CircuitBreakerOpenException");
            assertThat(rejected.attempts()).isZero();
            assertThat(requests("/up")).as("rejected: nothing sent").isEqualTo(1);
        }
    }
}
