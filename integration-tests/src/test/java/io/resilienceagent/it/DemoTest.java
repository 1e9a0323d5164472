package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo, run as the README tells users to: it retries, opens both breakers, rejects calls, recovers,
 * and in the brown-out its retry budget denies retries.
 */
class DemoTest {

    @JdkTest
    void demoShowsRetriesBreakersAndRecovery(Jdk jdk) {
        Path root = Artifacts.projectRoot();
        Path demoJar = Artifacts.demoJar();

        ChildResult run = ChildJvm.on(jdk).withAgentArgs("config=demo-app/resilience.yaml")
                .workingDirectory(root)
                .timeout(Duration.ofSeconds(90))
                .jar(demoJar).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("REJECTED");
        assertThat(run.agentLog()).as(run::describe)
                .anyMatch(l -> l.startsWith("INFO  resilience-agent ") && l.contains("protecting 2 services"))
                .anyMatch(l -> l.startsWith("WARN  Retrying "))
                .anyMatch(l -> l.matches("ERROR Circuit breaker for \\w+: CLOSED -> OPEN \\(failures: \\d+\\)"))
                .anyMatch(l -> l.matches("ERROR Circuit breaker open for \\w+"))
                .anyMatch(l -> l.matches("INFO  Circuit breaker for \\w+: OPEN -> HALF_OPEN"))
                .anyMatch(l -> l.matches("INFO  Circuit breaker for \\w+: HALF_OPEN -> CLOSED"))
                .anyMatch(l -> l.equals("WARN  Retry budget exhausted for agent_http"));
        assertThat(run.stdout()).as(run::describe).containsPattern("agent_http CLOSED \\(\\d+ retries, \\d+ rejected, \\d+ retries denied by the budget\\)");
    }
}
