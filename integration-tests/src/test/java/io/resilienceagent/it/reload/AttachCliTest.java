package io.resilienceagent.it.reload;

import static io.resilienceagent.it.reload.OperationsCliTest.assertFails;
import static io.resilienceagent.it.reload.OperationsCliTest.assertSucceeds;
import static io.resilienceagent.it.reload.ReloadConfigs.quotes;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.reload.ReloadApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar resilience-agent.jar attach PID [config=PATH]} loads the agent into a JVM started
 * without it (and without JMX flags): a relative config path is the command's, not the application's;
 * the already loaded class is protected from then on, and the file is watched; a missing or bad config is
 * reported (and a later attach with a good one still starts, using the bootstrap classes the earlier
 * attaches defined, so the JVM prints no warning); a second attach is refused. On Java 21 and later the JVM warns about an agent loaded dynamically
 * (JEP 451) unless it runs with {@code -XX:+EnableDynamicAgentLoading}.
 */
class AttachCliTest {
    private static final String DYNAMIC_AGENT_WARNING = "WARNING: A Java agent has been loaded dynamically";

    @TempDir
    Path dir;

    @JdkTest
    void attachesWithARelativeConfigAndTheJvmWarnsAsItsVersionDoes(Jdk jdk) {
        Path config = quotes(3).writeTo(dir);
        AgentCli cli = new AgentCli(jdk, dir);
        try (LiveChildJvm app = LiveChildJvm.start(ChildJvm.on(jdk).main(ReloadApp.class))) {
            long pid = app.pid();
            assertThat(app.call("quote down").attempts()).as("no agent yet%n%s", app.describe()).isEqualTo(1);
            assertFails(cli.run("status", pid), 1, "resilience-agent is not running in process " + pid);

            ChildResult attach = cli.run("attach", pid, "config=resilience.yaml");
            assertSucceeds(attach, "Started in process " + pid + ": resilience-agent 0.1.0 protecting 1 service (config "
                    + config + ")");
            assertThat(app.caughtUp().agentLog()).as(app::describe)
                    .contains("INFO  resilience-agent 0.1.0 protecting 1 service (config " + config + ")");
            assertThat(app.call("quote down").attempts()).as("the loaded class is woven: calls retry%n%s", app.describe())
                    .isEqualTo(3);
            assertSucceeds(cli.run("status", pid),
                    "quotes CLOSED calls=3 failures=3 retries=2 rejected=0 retriesDenied=0 consecutiveFailures=3");
            assertFails(cli.run("attach", pid, "config=resilience.yaml"), 1,
                    "resilience-agent is already running in process " + pid);

            // the attached agent watches the file the relative path named
            long written = System.nanoTime();
            quotes(2).writeTo(dir);
            Poll.until("the attached agent's reload", ReloadingApp.RELOAD_DEADLINE, written,
                    () -> app.agentLog().contains(ReloadingApp.RELOADED + config + " (changed quotes)"), app::describe);
            assertThat(app.call("quote down").attempts()).as(app::describe).isEqualTo(2);

            if (Integer.parseInt(jdk.feature()) >= 21) {
                assertThat(app.caughtUp().stderr()).as("the JEP 451 warning on %s%n%s", jdk, app.describe()).contains(DYNAMIC_AGENT_WARNING);
            } else {
                assertThat(app.caughtUp().stderr()).as("no JEP 451 warning before Java 21%n%s", app.describe())
                        .doesNotContain(DYNAMIC_AGENT_WARNING);
            }
        }
    }

