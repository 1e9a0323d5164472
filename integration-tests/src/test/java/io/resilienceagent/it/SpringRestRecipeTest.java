package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.spring.SpringRecipeApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.JmxTools;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.RecipeTestBase;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spring recipe (docs/recipes.md): name the application's methods that call {@code RestClient} or
 * {@code RestTemplate}; their 5xx and 429 answers are exceptions whose status is an
 * {@code HttpStatusCode} object ({@code getStatusCode().value()}) and whose headers come from
 * {@code getResponseHeaders()}. And the Spring Boot sample's fat jar under {@code java -jar}, its
 * {@code @Service} methods named (one of them behind a CGLIB proxy).
 */
class SpringRestRecipeTest extends RecipeTestBase {
    static final String[] SPRING = {"spring-web-", "spring-core-", "spring-beans-", "spring-jcl-", "micrometer-"};
    private static final String UNAVAILABLE = "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable";
    private static final String REST_CLIENT = "/rc";
    private static final String REST_TEMPLATE = "/rt";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @JdkTest
    void restClientAndRestTemplateCallsAreRetriedAndGuardedByTheirBreakers(Jdk jdk) {
        stubScenario(REST_CLIENT);
        stubScenario(REST_TEMPLATE);
        Path config = ResilienceYaml.create()
                .service("rest_client", RETRY, BREAKER)
                .service("rest_template", RETRY, BREAKER)
                .method("com.example.spring.RestClientGateway.fetch", "rest_client")
                .method("com.example.spring.RestTemplateGateway.fetch", "rest_template")
                .writeTo(dir);
        List<String> steps = new ArrayList<>(stepsBeforeRecovery("restClient", REST_CLIENT));     // calls 1-5
        steps.addAll(stepsBeforeRecovery("restTemplate", REST_TEMPLATE));                       // calls 6-10
        steps.add(PAST_RECOVERY);
        steps.add(recoveryStep("restClient", REST_CLIENT));                                     // call 11
        steps.add(recoveryStep("restTemplate", REST_TEMPLATE));                                 // call 12

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(SPRING)
                .main(SpringRecipeApp.class, args(baseUrl(), steps)).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        // RestClient's java.net.http does not re-send after a reset; RestTemplate's HttpURLConnection re-sends a GET once
        checkScenario(run, 0, REST_CLIENT, "rest_client", "RestClientGateway", 3);
        checkScenario(run, 5, REST_TEMPLATE, "rest_template", "RestTemplateGateway", 2);
        assertRecovered(run, 11, "rest_client");
        assertRecovered(run, 12, "rest_template");

        assertRetryCameAfter(run, REST_CLIENT + RETRY_429, 1000);
        assertRetryCameAfter(run, REST_TEMPLATE + RETRY_429, 1000);
    }

    /** Calls {@code offset + 1} to {@code offset + 5} of one client. */
    private void checkScenario(ChildResult run, int offset, String prefix, String service, String gateway, int resetAttempts) {
        for (int call : new int[] {offset + 1, offset + 2}) {
            assertThat(run.call(call).value()).as("call %d: retried to success (status read through getStatusCode().value())%n%s",
                    call, run.describe()).isEqualTo("fine");
            assertThat(run.call(call).attempts()).isEqualTo(2);
        }
        assertSucceededAfter(run, offset + 1, prefix + RETRY_503, 2);
        assertSucceededAfter(run, offset + 2, prefix + RETRY_429, 2);
        assertSucceededAfter(run, offset + 3, prefix + RESET, 3);
        assertThat(run.call(offset + 3).attempts()).as("two resets, then the good answer%n%s", run.describe()).isEqualTo(resetAttempts);
        CallResult exhausted = run.call(offset + 4);
        assertThat(exhausted.exceptionClass()).as(run::describe).isEqualTo(UNAVAILABLE);
        assertThat(exhausted.get("status")).isEqualTo("503");
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertOpenedThenRejected(run, offset + 4, prefix + DOWN, service);
        assertThat(run.agentLog()).as(run::describe)
                .anyMatch(line -> line.startsWith("WARN  Retrying " + gateway + ".fetch after " + UNAVAILABLE))
                .anyMatch(line -> line.startsWith("WARN  Retrying " + gateway + ".fetch after org.springframework.web.client.HttpClientErrorException$TooManyRequests"));
    }

