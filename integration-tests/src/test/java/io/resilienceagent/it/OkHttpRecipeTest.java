package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.okhttp.OkRecipeApp;
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
 * The OkHttp 5 recipe (docs/recipes.md): name the application's method that builds and executes the
 * call; naming {@code okhttp3.Call.execute} itself gets the breaker but no retries, since a
 * {@code Call} runs once.
 */
class OkHttpRecipeTest extends RecipeTestBase {
    static final String[] OKHTTP = {"okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-"};

    @TempDir
    Path dir;

    @JdkTest
    void theApplicationsFetchMethodIsRetriedOnOneConnectionAndGuardedByTheBreaker(Jdk jdk) {
        stubScenario("");
        Path config = ResilienceYaml.create()
                .service("okhttp", RETRY, BREAKER)
                .method("com.example.okhttp.OkFetcher.fetch", "okhttp")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(OKHTTP)
                .main(OkRecipeApp.class, args(baseUrl(), scenarioSteps("fetch", ""))).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call : new int[] {1, 2}) {
            CallResult retried = run.call(call);
            assertThat(retried.value()).as(run::describe).isEqualTo("200");
            assertThat(retried.attempts()).isEqualTo(2);
            assertThat(retried.get("connects")).as("both attempts on one connection%n%s", run.describe()).isEqualTo(call == 1 ? "1" : "0");
            assertThat(retried.get("inUse")).as("the superseded response was closed%n%s", run.describe()).isEqualTo("0");
        }
        assertSucceededAfter(run, 1, RETRY_503, 2);
        assertSucceededAfter(run, 2, RETRY_429, 2);
        assertSucceededAfter(run, 3, RESET, 3);
        assertThat(run.call(3).attempts()).as("OkHttp re-sent after both resets by itself (retryOnConnectionFailure)%n%s", run.describe())
                .isEqualTo(1);
        CallResult exhausted = run.call(4);
        assertThat(exhausted.value()).as("the last 503 is handed back, open and readable%n%s", run.describe()).isEqualTo("503");
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertThat(exhausted.get("connects")).isEqualTo("0");
        assertThat(exhausted.get("inUse")).isEqualTo("0");
        assertOpenedThenRejected(run, 4, DOWN, "okhttp");
        assertRecovered(run, 6, "okhttp");
        assertThat(run.stderr()).as(run::describe).doesNotContain("leaked");
        assertThat(run.agentLog()).as(run::describe)
                .contains("WARN  Retrying OkFetcher.fetch after HTTP 503 (attempt 2/3)", "WARN  Retrying OkFetcher.fetch after HTTP 429 (attempt 2/3)");

        assertRetryCameAfter(run, RETRY_429, 1000);
    }

    @JdkTest
    void aCallTimeoutIsRetried(Jdk jdk) {
        stubSequence("/slow", ok("late").withFixedDelay(3000), ok("fine"));
        Path config = ResilienceYaml.create()
                .service("okhttp", RETRY, BREAKER)
                .method("com.example.okhttp.OkFetcher.fetch", "okhttp")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(OKHTTP)
                .main(OkRecipeApp.class, baseUrl(), "timed /slow").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as("the call timed out after 500 ms and was retried%n%s", run.describe()).isEqualTo("200");
        assertThat(run.call(1).attempts()).isEqualTo(2);
        assertThat(run.agentLog()).as(run::describe)
                .contains("WARN  Retrying OkFetcher.fetch after java.io.InterruptedIOException: timeout (attempt 2/3)");
    }

    @JdkTest
    void namingCallExecuteGivesTheBreakerButNoRetries(Jdk jdk) {
        stubScenario("");
        Path config = ResilienceYaml.create()
                .service("okhttp_call", RETRY, "circuitBreaker: { failureThreshold: 2, recoveryTimeout: 1s, successThreshold: 1 }")
                .method("okhttp3.Call.execute", "okhttp_call")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(OKHTTP)
                .main(OkRecipeApp.class, baseUrl(), "execute " + RETRY_503, "execute " + DOWN, "execute " + DOWN,
                        PAST_RECOVERY, "execute " + UP)
                .run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult first = run.call(1);
        assertThat(first.value()).as("the 503 reaches the caller, not retried (no IllegalStateException: Already Executed)%n%s",
                run.describe()).isEqualTo("503");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(served(RETRY_503)).isEqualTo(1);
        assertThat(run.agentLog()).as(run::describe)
                .filteredOn(line -> line.startsWith("WARN  Not retrying okhttp3.internal.connection.RealCall.execute()"))
                .hasSize(1);
        assertThat(run.agentLog()).as(run::describe).noneMatch(line -> line.contains("Retrying"));
        assertThat(run.call(2).value()).as(run::describe).isEqualTo("503");
        assertThat(run.agentLog()).as(run::describe).contains("ERROR Circuit breaker for okhttp_call: CLOSED -> OPEN (failures: 2)");
        assertThat(run.call(3).exceptionClass()).as(run::describe).isEqualTo(OPEN_EXCEPTION);
        assertThat(run.call(3).attempts()).isZero();
        assertThat(served(DOWN)).as("the rejected call never reached the server").isEqualTo(1);
        assertThat(run.call(4).value()).as(run::describe).isEqualTo("200");
        assertThat(run.agentLog()).as(run::describe).contains("INFO  Circuit breaker for okhttp_call: HALF_OPEN -> CLOSED");
        assertThat(run.stderr()).as(run::describe).doesNotContain("leaked");
    }

    @Test
    void withoutTheAgentThe503And429SurfaceAndOkHttpReSendsAfterResets() {
        stubScenario("");

        ChildResult run = ChildJvm.on(controlJdk()).withoutAgent().withLibraries(OKHTTP)
                .main(OkRecipeApp.class, baseUrl(), "fetch " + RETRY_503, "fetch " + RETRY_429, "fetch " + RESET).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("503");
        assertThat(run.call(2).value()).isEqualTo("429");
        assertThat(served(RETRY_503)).isEqualTo(1);
        assertThat(served(RETRY_429)).isEqualTo(1);
        assertThat(run.call(3).value()).as("OkHttp re-sends after a reset by itself%n%s", run.describe()).isEqualTo("200");
        assertThat(served(RESET)).as("two resets and the good answer, in one call").isEqualTo(3);
    }
}
