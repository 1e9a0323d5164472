package io.resilienceagent.it.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.reload.SoakApp;
import io.resilienceagent.it.harness.AttachedJmx;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.management.ObjectName;
import org.junit.jupiter.api.io.TempDir;

/**
 * About 75 s per JDK of calls from many threads while the config file is rewritten, invalid and valid
 * files in turn, each left for 3 s after the agent took or refused it (each good one also weaves the
 * busy class again). No call fails because of a reload: every call's outcome is the one the settings
 * in force explain (a {@code down} call runs exactly {@code maxAttempts} times, of a version that only
 * grows on each thread; {@code ok} and {@code flaky} calls succeed after one and two runs), the agent
 * reports no internal error, each refused file is one ERROR line, and the breaker's JMX counters equal
 * what the application counted.
 *
 * <p>Each file replaces the last in one step (a rename): a file rewritten in place is empty for as long
 * as its writer is held up between truncating it and writing, and a test JVM on a loaded machine was seen
 * held up there for 3 s, after which the agent rightly refuses the empty file (in-place writes are
 * {@link ReloadSettingsTest}'s subject).
 *
 * <p>The agent logs at ERROR here: at INFO it would write a WARN line for each of the tens of thousands of
 * retries. Good reloads are therefore observed through {@code LastReloadError}, which each one clears
 * (every good file follows a refused one).
 */
class ReloadSoakTest {
    private static final int THREADS = 12;
    private static final int REWRITES = 20;
    private static final Duration INTERVAL = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @JdkTest
    void callsFromManyThreadsAreExplainedByTheSettingsInForceWhileTheFileIsRewritten(Jdk jdk) throws InterruptedException {
        Path config = ResilienceYaml.write(dir.resolve("resilience.yaml"), SoakSchedule.first());
        List<SoakSchedule.Version> versions = SoakSchedule.rewrites(REWRITES);
        try (LiveChildJvm child = LiveChildJvm.start(ChildJvm.on(jdk).withConfig(config)
                .systemProperty("resilience.logLevel", "ERROR").main(SoakApp.class, String.valueOf(THREADS)));
                AttachedJmx jmx = AttachedJmx.attach(child.pid())) {
            jmx.awaitRegistered(AttachedJmx.agent(), Duration.ofSeconds(20));
            child.send("start");
            child.awaitLine("STARTED");

            List<Long> latencies = new ArrayList<>();
            int refused = 0;
            for (SoakSchedule.Version version : versions) {
                ResilienceYaml.replace(config, version.text());
                long written = System.nanoTime();
                int refusedSoFar = version.valid() ? refused : ++refused;
                Duration seen = version.valid()
                        ? Poll.until("the good file with maxAttempts " + version.maxAttempts() + " loaded (LastReloadError empty)",
                                ReloadingApp.RELOAD_DEADLINE, written,
                                () -> "".equals(jmx.get(AttachedJmx.agent(), "LastReloadError")), child::describe)
                        : Poll.until(refusedSoFar + " refusal line(s)", ReloadingApp.RELOAD_DEADLINE, written,
                                () -> refusals(child).size() >= refusedSoFar, child::describe);
                latencies.add(seen.toMillis());
                letTheLoadRunOn();
            }
            child.send("stop");
            List<String> threadLines = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                threadLines.add(child.awaitLine("THREAD "));
            }
            SoakReport report = SoakReport.parse(threadLines, child.awaitLine("TOTAL "));
            System.out.printf("%s: %d calls, %d body runs; each rewrite seen after (ms) %s%n", jdk, report.calls(),
                    report.runs(), latencies);

            int last = versions.get(versions.size() - 1).maxAttempts();
            TreeSet<Integer> inForce = new TreeSet<>();
            for (SoakReport.ThreadReport thread : report.threads()) {
                String why = thread.name() + ": down calls' attempts " + thread.down() + "\n" + child.describe();
                assertThat(thread.anomalies()).as("calls the settings do not explain, on %s", why).isZero();
                List<Integer> attempts = thread.downAttempts();
                assertThat(attempts).as("configured values only, growing: %s", why).isSorted().doesNotHaveDuplicates()
                        .allSatisfy(value -> assertThat(value).isBetween(SoakSchedule.FIRST_MAX_ATTEMPTS, last));
                assertThat(attempts).as("the last good file reached %s", why).endsWith(last);
                inForce.addAll(attempts);
            }
            assertThat(inForce).as("every good file was in force for some calls")
                    .hasSize(last - SoakSchedule.FIRST_MAX_ATTEMPTS + 1);

            ObjectName breaker = AttachedJmx.breaker("quotes");
            assertThat(jmx.get(breaker, "TotalCalls")).as("TotalCalls = body runs the application counted").isEqualTo(report.runs());
            assertThat(jmx.get(breaker, "TotalRetries")).as("TotalRetries = runs after each call's first")
                    .isEqualTo(report.runs() - report.calls());
            assertThat(jmx.get(breaker, "TotalFailures")).as("TotalFailures = failed runs").isEqualTo(report.failedRuns());
            assertThat(jmx.get(breaker, "TotalRejected")).isEqualTo(0L);
            assertThat(jmx.get(breaker, "TotalRetriesDenied")).isEqualTo(0L);
            assertThat((String[]) jmx.get(AttachedJmx.agent(), "Services")).containsExactly("quotes");

            assertThat(child.caughtUp().stderr()).as(child::describe).doesNotContain("resilience-agent internal error");
            assertThat(child.agentLog()).as("one refusal line per invalid file, and no other line%n%s", child.describe())
                    .hasSize(refused).allSatisfy(line -> assertThat(line).startsWith(ReloadingApp.REFUSED + "Invalid "
                            + "resilience-agent config " + config + " ("));
        }
    }

    private static List<String> refusals(LiveChildJvm child) {
        return child.agentLog().stream().filter(line -> line.startsWith(ReloadingApp.REFUSED)).toList();
    }

    /**
     * Lets the load run on under the file the agent has just taken or refused, for {@link #INTERVAL}: the
     * soak's rhythm, not a synchronisation. Counted from then, not from the write, so that a reload slowed
     * down by a loaded machine does not shorten the next file's time in force.
     */
    private static void letTheLoadRunOn() throws InterruptedException {
        Thread.sleep(INTERVAL.toMillis());
    }
}