    @JdkTest
    void theSpringBootFatJarsServicesAreRetriedUnderJavaJar(Jdk jdk) throws Exception {
        stubSequence("/greeting", status(503).withBody("busy"), ok("Hello, recipe"));
        stubSequence("/quotes/7", status(503).withBody("busy"), ok("Carpe diem"));
        Path config = ResilienceYaml.create()
                .service("greeting", RETRY, BREAKER)
                .service("quotes", RETRY, BREAKER)
                .method("com.example.springapp.GreetingService.greeting", "greeting")
                .method("com.example.springapp.QuoteService.quote", "quotes")
                .writeTo(dir);
        int port = JmxTools.freePort();

        try (LiveChildJvm app = startSpringBootApp(ChildJvm.on(jdk).withConfig(config), port)) {
            HttpResponse<String> summary = summaryThenStop(app, port);

            assertThat(summary.statusCode()).as("the upstream's 503s were retried inside the services%n%s", app.describe()).isEqualTo(200);
            assertThat(summary.body()).as(app::describe).contains("Hello, recipe", "Carpe diem");
            assertThat(requests("/greeting")).as(app::describe).isEqualTo(2);
            assertThat(requests("/quotes/7")).as("one retry, not one per proxy layer%n%s", app.describe()).isEqualTo(2);
            assertThat(app.agentLog()).as(app::describe)
                    .filteredOn(line -> line.startsWith("WARN  Retrying GreetingService.greeting after ")).hasSize(1);
            assertThat(app.agentLog()).as(app::describe)
                    .filteredOn(line -> line.startsWith("WARN  Retrying QuoteService.quote after ")).hasSize(1);
        }
    }

    @Test
    void withoutTheAgentThe503SurfacesAndHttpUrlConnectionReSendsAGetAfterAReset() {
        stubScenario(REST_CLIENT);
        stubScenario(REST_TEMPLATE);

        ChildResult run = ChildJvm.on(controlJdk()).withoutAgent().withLibraries(SPRING)
                .main(SpringRecipeApp.class, baseUrl(), "restClient " + REST_CLIENT + RETRY_503,
                        "restClient " + REST_CLIENT + RESET, "restTemplate " + REST_TEMPLATE + RESET)
                .run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).exceptionClass()).as("the first 503 surfaces%n%s", run.describe()).isEqualTo(UNAVAILABLE);
        assertThat(served(REST_CLIENT + RETRY_503)).isEqualTo(1);
        assertThat(run.call(2).outcome()).as(run::describe).isEqualTo("THROWN");
        assertThat(served(REST_CLIENT + RESET)).as("java.net.http did not re-send the GET").isEqualTo(1);
        assertThat(run.call(3).outcome()).as(run::describe).isEqualTo("THROWN");
        assertThat(served(REST_TEMPLATE + RESET)).as("HttpURLConnection re-sent the GET once by itself").isEqualTo(2);
    }

    @Test
    void withoutTheAgentTheSpringBootAppAnswers500OnTheFirst503() throws Exception {
        stubSequence("/greeting", status(503).withBody("busy"), ok("Hello, recipe"));
        int port = JmxTools.freePort();

        try (LiveChildJvm app = startSpringBootApp(ChildJvm.on(controlJdk()).withoutAgent(), port)) {
            HttpResponse<String> summary = summaryThenStop(app, port);

            assertThat(summary.statusCode()).as(app::describe).isEqualTo(500);
            assertThat(requests("/greeting")).isEqualTo(1);
        }
    }

    private LiveChildJvm startSpringBootApp(ChildJvm child, int port) {
        return LiveChildJvm.start(child.jar(Artifacts.springBootAppJar(),
                "--upstream.url=" + baseUrl(), "--server.port=" + port,
                // Tomcat's work directory inside the child's working directory, which is deleted after it
                "--server.tomcat.basedir=tomcat"), "Started SpringApp in");
    }

    /** {@code GET /api/summary} once, then the application is stopped (it does not read {@code quit} from stdin). */
    private static HttpResponse<String> summaryThenStop(LiveChildJvm app, int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/summary?name=recipe&id=7"))
                .timeout(Duration.ofSeconds(20)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            app.terminate();
        }
    }
}
