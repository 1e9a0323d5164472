package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.WireMockTestBase;

/**
 * The control experiment: the same flaky server without {@code -javaagent}. The caller sees the
 * failures and the server sees one request per call, so the other tests' passes are the agent's doing.
 */
class WithoutAgentTest extends WireMockTestBase {

    @JdkTest
    void withoutTheAgentEveryFailureReachesTheCaller(Jdk jdk) {
        stubSequence("/flaky-status", status(503), ok("fine"));
        stubSequence("/flaky-fault", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok("fine"));

        ChildResult run = ChildJvm.on(jdk).withoutAgent()
                .app(baseUrl(), "get /flaky-status", "post /flaky-fault hello").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("503");
        assertThat(run.call(2).outcome()).as(run::describe).isEqualTo("THROWN");
        assertThat(run.call(2).exceptionClass()).isEqualTo("java.io.IOException");
        assertThat(run.call(2).message()).isEqualTo("HTTP/1.1 header parser received no bytes");
        assertThat(requests("/flaky-status")).isEqualTo(1);
        assertThat(requests("/flaky-fault")).isEqualTo(1);
        assertThat(run.agentLog()).isEmpty();
    }
}
