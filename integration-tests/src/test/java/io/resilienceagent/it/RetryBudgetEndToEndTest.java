package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.budget.BudgetApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retry budget in a child JVM whose 8 threads call one service at once, against a local server: in
 * a full outage it caps the requests a
 * service sends at {@code (1 + ratio) x calls + minPerSecond x window}, where without it every call
 * would send {@code maxAttempts}; with 5 % of requests failing, ratio 0.2 (and the default floor of 10
 * a second) denies nothing and at least 99.5 % of calls succeed; and the counters add up: every failure that wanted a retry was either
 * retried ({@code TotalRetries}) or denied ({@code TotalRetriesDenied}).
 */
class RetryBudgetEndToEndTest {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");
    private static final String SERVICE = "inventory";
    private static final int MAX_ATTEMPTS = 3;
    private static final int THREADS = 8;

    @TempDir
    Path dir;

    private WireMockServer server;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new RandomFailures()));
        server.start();
        server.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        server.stubFor(any(urlPathEqualTo("/flaky")).willReturn(ok("fine")));
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    /** Answers 5 % of the requests to /flaky, chosen at random (seeded), with 503. */
    static final class RandomFailures implements ResponseDefinitionTransformerV2 {
        private final Random random = new Random(20261130L);

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            boolean fail;
            synchronized (random) {
                fail = event.getRequest().getUrl().startsWith("/flaky") && random.nextDouble() < 0.05;
            }
            return fail ? ResponseDefinitionBuilder.responseDefinition().withStatus(503).build() : event.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "random-failures";
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
                .isGreaterThanOrEqualTo(cap - THREADS);
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
    void withoutABudgetEveryCallOfTheOutageSendsMaxAttemptsRequests(Jdk jdk) {
        int calls = 400;
        ChildResult run = run(jdk, "/down", calls, "null");

        Map<String, Long> jmx = fields(run, "JMX ");
        assertThat(requests("/down")).as(run::describe).isEqualTo(MAX_ATTEMPTS * calls);
        assertThat(jmx.get("TotalRetriesDenied")).as(run::describe).isZero();
    }

    @JdkTest
    void withFivePercentFailuresARatioOfOneFifthDeniesNothing(Jdk jdk) {
        int calls = 2000;
        ChildResult run = run(jdk, "/flaky", calls, "{ ratio: 0.2 }");

        Map<String, Long> result = fields(run, "RESULT ");
        Map<String, Long> jmx = fields(run, "JMX ");
        String why = run.describe();
        long flakyRequests = requests("/flaky");
        assertThat(jmx.get("TotalFailures")).as("the server failed about 5 %% of requests%n%s", why)
                .isBetween(flakyRequests / 40, flakyRequests / 10);
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
                        "circuitBreaker: { failureThreshold: 1000000 }") // held closed through the outage
                .method("com.example.budget.BudgetClient.get", SERVICE)
                .writeTo(dir);
        String url = "http://127.0.0.1:" + server.port() + path;
        ChildResult run = ChildJvm.on(jdk).withConfig(config).main(BudgetApp.class, url, String.valueOf(calls), SERVICE,
                String.valueOf(MAX_ATTEMPTS), String.valueOf(THREADS)).run();
        assertThat(run.exitCode()).as(run::describe).isZero();
        return run;
    }

    private int requests(String path) {
        return server.countRequestsMatching(RequestPatternBuilder.newRequestPattern().withUrl(path).build()).getCount();
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
