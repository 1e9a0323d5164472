package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.jaxrs.JaxRsRecipeApp;
import io.resilienceagent.it.harness.CallResult;
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
 * A JAX-RS client (Jersey): a typed {@code get(String.class)} throws a {@code WebApplicationException}
 * for a 4xx or 5xx ({@code ServiceUnavailableException} for 503), its status and {@code Retry-After}
 * only in the response it holds ({@code getResponse()}), which the agent reads.
 */
class JaxRsRecipeTest extends RecipeTestBase {
    static final String[] JERSEY = {"jersey-", "jakarta.", "osgi-resource-locator-", "hk2-", "aopalliance-repackaged-", "javassist-"};

    @TempDir
    Path dir;

    @JdkTest
    void aThrownWebApplicationExceptionIsRetriedByTheStatusOfTheResponseItHolds(Jdk jdk) {
        stubScenario("");
        Path config = ResilienceYaml.create()
                .service("jaxrs", RETRY, BREAKER)
                .method("com.example.jaxrs.JaxRsFetcher.fetch", "jaxrs")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(JERSEY)
                .main(JaxRsRecipeApp.class, args(baseUrl(), scenarioSteps("fetch", ""))).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("fine");
        assertSucceededAfter(run, 1, RETRY_503, 2);
        assertSucceededAfter(run, 2, RETRY_429, 2);
        assertThat(run.call(1).attempts()).isEqualTo(2);
        assertThat(run.call(2).attempts()).isEqualTo(2);
        assertSucceededAfter(run, 3, RESET, 3);
        assertThat(run.call(3).attempts()).as("the agent retried the ProcessingException of a reset; HttpURLConnection, "
                + "Jersey's default connector, may re-send once itself on a kept-alive connection%n%s", run.describe()).isBetween(2, 3);
        CallResult exhausted = run.call(4);
        assertThat(exhausted.exceptionClass()).as("the last attempt's own exception%n%s", run.describe())
                .isEqualTo("jakarta.ws.rs.ServiceUnavailableException");
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertOpenedThenRejected(run, 4, DOWN, "jaxrs");
        assertRecovered(run, 6, "jaxrs");
        assertThat(run.agentLog()).as(run::describe).contains(
                "WARN  Retrying JaxRsFetcher.fetch after jakarta.ws.rs.ServiceUnavailableException: HTTP 503 Service Unavailable (attempt 2/3)",
                "WARN  Retrying JaxRsFetcher.fetch after jakarta.ws.rs.ClientErrorException: HTTP 429 Too Many Requests (attempt 2/3)");

        assertRetryCameAfter(run, RETRY_429, 1000);
    }

    @Test
    void withoutTheAgentThe503IsThrownAtOnce() {
        stubScenario("");

        ChildResult run = ChildJvm.on(controlJdk()).withoutAgent().withLibraries(JERSEY)
                .main(JaxRsRecipeApp.class, baseUrl(), "fetch " + RETRY_503).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).exceptionClass()).as(run::describe).isEqualTo("jakarta.ws.rs.ServiceUnavailableException");
        assertThat(served(RETRY_503)).isEqualTo(1);
    }
}
