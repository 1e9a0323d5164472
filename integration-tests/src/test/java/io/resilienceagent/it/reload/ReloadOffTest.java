package io.resilienceagent.it.reload;

import static io.resilienceagent.it.reload.ReloadConfigs.quotes;
import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.AttachedJmx;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reload=off} turns off watching only: a rewritten file is not picked up, but the Agent MXBean's
 * {@code reload()} and {@code java -jar resilience-agent.jar reload PID} apply it at once.
 */
class ReloadOffTest {
    /** Longer than the 3 s within which a watched file is reloaded. */
    private static final Duration BEYOND_RELOAD_WINDOW = Duration.ofMillis(3500);

    @TempDir
    Path dir;

    @JdkTest
    void rewriteIsNotPickedUpButReloadOperationsApplyIt(Jdk jdk) {
        Path config = quotes(2).writeTo(dir);
        try (ReloadingApp app = ReloadingApp.start(jdk, config, ",reload=off")) {
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(2);

            app.rewrite(quotes(4));
            Poll.holdsFor("calls keep maxAttempts 2 and no reload is logged, 3.5 s after the rewrite", BEYOND_RELOAD_WINDOW,
                    () -> app.call("quote", "down").attempts() == 2 && app.log(ReloadingApp.RELOADED).isEmpty(), app::describe);

            assertThat(app.jmx.invoke(AttachedJmx.agent(), "reload")).as(app::describe).isEqualTo("OK");
            assertThat(app.log(ReloadingApp.RELOADED)).as("logged before reload() returned%n%s", app.describe())
                    .containsExactly(app.reloadedLine("changed quotes"));
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(4);
            assertThat(app.jmx.invoke(AttachedJmx.agent(), "reload")).as("an unchanged file is OK").isEqualTo("OK");
            assertThat(app.log(ReloadingApp.RELOADED)).as("and changes nothing%n%s", app.describe()).hasSize(1);

            AgentCli cli = new AgentCli(jdk, dir);
            app.rewrite(quotes(3));
            ChildResult reload = cli.run("reload", app.child.pid());
            assertThat(reload.exitCode()).as(reload::describe).isZero();
            assertThat(reload.stdout()).as(reload::describe).isEqualTo("OK\n");
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(3);
            assertThat(app.log(ReloadingApp.RELOADED)).as(app::describe).hasSize(2);

            app.rewrite(ReloadConfigs.malformed(5));
            ChildResult refused = cli.run("reload", app.child.pid());
            assertThat(refused.exitCode()).as(refused::describe).isEqualTo(1);
            String problems = (String) app.agent("LastReloadError");
            assertThat(problems).as(app::describe).startsWith("Invalid resilience-agent config " + config + " (1 problem):");
            assertThat(refused.stdout()).as("the CLI prints the problems%n%s", refused.describe()).isEqualTo(problems + "\n");
            assertThat(app.log(ReloadingApp.REFUSED)).as(app::describe).hasSize(1);
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(3);
        }
    }
}
