package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.apache.ApacheRecipeApp;
import com.github.tomakehurst.wiremock.http.Fault;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.RecipeTestBase;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Apache HttpClient 5 recipe (docs/recipes.md): name the application's method that returns the
 * response (its status read through {@code getCode()}, {@code Retry-After} through
 * {@code getFirstHeader}), on a client built with {@code disableAutomaticRetries()}; on
 * {@code HttpClients.createDefault()} Apache's own retry of a 503 doubles every attempt.
 */
class ApacheHttpClientRecipeTest extends RecipeTestBase {
    static final String[] APACHE = {"httpclient5-", "httpcore5-", "slf4j-api-"};
    private static final String AMPLIFIED = "/amplified";

    @TempDir
    Path dir;

    @JdkTest
    void theApplicationsMethodIsRetriedOnOneConnectionAndApachesOwnRetriesDoubleTheRequests(Jdk jdk) {
        stubScenario("");
        wireMock.stubFor(any(urlPathEqualTo(AMPLIFIED)).willReturn(status(503).withBody("busy")));
        Path config = ResilienceYaml.create()
                .service("apache", RETRY, BREAKER)
                .method("com.example.apache.ApacheFetcher.fetch", "apache")
                .writeTo(dir);
        List<String> steps = new ArrayList<>(scenarioSteps("fetch", ""));
        steps.add("fetchDefault " + AMPLIFIED);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(APACHE)
                .main(ApacheRecipeApp.class, args(baseUrl(), steps)).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call : new int[] {1, 2}) {
            CallResult retried = run.call(call);
            assertThat(retried.value()).as("call %d: retried to success (status read through getCode())%n%s", call, run.describe())
                    .isEqualTo("200");
            assertThat(retried.attempts()).isEqualTo(2);
            assertThat(retried.get("connects")).as("both attempts on one connection%n%s", run.describe()).isEqualTo(call == 1 ? "1" : "0");
            assertThat(retried.get("pooled")).as(run::describe).isEqualTo("1");
            assertThat(retried.get("leased")).as("the superseded response was closed%n%s", run.describe()).isEqualTo("0");
        }
        assertSucceededAfter(run, 1, RETRY_503, 2);
        assertSucceededAfter(run, 2, RETRY_429, 2);
        assertSucceededAfter(run, 3, RESET, 3);
        assertThat(run.call(3).attempts()).as("without automatic retries Apache does not re-send after a reset%n%s", run.describe())
                .isEqualTo(3);
        CallResult exhausted = run.call(4);
        assertThat(exhausted.value()).as("the last 503 is handed back, open and readable%n%s", run.describe()).isEqualTo("503");
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertThat(exhausted.get("connects")).isEqualTo("0");
        assertThat(exhausted.get("pooled")).isEqualTo("1");
        assertThat(exhausted.get("leased")).isEqualTo("0");
        assertOpenedThenRejected(run, 4, DOWN, "apache");
        assertRecovered(run, 6, "apache");
        assertThat(run.agentLog()).as(run::describe)
                .contains("WARN  Retrying ApacheFetcher.fetch after HTTP 503 (attempt 2/3)", "WARN  Retrying ApacheFetcher.fetch after HTTP 429 (attempt 2/3)");

        // createDefault(): each of the agent's three attempts is two requests, 1 s apart
        CallResult amplified = run.call(7);
        assertThat(amplified.value()).as(run::describe).isEqualTo("503");
        assertThat(amplified.attempts()).isEqualTo(3);
        assertThat(served(AMPLIFIED)).as(run::describe).isEqualTo(6);
        List<Long> gaps = gapsMs(AMPLIFIED);
        assertThat(List.of(gaps.get(0), gaps.get(2), gaps.get(4))).as("Apache's own waits, 1 s each: %s", gaps)
                .allMatch(gap -> gap >= 1000);

        assertRetryCameAfter(run, RETRY_429, 1000);
    }

    @JdkTest
    void everyWireMockFaultIsRetriedWithApacheHttpClient(Jdk jdk) {
        // not MALFORMED_RESPONSE_CHUNK: Apache reads the body after executeOpen returned, outside the woven method
        Fault[] faults = {Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.RANDOM_DATA_THEN_CLOSE};
        List<String> steps = new ArrayList<>();
        for (Fault fault : faults) {
            String path = "/fault/" + fault.name().toLowerCase(java.util.Locale.ROOT);
            stubSequence(path, com.github.tomakehurst.wiremock.client.WireMock.aResponse().withFault(fault), success());
            steps.add("fetch " + path);
        }
        Path config = ResilienceYaml.create()
                .service("apache", RETRY, BREAKER)
                .method("com.example.apache.ApacheFetcher.fetch", "apache")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(APACHE)
                .main(ApacheRecipeApp.class, args(baseUrl(), steps)).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (int i = 0; i < faults.length; i++) {
            CallResult call = run.call(i + 1);
            soft.assertThat(call.value()).as("%s: the caller gets the good answer%n%s", faults[i], run.describe()).isEqualTo("200");
            soft.assertThat(call.attempts()).as("%s: attempts", faults[i]).isEqualTo(2);
            soft.assertThat(call.get("leased")).as("%s: no connection left leased", faults[i]).isEqualTo("0");
        }
        soft.assertAll();
    }

    @Test
    void withoutTheAgentThe503SurfacesAndCreateDefaultRetriesOnceAfterOneSecond() {
        stubScenario("");
        stubSequence("/own503", status(503).withBody("busy"), success());
        stubSequence("/ownReset", connectionReset(), success());

        ChildResult run = ChildJvm.on(controlJdk()).withoutAgent().withLibraries(APACHE)
                .main(ApacheRecipeApp.class, baseUrl(), "fetch " + RETRY_503, "fetch " + RESET,
                        "fetchDefault /own503", "fetchDefault /ownReset")
                .run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as("the first 503 surfaces%n%s", run.describe()).isEqualTo("503");
        assertThat(served(RETRY_503)).isEqualTo(1);
        assertThat(run.call(2).outcome()).as("the reset surfaces%n%s", run.describe()).isEqualTo("THROWN");
        assertThat(served(RESET)).isEqualTo(1);
        assertThat(run.call(3).value()).as("createDefault() retried the 503 by itself%n%s", run.describe()).isEqualTo("200");
        assertThat(gapsMs("/own503")).singleElement().satisfies(gap -> assertThat(gap).isBetween(1000L, 1500L));
        assertThat(run.call(4).value()).as("createDefault() re-sent the GET after the reset%n%s", run.describe()).isEqualTo("200");
        assertThat(served("/ownReset")).isEqualTo(2);
    }
}