    @JdkTest
    void reportsAMissingOrBadConfigThenStartsWithoutWarningWithEnableDynamicAgentLoading(Jdk jdk) {
        Path config = quotes(3).writeTo(dir);
        Path bad = ResilienceYaml.write(dir.resolve("bad.yaml"), ReloadConfigs.malformed(3));
        AgentCli cli = new AgentCli(jdk, dir);
        try (LiveChildJvm app = LiveChildJvm.start(ChildJvm.on(jdk).jvmOption("-XX:+EnableDynamicAgentLoading")
                .jvmOption("-XX:+DisplayVMOutputToStderr").main(ReloadApp.class))) {
            long pid = app.pid();
            ChildResult noConfig = cli.run("attach", pid);
            assertThat(noConfig.exitCode()).as(noConfig::describe).isEqualTo(1);
            assertThat(noConfig.stdout()).as("the agent's start problem: the application's directory has no config%n%s",
                    noConfig.describe()).startsWith("resilience-agent: no config file found;").contains("./resilience.yaml");

            ChildResult refused = cli.run("attach", pid, "config=bad.yaml");
            assertThat(refused.exitCode()).as(refused::describe).isEqualTo(1);
            assertThat(refused.stdout()).as("the config's problems%n%s", refused.describe())
                    .startsWith("Invalid resilience-agent config " + bad + " (1 problem):")
                    .containsPattern("YAML syntax error");
            assertFails(cli.run("status", pid), 1, "resilience-agent is not running in process " + pid);
            assertThat(app.call("quote down").attempts()).as(app::describe).isEqualTo(1);

            assertSucceeds(cli.run("attach", pid, "config=" + config), "Started in process " + pid
                    + ": resilience-agent 0.1.0 protecting 1 service (config " + config + ")");
            assertThat(app.call("quote down").attempts()).as(app::describe).isEqualTo(3);
            assertThat(app.caughtUp().stderr()).as("no JEP 451 warning with -XX:+EnableDynamicAgentLoading%n%s", app.describe())
                    .doesNotContain(DYNAMIC_AGENT_WARNING)
                    .as("the bootstrap classes the earlier attaches defined are used as they are: no jar is appended to "
                            + "the bootstrap class path, which makes the JVM warn%n%s", app.describe())
                    .doesNotContain("bootstrap classpath has been appended");
        }
    }

    /**
     * A config in a directory whose name has a comma: the command passes {@code config=PATH,report=FILE}
     * to the agent, which must keep the comma in the path (and so learn where to report). The command
     * runs the same whatever the target's JDK, so Java 17 alone.
     */
    /**
     * The JDK's own {@code jcmd PID JVMTI.agent_load JAR "config=PATH"} loads the agent too, as the README
     * documents it: the option in double quotes (which a shell passes on inside single quotes), so that a
     * path with a space stays one argument.
     */
    @JdkTest
    void jcmdLoadsTheAgentWithItsConfigQuoted(Jdk jdk) throws Exception {
        Path spaced = Files.createDirectory(dir.resolve("my config"));
        Path config = quotes(3).writeTo(spaced);
        Path jcmd = jdk.java().resolveSibling("jcmd");
        try (LiveChildJvm app = LiveChildJvm.start(ChildJvm.on(jdk).jvmOption("-XX:+EnableDynamicAgentLoading")
                .main(ReloadApp.class))) {
            long pid = app.pid();
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "JVMTI.agent_load",
                    Artifacts.agentJar().toString(), "\"config=" + config + "\"").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            assertThat(output).as("jcmd's own report").contains("return code: 0");
            LiveChildJvm.await("the agent's start line", Duration.ofSeconds(20), () -> app.agentLog()
                    .contains("INFO  resilience-agent 0.1.0 protecting 1 service (config " + config + ")"));
            assertThat(app.call("quote down").attempts()).as(app::describe).isEqualTo(3);
        }
    }

    @Test
    void attachesWithAConfigWhoseDirectoryNameHasAComma() throws Exception {
        Jdk jdk = Jdk.all().findFirst().orElseThrow();
        Path versioned = Files.createDirectory(dir.resolve("config,v2"));
        Path config = quotes(3).writeTo(versioned);
        AgentCli cli = new AgentCli(jdk, versioned).withTimeout(Duration.ofSeconds(15));
        try (LiveChildJvm app = LiveChildJvm.start(ChildJvm.on(jdk).main(ReloadApp.class))) {
            long pid = app.pid();
            assertSucceeds(cli.run("attach", pid, "config=resilience.yaml"), "Started in process " + pid
                    + ": resilience-agent 0.1.0 protecting 1 service (config " + config + ")");
            assertThat(app.call("quote down").attempts()).as(app::describe).isEqualTo(3);
        }
    }
}
