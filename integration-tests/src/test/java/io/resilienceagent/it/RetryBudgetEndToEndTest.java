package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.budget.BudgetApp;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retry budget in a child JVM against a local server: in a full outage it caps the requests a
 * service sends at {@code (1 + ratio) x calls + minPerSecond x window}, where without it every call
 * would send {@code maxAttempts}; with 5 % of requests failing, ratio 0.2 (and the default floor of 10
 * a second) denies nothing and at least 99.5 % of calls succeed; and the counters add up: every failure that wanted a retry was either
 * retried ({@code TotalRetries}) or denied ({@code TotalRetriesDenied}).
 */
class RetryBudgetEndToEndTest extends WireMockTestBase {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");
    private static final String SERVICE = "inventory";
    private static final int MAX_ATTEMPTS = 3;

    @TempDir
    Path dir;

    @BeforeEach
    void stubServer() {
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        // every 20th request to /flaky fails: a cycle of 20 scenario states, the last answering 503
        for (int i = 0; i < 20; i++) {
            wireMock.stubFor(any(urlPathEqualTo("/flaky")).inScenario("flaky")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "request-" + i)
                    .willSetStateTo(i == 19 ? Scenario.STARTED : "request-" + (i + 1))
                    .willReturn(i == 19 ? status(503) : ok("fine")));
        }
    }

    @JdkTest
    void inAFullOutageTheBudgetCapsRequestsAtRatioTimesCallsPlusTheFloor(Jdk jdk) {
        int calls = 400;
        double ratio = 0.2;
        int floor = 30; // minPerSecond 0.5 x window 60s; the window outlasts the run, so nothing ages out
        ChildResult run = run(jdk, "/down", calls, "{ ratio: 0.2, minPerSecond: 0.5, window: 60s }");

        Map<String, Long> result = fields(run, "RESULT ");
        Map<String, Long> jmx = fields(run, "JMX ");
        String why = run.describe();
        assertThat(result.get("ok")).as(why).isZero();
        long downRequests = requests("/down");
        assertThat(result.get("bodyRuns")).as("the server saw every attempt%n%s", why).isEqualTo(downRequests);
        long cap = Math.round(calls * (1 + ratio)) + floor;
        assertThat(downRequests)
                .as("requests sent: at most (1 + ratio) x calls + floor = %d, not maxAttempts x calls = %d%n%s",
                        cap, MAX_ATTEMPTS * calls, why)
                .isLessThanOrEqualTo(cap + 1)
                .as("the budget is spent, not withheld%n%s", why)
                .isGreaterThanOrEqualTo(cap - 2);
        assertThat(jmx.get("TotalRetries") + jmx.get("TotalRetriesDenied"))
                .as("every failure that wanted a retry was retried or denied%n%s", why)
                .isEqualTo(result.get("retriesWanted"));
        assertThat(jmx.get("TotalRetriesDenied")).as(why).isGreaterThan(0);
        assertThat(jmx.get("TotalCalls")).as(why).isEqualTo(downRequests);
        assertThat(run.logLinesContaining("Retry budget exhausted for " + SERVICE))
                .as("logged, at most once a second%n%s", why)
                .isNotEmpty()
                .allMatch(l -> l.equals("WARN  Retry budget exhausted for " + SERVICE))
                .hasSizeLessThanOrEqualTo((int) (run.elapsedMs() / 1000) + 1);
    }

    @JdkTest
    void withFivePercentFailuresARatioOfOneFifthDeniesNothing(Jdk jdk) {
        int calls = 2000;
        ChildResult run = run(jdk, "/flaky", calls, "{ ratio: 0.2 }");

        Map<String, Long> result = fields(run, "RESULT ");
        Map<String, Long> jmx = fields(run, "JMX ");
        String why = run.describe();
        long flakyRequests = requests("/flaky");
        assertThat(flakyRequests / 20).as("the server failed 5 %% of requests").isGreaterThanOrEqualTo(calls / 20);
        assertThat(result.get("ok")).as("at least 99.5 %% of calls succeed%n%s", why)
                .isGreaterThanOrEqualTo(Math.round(calls * 0.995));
        assertThat(jmx.get("TotalRetriesDenied")).as(why).isZero();
        assertThat(jmx.get("TotalRetries")).as("each failure was retried%n%s", why)
                .isEqualTo(result.get("retriesWanted"));
        assertThat(flakyRequests).as(why).isLessThanOrEqualTo(Math.round(calls * 1.2));
        assertThat(run.stderr()).as(why).doesNotContain("Retry budget exhausted");
    }

    private ChildResult run(Jdk jdk, String path, int calls, String budget) {
        Path config = ResilienceYaml.create()
                .service(SERVICE, "retry: { maxAttempts: " + MAX_ATTEMPTS + ", minWait: 0ms, maxWait: 0ms, budget: " + budget + " }",
                        ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.budget.BudgetClient.get", SERVICE)
                .writeTo(dir);
        String url = baseUrl() + path;
        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(BudgetApp.class, url, String.valueOf(calls), SERVICE, String.valueOf(MAX_ATTEMPTS)).run();
        assertThat(run.exitCode()).as(run::describe).isZero();
        return run;
    }

    /** The numeric fields of the one stdout line starting with {@code prefix}. */
    private static Map<String, Long> fields(ChildResult run, String prefix) {
        String line = run.stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "'\n" + run.describe()));
        Map<String, Long> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            fields.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return fields;
    }
}
