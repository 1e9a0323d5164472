package io.resilienceagent.it.reload;

import static io.resilienceagent.it.reload.ReloadConfigs.quotes;
import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.AttachedJmx;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invalid config file changes nothing: the running config stays, the agent logs exactly one ERROR
 * line per refused change (however often the file is read again), and the Agent MXBean's
 * {@code LastReloadError} holds the problems until a good file is loaded.
 */
class ReloadRefusalTest {
    /** Three of the watcher's half-second polls: long enough for a second line to show if one were coming. */
    private static final Duration QUIET_WINDOW = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    @JdkTest
    void malformedRewriteIsRefusedOnceAndTheRunningConfigStays(Jdk jdk) throws IOException {
        Path config = quotes(2).writeTo(dir);
        try (ReloadingApp app = ReloadingApp.start(jdk, config)) {
            assertThat(app.agent("LastReloadError")).as("no reload refused yet").isEqualTo("");

            app.awaitLog(ReloadingApp.REFUSED, 1, app.rewrite(ReloadConfigs.malformed(5)));
            String problems = (String) app.agent("LastReloadError");
            assertThat(problems).as(app::describe)
                    .startsWith("Invalid resilience-agent config " + config + " (1 problem):")
                    .containsPattern(Pattern.quote(config.toString()) + ":\\d+:\\d+: YAML syntax error");
            assertThat(app.log("ERROR")).as("one ERROR line, naming the problems%n%s", app.describe())
                    .containsExactly(ReloadingApp.REFUSED + oneLine(problems));
            assertThat(app.call("quote", "down").attempts()).as("the running config stays: maxAttempts 2%n%s", app.describe())
                    .isEqualTo(2);

            // the same bad file read again: by the watcher (a newer modification time) and by reload() twice
            Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() + 2_000));
            assertThat(app.jmx.invoke(AttachedJmx.agent(), "reload")).as("reload() returns the problems").isEqualTo(problems);
            assertThat(app.jmx.invoke(AttachedJmx.agent(), "reload")).isEqualTo(problems);
            Poll.holdsFor("exactly one ERROR line for the one refused change", QUIET_WINDOW,
                    () -> app.log("ERROR").size() == 1, app::describe);
            assertThat(app.agent("LastReloadError")).isEqualTo(problems);
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(2);
            assertThat(app.log(ReloadingApp.RELOADED)).as(app::describe).isEmpty();

            // a different invalid file is another refused change: a second line, naming both its problems
            String twoProblems = quotes(0).text().replace("minWait", "minWiat");
            app.awaitLog(ReloadingApp.REFUSED, 2, app.rewrite(twoProblems));
            String second = (String) app.agent("LastReloadError");
            assertThat(second).as(app::describe).startsWith("Invalid resilience-agent config " + config + " (2 problems):")
                    .contains("services.quotes.retry.maxAttempts: expected a whole number >= 1, found 0")
                    .contains("services.quotes.retry.minWiat: unknown key; did you mean 'minWait'?");
            assertThat(app.log("ERROR")).as(app::describe).hasSize(2).last().isEqualTo(ReloadingApp.REFUSED + oneLine(second));
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(2);

            // a good file is loaded and clears LastReloadError
            app.awaitLog(ReloadingApp.RELOADED, 1, app.rewrite(quotes(3)));
            assertThat(app.log(ReloadingApp.RELOADED)).as(app::describe).containsExactly(app.reloadedLine("changed quotes"));
            assertThat(app.agent("LastReloadError")).as("cleared by the good reload").isEqualTo("");
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(3);
            assertThat(app.log("ERROR")).as("no further ERROR line%n%s", app.describe()).hasSize(2);
        }
    }

    /** The problems as the ERROR line carries them: on one line, each problem's indentation folded to one space. */
    private static String oneLine(String problems) {
        return String.join(" ", problems.lines().map(String::strip).toList());
    }
}
