package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.InteractiveApp;
import io.resilienceagent.it.harness.AttachedJmx;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.JmxTools;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus through the jmx_exporter java agent 1.0.1, attached beside ours with the rules file the
 * repository ships ({@code jmx-exporter/resilience-agent.yaml}), scraped over loopback HTTP. Either
 * order of the two {@code -javaagent} options works: the exporter reads the MBeans at scrape time.
 */
class PrometheusExporterTest extends WireMockTestBase {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @JdkTest
    void exportsBreakerStateAndCountersAsWellNamedMetrics(Jdk jdk) {
        wireMock.stubFor(any(urlPathEqualTo("/ok")).willReturn(ok("fine")));
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        Path config = config();
        int port = JmxTools.freePort();
        long before = System.currentTimeMillis();

        // ours first, the exporter second
        ChildJvm command = ChildJvm.on(jdk).withConfig(config).jvmOption(JmxTools.jmxExporterAgent(port))
                .main(InteractiveApp.class, baseUrl());
        try (LiveChildJvm child = LiveChildJvm.start(command)) {
            awaitMBeans(child);
            assertThat(child.call("get /ok").value()).as(child::describe).isEqualTo("200");     // calls 1
            assertThat(child.call("get /down").value()).as(child::describe).isEqualTo("503");   // calls 2-3: failed, retried
            // the third consecutive failure opens the breaker; the retry is refused at once (calls 4-5)
            assertThat(child.call("get /down").exceptionClass()).as(child::describe)
                    .isEqualTo("io.resilienceagent.CircuitBreakerOpenException");
            assertThat(child.call("get /ok").attempts()).as("rejected").isZero();               // calls 6

            String metrics = scrape(port, child);
            List<String> ours = resilienceLines(metrics);
            long now = System.currentTimeMillis();
            String lastChange = ours.stream().filter(l -> l.startsWith("resilience_circuitbreaker_last_state_change_seconds{service=\"svc\"} "))
                    .findFirst().orElseThrow(() -> new AssertionError("no last_state_change line\n" + metrics));
            double seconds = Double.parseDouble(lastChange.substring(lastChange.lastIndexOf(' ') + 1));
            assertThat(seconds).as(lastChange).isBetween(before / 1000.0, now / 1000.0);
            assertThat(ours.stream().filter(l -> !l.startsWith("resilience_circuitbreaker_last_state_change_seconds{")))
                    .as(metrics)
                    .containsExactlyInAnyOrder(
                            "# HELP resilience_agent_version The resilience-agent version in the version label.",
                            "# TYPE resilience_agent_version gauge",
                            "resilience_agent_version{version=\"0.1.0\"} 1.0",
                            "# HELP resilience_circuitbreaker_state Current circuit breaker state of the service: 1 for the state in the state label.",
                            "# TYPE resilience_circuitbreaker_state gauge",
                            "resilience_circuitbreaker_state{service=\"idle\",state=\"CLOSED\"} 1.0",
                            "resilience_circuitbreaker_state{service=\"svc\",state=\"OPEN\"} 1.0",
                            "# HELP resilience_circuitbreaker_state_code Circuit breaker state: 0 CLOSED, 1 OPEN, 2 HALF_OPEN.",
                            "# TYPE resilience_circuitbreaker_state_code gauge",
                            "resilience_circuitbreaker_state_code{service=\"idle\"} 0.0",
                            "resilience_circuitbreaker_state_code{service=\"svc\"} 1.0",
                            "# HELP resilience_circuitbreaker_failure_count Consecutive transient failures counted toward opening the breaker.",
                            "# TYPE resilience_circuitbreaker_failure_count gauge",
                            "resilience_circuitbreaker_failure_count{service=\"idle\"} 0.0",
                            "resilience_circuitbreaker_failure_count{service=\"svc\"} 3.0",
                            "# HELP resilience_circuitbreaker_success_count Successful trial calls in the current HALF_OPEN period.",
                            "# TYPE resilience_circuitbreaker_success_count gauge",
                            "resilience_circuitbreaker_success_count{service=\"idle\"} 0.0",
                            "resilience_circuitbreaker_success_count{service=\"svc\"} 0.0",
                            "# HELP resilience_circuitbreaker_calls_total Attempts that asked the breaker for admission: first attempts and retries, admitted or not.",
                            "# TYPE resilience_circuitbreaker_calls_total counter",
                            "resilience_circuitbreaker_calls_total{service=\"idle\"} 0.0",
                            "resilience_circuitbreaker_calls_total{service=\"svc\"} 6.0",
                            "# HELP resilience_circuitbreaker_failures_total Attempts that ended in a transient failure.",
                            "# TYPE resilience_circuitbreaker_failures_total counter",
                            "resilience_circuitbreaker_failures_total{service=\"idle\"} 0.0",
                            "resilience_circuitbreaker_failures_total{service=\"svc\"} 3.0",
                            "# HELP resilience_circuitbreaker_retries_total Attempts after the first (retries).",
                            "# TYPE resilience_circuitbreaker_retries_total counter",
                            "resilience_circuitbreaker_retries_total{service=\"idle\"} 0.0",
                            "resilience_circuitbreaker_retries_total{service=\"svc\"} 2.0",
                            "# HELP resilience_circuitbreaker_rejected_total Attempts the breaker refused (OPEN, or beyond halfOpenMaxCalls in HALF_OPEN).",
                            "# TYPE resilience_circuitbreaker_rejected_total counter",
                            "resilience_circuitbreaker_rejected_total{service=\"idle\"} 0.0",
                            "resilience_circuitbreaker_rejected_total{service=\"svc\"} 2.0",
                            "# HELP resilience_circuitbreaker_retries_denied_total Retries the service's retry budget refused (the failure was returned to the caller instead).",
                            "# TYPE resilience_circuitbreaker_retries_denied_total counter",
                            "resilience_circuitbreaker_retries_denied_total{service=\"idle\"} 0.0",
                            "resilience_circuitbreaker_retries_denied_total{service=\"svc\"} 0.0",
                            "# HELP resilience_circuitbreaker_last_state_change_seconds Unix time in seconds of the breaker's last state change (its creation if none).",
                            "# TYPE resilience_circuitbreaker_last_state_change_seconds gauge");
            assertThat(ours).filteredOn(l -> l.startsWith("resilience_circuitbreaker_last_state_change_seconds{")).hasSize(2);
            assertThat(metrics).as("no doubled suffix").doesNotContain("_total_total");
            assertThat(metricNames(metrics)).as("only our metrics and the exporter's own JVM metrics")
                    .allMatch(name -> name.matches("(resilience|jvm|process|jmx)_.*"), "resilience_, jvm_, process_ or jmx_");

            // reset from outside (as an operator would): the next scrape shows the breaker CLOSED, counters kept
            try (AttachedJmx jmx = AttachedJmx.attach(child.pid())) {
                jmx.invoke(AttachedJmx.breaker("svc"), "reset");
            }
            List<String> afterReset = resilienceLines(scrape(port, child));
            assertThat(afterReset).contains(
                    "resilience_circuitbreaker_state{service=\"svc\",state=\"CLOSED\"} 1.0",
                    "resilience_circuitbreaker_state_code{service=\"svc\"} 0.0",
                    "resilience_circuitbreaker_failure_count{service=\"svc\"} 0.0",
                    "resilience_circuitbreaker_calls_total{service=\"svc\"} 6.0");
            assertThat(afterReset).noneMatch(l -> l.contains("state=\"OPEN\""));
        }
    }

