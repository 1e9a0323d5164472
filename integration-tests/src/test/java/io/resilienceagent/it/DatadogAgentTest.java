package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.okhttp.OkRecipeApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.RecipeTestBase;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Datadog Java agent attached before ours: it instruments the agent's own classes that implement
 * {@code Runnable}, loading such a class through the agent's class loader while that loader is defining
 * it. The agent starts all the same (its start line, live reload, its MXBeans), and the application's
 * method stays retried and guarded while Datadog traces each attempt.
 */
class DatadogAgentTest extends RecipeTestBase {
    @TempDir
    Path dir;

    @JdkTest
    void withTheDatadogAgentFirstTheAgentStartsWholeAndTheMethodIsRetriedAndGuarded(Jdk jdk) {
        stubScenario("");
        Path config = ResilienceYaml.create()
                .service("okhttp", RETRY, BREAKER)
                .method("com.example.okhttp.OkFetcher.fetch", "okhttp")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).jvmOptionBeforeAgent("-javaagent:" + Artifacts.datadogAgentJar())
                .systemProperty("dd.trace.agent.port", "1").systemProperty("dd.profiling.enabled", "false")
                .systemProperty("dd.remote_config.enabled", "false").systemProperty("dd.instrumentation.telemetry.enabled", "false")
                .withConfig(config).withLibraries(OkHttpRecipeTest.OKHTTP)
                .main(OkRecipeApp.class, baseUrl(), "fetch " + RETRY_503, "fetch " + DOWN, "fetch " + DOWN).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.agentLog()).as(run::describe).contains("INFO  resilience-agent 0.1.0 protecting 1 service (config " + config + ")")
                .noneMatch(line -> line.contains("could not") || line.contains("unprotected"));
        assertThat(run.call(1).value()).as("retried to success%n%s", run.describe()).isEqualTo("200");
        assertThat(run.call(1).attempts()).isEqualTo(2);
        assertThat(requestLog(RETRY_503)).as(run::describe).hasSize(2)
                .allSatisfy(request -> assertThat(request.containsHeader("x-datadog-trace-id")).as("Datadog traced each attempt").isTrue());
        assertOpenedThenRejected(run, 2, DOWN, "okhttp");
    }
}
