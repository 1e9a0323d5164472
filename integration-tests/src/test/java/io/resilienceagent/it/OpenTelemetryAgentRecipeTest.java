package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.okhttp.OkRecipeApp;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.RecipeTestBase;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java agent recipe (docs/recipes.md): the OTel agent attached beside ours, in either
 * order, instruments the application's OkHttp calls (every request carries a {@code traceparent}
 * header) while the application's method stays retried and guarded by its breaker.
 */
class OpenTelemetryAgentRecipeTest extends RecipeTestBase {
    private static final String VERSION_LINE = "opentelemetry-javaagent - version: 2.10.0";

    @TempDir
    Path dir;

    @JdkTest
    void withTheOpenTelemetryAgentFirstTheMethodIsStillRetriedAndGuarded(Jdk jdk) {
        checkRetriedAndGuarded(withOpenTelemetry(ChildJvm.on(jdk).jvmOptionBeforeAgent(openTelemetryAgent()).withConfig(config())));
    }

    @JdkTest
    void withTheOpenTelemetryAgentSecondTheMethodIsStillRetriedAndGuarded(Jdk jdk) {
        checkRetriedAndGuarded(withOpenTelemetry(ChildJvm.on(jdk).withConfig(config()).jvmOption(openTelemetryAgent())));
    }

    @Test
    void theOpenTelemetryAgentAloneInstrumentsButDoesNotRetry() {
        stubScenario("");

        ChildResult run = withOpenTelemetry(ChildJvm.on(controlJdk()).withoutAgent().jvmOption(openTelemetryAgent()))
                .main(OkRecipeApp.class, baseUrl(), "fetch " + RETRY_503).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stderr()).as(run::describe).contains(VERSION_LINE);
        assertThat(run.call(1).value()).as("the first 503 surfaces%n%s", run.describe()).isEqualTo("503");
        assertThat(requestLog(RETRY_503)).singleElement()
                .satisfies(request -> assertThat(request.containsHeader("traceparent")).as("OTel instrumented OkHttp").isTrue());
    }

    private void checkRetriedAndGuarded(ChildJvm child) {
        stubScenario("");

        ChildResult run = child.main(OkRecipeApp.class, baseUrl(), "fetch " + RETRY_503, "fetch " + DOWN, "fetch " + DOWN).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stderr()).as(run::describe).contains(VERSION_LINE);
        assertThat(run.call(1).value()).as("retried to success%n%s", run.describe()).isEqualTo("200");
        assertThat(run.call(1).attempts()).isEqualTo(2);
        List<LoggedRequest> requests = requestLog(RETRY_503);
        assertThat(requests).as(run::describe).hasSize(2)
                .allSatisfy(request -> assertThat(request.containsHeader("traceparent")).as("OTel instrumented each attempt").isTrue());
        assertThat(run.call(2).value()).as(run::describe).isEqualTo("503");
        assertThat(run.call(2).attempts()).isEqualTo(3);
        assertOpenedThenRejected(run, 2, DOWN, "okhttp");
        assertThat(run.agentLog()).as(run::describe).contains("WARN  Retrying OkFetcher.fetch after HTTP 503 (attempt 2/3)");
    }

    private Path config() {
        return ResilienceYaml.create()
                .service("okhttp", RETRY, BREAKER)
                .method("com.example.okhttp.OkFetcher.fetch", "okhttp")
                .writeTo(dir);
    }

    /**
     * The OkHttp application's class path, OpenTelemetry's exporters off (nothing to send them to), and
     * {@code net.bytebuddy.experimental}: the Byte Buddy inside OTel 2.10.0 supports class files up to
     * Java 24, and on Java 25 the agent otherwise skips its OkHttp instrumentation without a word.
     */
    private static ChildJvm withOpenTelemetry(ChildJvm child) {
        return child.withLibraries(OkHttpRecipeTest.OKHTTP)
                .systemProperty("net.bytebuddy.experimental", "true")
                .env("OTEL_TRACES_EXPORTER", "none")
                .env("OTEL_METRICS_EXPORTER", "none")
                .env("OTEL_LOGS_EXPORTER", "none");
    }

    private static String openTelemetryAgent() {
        return "-javaagent:" + Artifacts.openTelemetryAgentJar();
    }
}
