package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.anthropic.AnthropicRecipeApp;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.RecipeTestBase;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Anthropic Java SDK recipe (docs/recipes.md): {@code MessageService.create} named, the SDK's
 * exceptions read for their status and headers ({@code statusCode()}, {@code headers()}), and what its
 * own retries ({@code maxRetries}, default 2, settable only in code) do to the number of requests.
 */
class AnthropicSdkRecipeTest extends RecipeTestBase {
    static final String[] SDK = {"anthropic-java-", "okhttp-4", "okio-", "kotlin-stdlib-", "kotlin-reflect-",
            "jackson-", "opentelemetry-"};
    static final String PATTERN = "com.anthropic.services.blocking.MessageService.create";
    private static final String MESSAGE = """
            {"id":"msg_recipe","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":3,"output_tokens":1}}""";
    private static final String UNAVAILABLE = "com.anthropic.errors.ServiceUnavailableException";
    private static final String RETRY_AFTER_MS = "/retryAfterMs";
    private static final String AMPLIFIED = "/amplified";

    @TempDir
    Path dir;

    @Override
    protected String serverPath(String stepPath) {
        return stepPath + "/v1/messages";
    }

    @Override
    protected ResponseDefinitionBuilder success() {
        return okJson(MESSAGE);
    }

    /** A 503 that asks for a 10 ms wait, so that the SDK's own retries do not slow the test down. */
    private static ResponseDefinitionBuilder quick503() {
        return status(503).withHeader("retry-after-ms", "10").withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}");
    }

    @JdkTest
    void withTheSdksRetriesOffTheAgentRetriesHonoursRetryAfterAndOpensTheBreaker(Jdk jdk) {
        stubScenario("");
        stubSequence(serverPath(RETRY_AFTER_MS),
                tooManyRequests("1").withHeader("retry-after-ms", "300"), success());
        wireMock.stubFor(any(urlPathEqualTo(serverPath(AMPLIFIED))).willReturn(quick503()));
        Path config = ResilienceYaml.create()
                .service("claude", RETRY, BREAKER)
                .method(PATTERN, "claude")
                .writeTo(dir);
        List<String> steps = new ArrayList<>(List.of(
                "create " + RETRY_503, "create " + RETRY_429, "create " + RESET, "create " + RETRY_AFTER_MS,
                "create " + DOWN, "create " + DOWN, PAST_RECOVERY, "create " + UP,
                "createDefault " + AMPLIFIED));

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(SDK)
                .main(AnthropicRecipeApp.class, args(baseUrl(), steps)).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertSucceededAfter(run, 1, RETRY_503, 2);
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("msg_recipe");
        assertSucceededAfter(run, 2, RETRY_429, 2);
        assertSucceededAfter(run, 3, RESET, 3);
        assertThat(run.call(3).attempts()).as("the SDK's OkHttp does not re-send by itself%n%s", run.describe()).isEqualTo(3);
        assertSucceededAfter(run, 4, RETRY_AFTER_MS, 2);
        CallResult exhausted = run.call(5);
        assertThat(exhausted.exceptionClass()).as("the SDK's last exception reaches the caller%n%s", run.describe())
                .isEqualTo(UNAVAILABLE);
        assertThat(exhausted.get("status")).isEqualTo("503");
        assertThat(exhausted.attempts()).as(run::describe).isEqualTo(3);
        assertOpenedThenRejected(run, 5, DOWN, "claude");
        assertRecovered(run, 7, "claude");
        assertThat(run.call(7).value()).isEqualTo("msg_recipe");

        // the SDK's two retries inside each of the agent's three attempts: one failing call, nine requests
        CallResult amplified = run.call(8);
        assertThat(amplified.exceptionClass()).as(run::describe).isEqualTo(UNAVAILABLE);
        assertThat(served(AMPLIFIED)).as(run::describe).isEqualTo(9);
        assertThat(retryCounts(AMPLIFIED)).as("X-Stainless-Retry-Count of each request")
                .containsExactly("0", "1", "2", "0", "1", "2", "0", "1", "2");

        // the waits the server asked for, read from the SDK's exceptions: Retry-After, and retry-after-ms first
        assertRetryCameAfter(run, RETRY_429, 1000);
        assertRetryCameAfter(run, RETRY_AFTER_MS, 300);
    }

    @JdkTest
    void withTheSdksRetriesOnTheAgentGuardsWithItsBreakerOnly(Jdk jdk) {
        stubSequence(serverPath(RETRY_503), quick503(), success());
        wireMock.stubFor(any(urlPathEqualTo(serverPath(DOWN))).willReturn(quick503()));
        Path config = ResilienceYaml.create()
                .service("claude", "retry: { maxAttempts: 1 }",
                        "circuitBreaker: { failureThreshold: 2, recoveryTimeout: 30s }")
                .method(PATTERN, "claude")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(SDK)
                .main(AnthropicRecipeApp.class, baseUrl(),
                        "createDefault " + RETRY_503, "createDefault " + DOWN, "createDefault " + DOWN, "createDefault " + DOWN)
                .run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertSucceededAfter(run, 1, RETRY_503, 2);
        assertThat(run.call(1).attempts()).as("the SDK retried by itself%n%s", run.describe()).isEqualTo(2);
        assertThat(run.call(2).exceptionClass()).as(run::describe).isEqualTo(UNAVAILABLE);
        assertThat(run.call(2).attempts()).as("one failing call costs the SDK's three requests%n%s", run.describe()).isEqualTo(3);
        assertThat(run.call(3).exceptionClass()).isEqualTo(UNAVAILABLE);
        assertThat(run.agentLog()).as(run::describe)
                .contains("ERROR Circuit breaker for claude: CLOSED -> OPEN (failures: 2)")
                .noneMatch(line -> line.contains("Retrying"));
        assertThat(run.call(4).exceptionClass()).as(run::describe).isEqualTo(OPEN_EXCEPTION);
        assertThat(run.call(4).attempts()).isZero();
        assertThat(served(DOWN)).as("two failing calls, three requests each; the rejected call sent none").isEqualTo(6);
    }

    @Test
    void withoutTheAgentTheSdkRetriesByItselfUnlessMaxRetriesIsZero() {
        stubScenario("");
        stubSequence(serverPath("/sdkRetries"), status(503).withBody("busy"), success());

        ChildResult run = ChildJvm.on(controlJdk()).withoutAgent().withLibraries(SDK)
                .main(AnthropicRecipeApp.class, baseUrl(), "create " + RETRY_503, "createDefault /sdkRetries").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).exceptionClass()).as("with maxRetries(0) the first 503 surfaces%n%s", run.describe())
                .isEqualTo(UNAVAILABLE);
        assertThat(served(RETRY_503)).isEqualTo(1);
        assertThat(run.call(2).value()).as("the SDK's own retry%n%s", run.describe()).isEqualTo("msg_recipe");
        assertThat(retryCounts("/sdkRetries")).containsExactly("0", "1");
        assertThat(gapsMs("/sdkRetries").get(0)).as("the SDK's own first backoff: 0.5 s less up to 25 % jitter")
                .isBetween(375L, 600L);
    }

    private List<String> retryCounts(String stepPath) {
        return requestLog(serverPath(stepPath)).stream().map(r -> r.getHeader("X-Stainless-Retry-Count")).toList();
    }
}
