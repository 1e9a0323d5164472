package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.ThreadsApp;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * No agent thread keeps the JVM alive: an application whose {@code main} simply returns ends within
 * moments under the agent, after its breaker opened and the JMX registration thread ran, and also while
 * that thread is still waiting (up to 60 s) for an application server's log manager that never loads.
 */
class AgentThreadsTest {
    private static final String SERVICE = "threads";
    private static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";
    /** Far less than the JMX thread's 60 s wait for the log manager. */
    private static final long MAX_EXIT_LAG_MS = 5_000;

    @TempDir
    Path dir;

    @JdkTest
    void jvmExitsWhenMainReturnsAfterTheBreakerOpenedAndJmxRegistered(Jdk jdk) {
        long[] exitLag = new long[1];
        ChildResult run = runToEnd(jdk, exitLag, "jmx", List.of());

        assertThat(run.stdout()).as(run::describe).contains("JMX service=" + SERVICE + " registered=true State=OPEN ");
        assertThat(exitLag[0]).as("ms from the end of main to the end of the JVM%n%s", run.describe())
                .isLessThan(MAX_EXIT_LAG_MS);
    }

    @JdkTest
    void jmxThreadWaitingForAnUnloadedLogManagerDoesNotKeepTheJvmAlive(Jdk jdk) {
        long[] exitLag = new long[1];
        ChildResult run = runToEnd(jdk, exitLag, "no-jmx",
                List.of("-Djava.util.logging.manager=some.Unloaded.LogManager"));

        assertThat(run.stdoutLines()).as("the JMX thread is still waiting when main returns%n%s", run.describe())
                .contains("THREAD name=resilience-agent-jmx daemon=true");
        assertThat(exitLag[0]).as("ms from the end of main to the end of the JVM%n%s", run.describe())
                .isLessThan(MAX_EXIT_LAG_MS);
        assertThat(run.elapsedMs()).as("the JVM did not wait out the 60 s log manager wait").isLessThan(20_000);
    }

    /** Runs the app; checks what both scenarios share; stores in {@code exitLag[0]} how long the JVM outlived main. */
    private ChildResult runToEnd(Jdk jdk, long[] exitLag, String mode, List<String> jvmOptions) {
        Path config = ResilienceYaml.create()
                .service(SERVICE, "retry: { maxAttempts: 1 }", "circuitBreaker: { failureThreshold: 2, recoveryTimeout: 60s }")
                .method("com.example.app.ThreadsService.call", SERVICE)
                .writeTo(dir);
        ChildJvm child = ChildJvm.on(jdk).withConfig(config).timeout(Duration.ofSeconds(40));
        jvmOptions.forEach(child::jvmOption);

        ChildResult run = child.main(ThreadsApp.class, SERVICE, mode).run();
        long ended = System.currentTimeMillis();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).contains(
                "CALL 1 class=java.net.ConnectException",
                "CALL 2 class=java.net.ConnectException",
                "CALL 3 class=" + OPEN_EXCEPTION);
        assertThat(run.agentLog()).as(run::describe)
                .contains("ERROR Circuit breaker for " + SERVICE + ": CLOSED -> OPEN (failures: 2)");
        List<String> threads = run.stdoutLines().stream().filter(l -> l.startsWith("THREAD ")).toList();
        assertThat(threads).as("threads alive when main returns%n%s", run.describe()).isNotEmpty()
                .allSatisfy(t -> assertThat(t).as("only daemon threads may outlive main").endsWith(" daemon=true"));
        String done = run.stdoutLines().stream().filter(l -> l.startsWith("MAIN DONE at=")).findFirst()
                .orElseThrow(() -> new AssertionError("main did not finish\n" + run.describe()));
        exitLag[0] = ended - Long.parseLong(done.substring("MAIN DONE at=".length()));
        return run;
    }
}