    @JdkTest
    void worksWithTheExporterAttachedFirst(Jdk jdk) {
        wireMock.stubFor(any(urlPathEqualTo("/ok")).willReturn(ok("fine")));
        int port = JmxTools.freePort();
        List<String> command = new ArrayList<>(ChildJvm.on(jdk).withConfig(config()).main(InteractiveApp.class, baseUrl()).command());
        command.add(1, JmxTools.jmxExporterAgent(port));
        assertThat(command.get(2)).startsWith("-javaagent:" + io.resilienceagent.it.harness.Artifacts.agentJar());

        try (LiveChildJvm child = LiveChildJvm.start(command)) {
            awaitMBeans(child);
            assertThat(child.call("get /ok").value()).as(child::describe).isEqualTo("200");
            List<String> ours = resilienceLines(scrape(port, child));
            assertThat(ours).as(child::describe).contains(
                    "resilience_agent_version{version=\"0.1.0\"} 1.0",
                    "resilience_circuitbreaker_state{service=\"svc\",state=\"CLOSED\"} 1.0",
                    "resilience_circuitbreaker_calls_total{service=\"svc\"} 1.0");
        }
    }

    private Path config() {
        return ResilienceYaml.create()
                .service("svc",
                        "retry: { maxAttempts: 2, minWait: 10ms, maxWait: 10ms }",
                        "circuitBreaker: { failureThreshold: 3, recoveryTimeout: 60s }")
                .service("idle")
                .method("com.example.app.ApiClient.get", "svc")
                .writeTo(dir);
    }

    private static void awaitMBeans(LiveChildJvm child) {
        child.send("await-mbeans");
        assertThat(child.awaitLine("MBEANS ")).as(child::describe).isEqualTo("MBEANS 3");
    }

    /** GET /metrics in the Prometheus text format (what Prometheus asks for without OpenMetrics). */
    private static String scrape(int port, LiveChildJvm child) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(child::describe).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("could not scrape port " + port + "\n" + child.describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Our lines, HELP and TYPE included. */
    private static List<String> resilienceLines(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("resilience_") || l.matches("# (HELP|TYPE) resilience_.*")).toList();
    }

    private static List<String> metricNames(String metrics) {
        return metrics.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0]).distinct().toList();
    }
}
