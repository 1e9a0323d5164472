package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.tomcat.TomcatApp;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web application reloaded in embedded Tomcat with {@code clearReferencesStopThreads} while one of
 * the agent's threads runs its async retry: Tomcat takes the thread for the application's and shuts
 * down its executor; the agent runs the next generation's retries on new threads (one WARN line)
 * instead of dropping them, and Tomcat's reload succeeds.
 */
class TomcatRedeployTest {
    @TempDir
    Path dir;

    @JdkTest
    void aReloadDuringARetryLeavesTheAgentsThreadsRunningForTheNextGeneration(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("quotes", "retry: { maxAttempts: 3, minWait: 50ms, maxWait: 50ms }")
                .method("com.example.tomcat.webapp.AsyncQuotes.quote", "quotes")
                .writeTo(dir);

        // the opens Tomcat's start scripts give it, which its clean-up of a stopped application's threads uses
        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries("tomcat-embed-core-", "tomcat-annotations-api-")
                .jvmOption("--add-opens=java.base/java.lang=ALL-UNNAMED")
                .jvmOption("--add-opens=java.base/java.util.concurrent=ALL-UNNAMED")
                .main(TomcatApp.class).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("GENERATION 1: started", "RETRY RUNNING: true");
        assertThat(run.stdoutLines()).as("the new generation's retry ran on the agent's thread%n%s", run.describe())
                .anyMatch(line -> line.startsWith("GENERATION 2: quote on resilience-agent-async-"));
        assertThat(run.agentLog()).as(run::describe).contains("WARN  resilience-agent's async threads were shut down by another "
                + "component (an application server stopping a web application's threads, one of which ran that application's "
                + "retry): the retries then running were interrupted, later ones run on new threads");
        assertThat(run.stderr()).as("Tomcat reloaded the application%n%s", run.describe()).doesNotContain("SEVERE");
    }
}
