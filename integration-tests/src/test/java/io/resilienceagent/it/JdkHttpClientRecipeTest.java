package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.jdkhttp.JdkHttpRecipeApp;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.RecipeTestBase;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code java.net.http.HttpClient} recipe (docs/recipes.md): name {@code java.net.http.HttpClient.send}
 * itself, the one JDK method the agent weaves; the status and {@code Retry-After} come from the
 * returned {@code HttpResponse}.
 */
class JdkHttpClientRecipeTest extends RecipeTestBase {

    @TempDir
    Path dir;

    @JdkTest
    void sendIsRetriedHonoursRetryAfterAndIsGuardedByTheBreaker(Jdk jdk) {
        stubScenario("");
        Path config = ResilienceYaml.create()
                .service("jdk_http", RETRY, BREAKER)
                .method("java.net.http.HttpClient.send", "jdk_http")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(JdkHttpRecipeApp.class, args(baseUrl(), scenarioSteps("send", ""))).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call : new int[] {1, 2}) {
            assertThat(run.call(call).value()).as("call %d: retried to success (HttpClient.send woven)%n%s", call, run.describe())
                    .isEqualTo("200");
            assertThat(run.call(call).attempts()).as("responses received").isEqualTo(2);
        }
        assertSucceededAfter(run, 1, RETRY_503, 2);
        assertSucceededAfter(run, 2, RETRY_429, 2);
        assertSucceededAfter(run, 3, RESET, 3);
        assertThat(run.call(4).value()).as("the last 503 is handed back%n%s", run.describe()).isEqualTo("503");
        assertThat(run.call(4).attempts()).isEqualTo(3);
        assertOpenedThenRejected(run, 4, DOWN, "jdk_http");
        assertRecovered(run, 6, "jdk_http");
        assertThat(run.agentLog()).as(run::describe)
                .anyMatch(line -> line.startsWith("WARN  Retrying ") && line.endsWith(".send after HTTP 503 (attempt 2/3)"))
                .anyMatch(line -> line.startsWith("WARN  Retrying ") && line.endsWith(".send after HTTP 429 (attempt 2/3)"));

        assertRetryCameAfter(run, RETRY_429, 1000);
    }

    @Test
    void withoutTheAgentThe503And429SurfaceAndAResetIsNotReSent() {
        stubScenario("");

        ChildResult run = ChildJvm.on(controlJdk()).withoutAgent()
                .main(JdkHttpRecipeApp.class, baseUrl(), "send " + RETRY_503, "send " + RETRY_429, "send " + RESET).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("503");
        assertThat(run.call(2).value()).isEqualTo("429");
        assertThat(run.call(3).outcome()).as(run::describe).isEqualTo("THROWN");
        assertThat(served(RETRY_503)).isEqualTo(1);
        assertThat(served(RESET)).as("the JDK's client did not re-send the GET after a reset").isEqualTo(1);
    }
}
