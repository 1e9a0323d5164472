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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the agent finds its config: the {@code config=} argument, then {@code -Dresilience.config}, then
 * {@code RESILIENCE_AGENT_CONFIG}, then {@code ./resilience.yaml}. Each case puts a broken file at every
 * lower-priority place, so picking the wrong one would stop the JVM.
 */
class ConfigLookupTest extends WireMockTestBase {

    @TempDir
    Path dir;

    private Path good;
    private Path broken;

    private void writeConfigs() throws IOException {
        good = ResilienceYaml.create()
                .service("api", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.ApiClient.get", "api")
                .writeTo(Files.createDirectories(dir.resolve("good")));
        broken = ResilienceYaml.write(dir.resolve("broken/resilience.yaml"), "services: [not, a, map]\n");
        stubSequence("/flaky", status(503), ok("fine"));
    }

    @JdkTest
    void agentArgumentComesFirst(Jdk jdk) throws IOException {
        writeConfigs();
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.copy(broken, cwd.resolve("resilience.yaml"));

        ChildResult run = ChildJvm.on(jdk).withConfig(good)
                .systemProperty("resilience.config", broken.toString())
                .env("RESILIENCE_AGENT_CONFIG", broken.toString())
                .workingDirectory(cwd)
                .app(baseUrl(), "get /flaky").run();

        assertProtectedBy(run, good);
    }

    @JdkTest
    void systemPropertyComesSecond(Jdk jdk) throws IOException {
        writeConfigs();
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.copy(broken, cwd.resolve("resilience.yaml"));

        ChildResult run = ChildJvm.on(jdk).withAgentArgs(null)
                .systemProperty("resilience.config", good.toString())
                .env("RESILIENCE_AGENT_CONFIG", broken.toString())
                .workingDirectory(cwd)
                .app(baseUrl(), "get /flaky").run();

        assertProtectedBy(run, good);
    }

    @JdkTest
    void environmentVariableComesThird(Jdk jdk) throws IOException {
        writeConfigs();
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.copy(broken, cwd.resolve("resilience.yaml"));

        ChildResult run = ChildJvm.on(jdk).withAgentArgs(null)
                .env("RESILIENCE_AGENT_CONFIG", good.toString())
                .workingDirectory(cwd)
                .app(baseUrl(), "get /flaky").run();

        assertProtectedBy(run, good);
    }

    @JdkTest
    void workingDirectoryComesLast(Jdk jdk) throws IOException {
        writeConfigs();
        Path cwd = good.getParent();

        ChildResult run = ChildJvm.on(jdk).withAgentArgs(null).workingDirectory(cwd).app(baseUrl(), "get /flaky").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("200");
        assertThat(requests("/flaky")).isEqualTo(2);
        assertThat(run.agentLog()).as(run::describe).anyMatch(l -> l.startsWith("INFO  resilience-agent ")
                && l.contains("protecting 1 service") && l.contains("resilience.yaml"));
    }

    private void assertProtectedBy(ChildResult run, Path config) {
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as("retried under %s%n%s", config, run.describe()).isEqualTo("200");
        assertThat(requests("/flaky")).isEqualTo(2);
        assertThat(run.agentLog()).as(run::describe).anyMatch(l -> l.startsWith("INFO  resilience-agent ")
                && l.contains("protecting 1 service") && l.contains(config.toString()));
    }
}
