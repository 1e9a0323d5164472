package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.HammerApp;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 threads hammer one protected method through an outage and a recovery, in a child JVM against
 * WireMock. The breaker opens once, half-opens once and closes once, each transition logged once;
 * HALF_OPEN lets exactly {@code halfOpenMaxCalls} trial requests through to the server although all 64
 * threads call at that moment; and the agent's JMX counters, the callers' own counts and the server's
 * request log agree exactly: no update is lost.
 */
class ConcurrencyEndToEndTest extends WireMockTestBase {
    private static final int THREADS = 64;
    private static final int FAILURE_THRESHOLD = 10;
    private static final int HALF_OPEN_MAX_CALLS = 3;
    private static final String SERVICE = "hammer";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    @TempDir
    Path dir;

    @JdkTest
    void sixtyFourThreadsThroughAnOutageAndARecovery(Jdk jdk) {
        wireMock.stubFor(any(urlPathEqualTo("/warmup")).willReturn(ok()));
        wireMock.stubFor(any(urlPathEqualTo("/outage")).willReturn(status(503)));
        // the app holds each admitted trial request until all 64 threads are admitted or rejected
        wireMock.stubFor(any(urlPathEqualTo("/trial")).willReturn(ok()));
        wireMock.stubFor(any(urlPathEqualTo("/after")).willReturn(ok()));
        Path config = ResilienceYaml.create()
                .service(SERVICE, "retry: { maxAttempts: 2, minWait: 0ms, maxWait: 0ms }",
                        "circuitBreaker: { failureThreshold: " + FAILURE_THRESHOLD + ", recoveryTimeout: 2s, "
                                + "successThreshold: 3, halfOpenMaxCalls: " + HALF_OPEN_MAX_CALLS + " }")
                .method("com.example.app.HammerClient.call", SERVICE)
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(HammerApp.class, baseUrl(), String.valueOf(THREADS), SERVICE).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("MAIN DONE").doesNotContain("OTHER ");
        Map<String, Long> outage = fields(run, "PHASE name=outage ");
        Map<String, Long> trial = fields(run, "PHASE name=trial ");
        Map<String, Long> after = fields(run, "PHASE name=after ");
        Map<String, Long> jmx = fields(run, "JMX service=" + SERVICE + " registered=true ");
        String why = run.describe();

        // outage: every thread ends with exactly one rejection; every other call failed after both attempts
        assertThat(outage.get("other")).as(why).isZero();
        assertThat(outage.get("ok")).as(why).isZero();
        assertThat(outage.get("rejected")).as(why).isEqualTo(THREADS);
        assertThat(outage.get("failed")).as(why).isEqualTo(outage.get("calls") - THREADS);
        assertThat(requests("/outage")).as("the breaker opened only after %d failures%n%s", FAILURE_THRESHOLD, why)
                .isGreaterThanOrEqualTo(FAILURE_THRESHOLD);
        // whether a call gets its second attempt depends on how fast the other 63 threads open the breaker;
        // what must hold is that no call ever runs its body more than maxAttempts times
        assertThat(outage.get("maxBodyRuns")).as(why).isBetween(1L, 2L);
        assertThat(outage.get("bodyRuns")).as("every admitted attempt reached the server%n%s", why)
                .isEqualTo(requests("/outage"));

        // trial: all 64 call at once; exactly halfOpenMaxCalls trials are admitted, the rest rejected
        assertThat(trial.get("calls")).isEqualTo(THREADS);
        assertThat(trial.get("ok")).as(why).isEqualTo(HALF_OPEN_MAX_CALLS);
        assertThat(trial.get("rejected")).as(why).isEqualTo(THREADS - HALF_OPEN_MAX_CALLS);
        assertThat(trial.get("other")).isZero();
        assertThat(requests("/trial")).as("trial requests that reached the server while HALF_OPEN%n%s", why)
                .isEqualTo(HALF_OPEN_MAX_CALLS);
        assertThat(trial.get("bodyRuns")).isEqualTo(HALF_OPEN_MAX_CALLS);

        // after: closed again, nothing rejected
        assertThat(after.get("calls")).isEqualTo(5L * THREADS);
        assertThat(after.get("ok")).as(why).isEqualTo(5L * THREADS);
        assertThat(requests("/after")).isEqualTo(5 * THREADS);

        // the agent's counters add up exactly
        long calls = outage.get("calls") + trial.get("calls") + after.get("calls");
        long rejected = outage.get("rejected") + trial.get("rejected") + after.get("rejected");
        long serverRequests = requests("/outage") + requests("/trial") + requests("/after");
        assertThat(jmx.get("TotalRejected")).as("rejections the callers saw%n%s", why).isEqualTo(rejected);
        assertThat(jmx.get("TotalCalls") - jmx.get("TotalRejected")).as("admitted attempts = server requests%n%s", why)
                .isEqualTo(serverRequests);
        assertThat(jmx.get("TotalCalls") - jmx.get("TotalRetries")).as("first attempts = calls made%n%s", why)
                .isEqualTo(calls);
        assertThat(jmx.get("TotalFailures")).as("failed attempts = 503s served%n%s", why).isEqualTo(requests("/outage"));
        assertThat(jmx.get("TotalRetries")).as("second attempts, run or rejected%n%s", why)
                .isEqualTo(outage.get("failed") + outage.get("rejectedAfterAttempt"));
        assertThat(run.stdout()).contains("JMX service=" + SERVICE + " registered=true State=CLOSED FailureCount=0 ");

        // each transition happened, and was logged, exactly once
        List<String> transitions = run.logLinesContaining("Circuit breaker for " + SERVICE + ": ");
        assertThat(transitions).as(why).hasSize(3);
        // the count the opening failure reached; failures of other threads at that moment may add a few
        assertThat(transitions.get(0)).as(why).matches("ERROR Circuit breaker for " + SERVICE + ": CLOSED -> OPEN \\(failures: \\d+\\)");
        assertThat(Integer.parseInt(transitions.get(0).replaceAll("\\D+", " ").strip().split(" ")[0]))
                .as(why).isBetween(FAILURE_THRESHOLD, FAILURE_THRESHOLD + THREADS - 1);
        assertThat(transitions.subList(1, 3)).as(why).containsExactly(
                "INFO  Circuit breaker for " + SERVICE + ": OPEN -> HALF_OPEN",
                "INFO  Circuit breaker for " + SERVICE + ": HALF_OPEN -> CLOSED");
        assertThat(run.logLinesContaining("Circuit breaker open for " + SERVICE))
                .as("%d rejections, logged at most once a second%n%s", rejected, why).hasSizeBetween(1, 4);
        assertThat(run.stderr()).doesNotContain("internal error").doesNotContain("Exception in thread");
    }

    /** The numeric fields of the one stdout line starting with {@code prefix}. */
    private static Map<String, Long> fields(ChildResult run, String prefix) {
        String line = run.stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "'\n" + run.describe()));
        Map<String, Long> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            if (m.group(2).matches("-?\\d+")) {
                fields.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return fields;
    }
}
