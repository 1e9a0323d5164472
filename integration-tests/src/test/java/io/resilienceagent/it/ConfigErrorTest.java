package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad config stops the JVM before {@code main} (exit status 1) with one clear message; with
 * {@code onConfigError=continue} the application runs unprotected.
 */
class ConfigErrorTest extends WireMockTestBase {
    /** A misspelt key on line 3, column 14, and a wrong type on line 5, column 25. */
    private static final String BAD_CONFIG = """
            services:
              api:
                retry: { maxAtempts: 3 }
                circuitBreaker:
                  failureThreshold: many
            methods:
              "com.example.app.ApiClient.get": api
            """;

    @TempDir
    Path dir;

    @JdkTest
    void badConfigStopsTheJvmBeforeMain(Jdk jdk) {
        Path config = ResilienceYaml.write(dir.resolve("broken-resilience.yaml"), BAD_CONFIG);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).app(baseUrl(), "get /never").run();

        assertThat(run.exitCode()).as(run::describe).isEqualTo(1);
        assertThat(run.stdout()).as("main must not run").doesNotContain("MAIN STARTED");
        assertThat(run.stderr()).as(run::describe)
                .contains("Invalid resilience-agent config " + config)
                .contains("(2 problems)")
                .contains(config + ":3:14: services.api.retry.maxAtempts")
                .contains("did you mean 'maxAttempts'")
                .contains(config + ":5:25: services.api.circuitBreaker.failureThreshold");
        assertThat(requests("/never")).isZero();
    }

    @JdkTest
    void explicitExitBehavesLikeTheDefault(Jdk jdk) {
        Path config = ResilienceYaml.write(dir.resolve("broken-resilience.yaml"), BAD_CONFIG);

        ChildResult run = ChildJvm.on(jdk).withAgentArgs("config=" + config + ",onConfigError=exit")
                .app(baseUrl(), "get /never").run();

        assertThat(run.exitCode()).as(run::describe).isEqualTo(1);
        assertThat(run.stdout()).doesNotContain("MAIN STARTED");
        assertThat(run.stderr()).contains("Invalid resilience-agent config " + config);
    }

    @JdkTest
    void missingConfigFileStopsTheJvm(Jdk jdk) {
        Path missing = dir.resolve("no-such-resilience.yaml");

        ChildResult run = ChildJvm.on(jdk).withConfig(missing).app(baseUrl(), "get /never").run();

        assertThat(run.exitCode()).as(run::describe).isEqualTo(1);
        assertThat(run.stdout()).doesNotContain("MAIN STARTED");
        assertThat(run.stderr()).as(run::describe).contains(missing.toString());
    }

    @JdkTest
    void continueRunsTheApplicationUnprotected(Jdk jdk) {
        Path config = ResilienceYaml.write(dir.resolve("broken-resilience.yaml"), BAD_CONFIG);
        stubSequence("/flaky", status(503), ok("fine"));

        ChildResult run = ChildJvm.on(jdk).withAgentArgs("config=" + config + ",onConfigError=continue")
                .app(baseUrl(), "get /flaky").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).contains("MAIN STARTED");
        assertThat(run.stderr()).as("the error is still reported").contains("Invalid resilience-agent config " + config);
        assertThat(run.call(1).value()).as("no retry: the caller sees the 503").isEqualTo("503");
        assertThat(requests("/flaky")).isEqualTo(1);
        assertThat(run.logLinesContaining("Retrying")).isEmpty();
    }
}
