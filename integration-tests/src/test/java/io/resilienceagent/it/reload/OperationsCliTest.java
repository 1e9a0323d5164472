package io.resilienceagent.it.reload;

import static io.resilienceagent.it.reload.ReloadConfigs.LEDGER;
import static io.resilienceagent.it.reload.ReloadConfigs.LENIENT_BREAKER;
import static io.resilienceagent.it.reload.ReloadConfigs.quotes;
import static io.resilienceagent.it.reload.ReloadConfigs.retry;
import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands {@code status}, {@code reset}, {@code force-open} and {@code reload} against a
 * child JVM that runs the agent (started without JMX flags), run with {@code java -jar} on the child's
 * JDK; and how they fail: an unknown service or process id, an {@code attach} to a JVM that runs the
 * agent already (exit 1), wrong usage (exit 2).
 */
class OperationsCliTest {
    @TempDir
    Path dir;

    @JdkTest
    void statusResetForceOpenAndReloadOperateTheRunningAgent(Jdk jdk) {
        Path config = quotes(3).service("ledger", retry(2), LENIENT_BREAKER).method(LEDGER, "ledger").writeTo(dir);
        AgentCli cli = new AgentCli(jdk, dir);
        try (ReloadingApp app = ReloadingApp.start(jdk, config, ",reload=off")) {
            long pid = app.child.pid();
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(3);
            assertThat(app.call("ledger", "ok").attempts()).as(app::describe).isEqualTo(1);

            assertSucceeds(cli.run("status", pid),
                    "quotes CLOSED calls=3 failures=3 retries=2 rejected=0 retriesDenied=0 consecutiveFailures=3",
                    "ledger CLOSED calls=1 failures=0 retries=0 rejected=0 retriesDenied=0 consecutiveFailures=0");

            assertSucceeds(cli.run("force-open", pid, "quotes"), "quotes OPEN");
            CallResult rejected = app.call("quote", "ok");
            assertThat(rejected.exceptionClass()).as(app::describe).isEqualTo("io.resilienceagent.CircuitBreakerOpenException");
            assertThat(rejected.attempts()).isZero();

            assertSucceeds(cli.run("reset", pid, "quotes"), "quotes CLOSED");
            assertThat(app.call("quote", "ok").outcome()).as(app::describe).isEqualTo("OK");
            assertSucceeds(cli.run("status", pid),
                    "quotes CLOSED calls=5 failures=3 retries=2 rejected=1 retriesDenied=0 consecutiveFailures=0",
                    "ledger CLOSED calls=1 failures=0 retries=0 rejected=0 retriesDenied=0 consecutiveFailures=0");
            assertThat(app.log("WARN  Circuit breaker for quotes")).containsExactly(
                    "WARN  Circuit breaker for quotes: CLOSED -> OPEN (forced)");
            assertThat(app.log("INFO  Circuit breaker for quotes")).containsExactly(
                    "INFO  Circuit breaker for quotes: OPEN -> CLOSED (reset)");

            app.rewrite(quotes(2).service("ledger", retry(2), LENIENT_BREAKER).method(LEDGER, "ledger"));
            assertSucceeds(cli.run("reload", pid), "OK");
            assertThat(app.call("quote", "down").attempts()).as("reloaded by the command%n%s", app.describe()).isEqualTo(2);

            assertFails(cli.run("force-open", pid, "nosuch"), 1,
                    "no service 'nosuch' in process " + pid + "; its services: quotes, ledger");
            assertThat(app.breaker("quotes", "State")).isEqualTo("CLOSED");
            assertFails(cli.run("reset", pid, "nosuch"), 1, "no service 'nosuch' in process " + pid);

            ChildResult attach = cli.run("attach", pid);
            assertFails(attach, 1, "resilience-agent is already running in process " + pid + " (config " + config + ")");
            assertThat(attach.stderr()).as("names the command that applies a changed config")
                    .contains("java -jar resilience-agent.jar reload " + pid);
            assertThat(app.log("INFO  resilience-agent 0.1.0 protecting")).as("the agent did not start again%n%s",
                    app.describe()).hasSize(1);

            long gone = Pids.notRunning();
            assertFails(cli.run("status", gone), 1, "cannot attach to process " + gone);
            assertFails(cli.run("reset", gone, "quotes"), 1, "cannot attach to process " + gone);

            assertFails(cli.run("status"), 2, "status needs a process id");
            assertFails(cli.run("reset", pid), 2, "reset needs a process id and a service name");
            assertFails(cli.run("status", "my-app"), 2, "'my-app' is not a process id");
            assertFails(cli.run("frobnicate", pid), 2, "Unknown command 'frobnicate'");
            assertThat(app.breaker("quotes", "TotalCalls")).as("no failed command touched the breaker").isEqualTo(7L);
        }
    }

    static void assertSucceeds(ChildResult run, String... lines) {
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly(lines);
        assertThat(run.stderr()).as(run::describe).isEmpty();
    }

    static void assertFails(ChildResult run, int status, String messageStart) {
        assertThat(run.exitCode()).as(run::describe).isEqualTo(status);
        assertThat(run.stderr()).as(run::describe).startsWith(messageStart);
        assertThat(run.stdout()).as("nothing on stdout%n%s", run.describe()).isEmpty();
    }
}
