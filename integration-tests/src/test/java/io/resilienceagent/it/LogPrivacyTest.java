package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Method arguments and return values never reach the agent's log, whatever it logs about the calls. */
class LogPrivacyTest extends WireMockTestBase {
    private static final String SECRET_PROMPT = "sk-secret-123";
    private static final String SECRET_ANSWER = "sk-answer-456";

    @TempDir
    Path dir;

    @JdkTest
    void noArgumentOrReturnValueIsLogged(Jdk jdk) {
        stubSequence("/chat",
                aResponse().withStatus(503).withHeader("X-Echo", SECRET_ANSWER).withBody("busy " + SECRET_ANSWER),
                aResponse().withStatus(500).withBody("oops " + SECRET_ANSWER),
                ok("answer " + SECRET_ANSWER));
        stubSequence("/chat-broken", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        stubSequence("/legacy-chat", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok("answer " + SECRET_ANSWER));
        Path config = ResilienceYaml.create()
                .service("claude", ResilienceYaml.FAST_RETRY, "circuitBreaker: { failureThreshold: 5, recoveryTimeout: 60s }")
                .method("com.example.app.ApiClient.post", "claude")
                .method("com.example.app.LegacyClient.post", "claude")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).systemProperty("sun.net.http.retryPost", "false")
                .app(baseUrl(),
                        "post /chat please summarise " + SECRET_PROMPT,          // 503, 500, then 200
                        "legacy-post /legacy-chat " + SECRET_PROMPT,            // reset, then 200
                        "post /chat-broken " + SECRET_PROMPT,                   // 3 failures: the breaker opens
                        "post /chat-broken " + SECRET_PROMPT)                   // rejected
                .run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        // the secrets did travel, and the agent had plenty to say about these calls
        wireMock.verify(3, postRequestedFor(urlPathEqualTo("/chat")).withRequestBody(WireMock.containing(SECRET_PROMPT)));
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("200");
        assertThat(run.call(2).value()).as(run::describe).isEqualTo("200");
        assertThat(run.call(4).exceptionClass()).as(run::describe).isEqualTo("io.resilienceagent.CircuitBreakerOpenException");
        assertThat(run.logLinesContaining("Retrying")).as(run::describe).hasSizeGreaterThanOrEqualTo(5);
        assertThat(run.agentLog()).as(run::describe).contains("ERROR Circuit breaker for claude: CLOSED -> OPEN (failures: 5)");

        assertThat(run.stderrLines()).as("stderr must not contain arguments or return values%n%s", run.stderr())
                .noneMatch(l -> l.contains(SECRET_PROMPT))
                .noneMatch(l -> l.contains(SECRET_ANSWER))
                .noneMatch(l -> l.contains("summarise"));
    }
}
