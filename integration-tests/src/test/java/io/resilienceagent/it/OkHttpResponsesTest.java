package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.okhttp.OkHttpApp;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method returning OkHttp's {@code Response} (real OkHttp 5) is retried on 503, and the agent
 * closes each response it retries past: all attempts share one pooled connection, none stays held,
 * and OkHttp reports no leaked connection. The response the caller gets is open and readable.
 */
class OkHttpResponsesTest extends WireMockTestBase {
    private static final String[] OKHTTP = {"okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-"};

    @TempDir
    Path dir;

    @JdkTest
    void retriedResponsesAreClosedSoTheirConnectionIsReused(Jdk jdk) {
        stubSequence("/flaky", status(503).withBody("busy"), status(503).withBody("busy"), ok("fine"));
        stubSequence("/down", status(503).withBody("busy"));
        Path config = ResilienceYaml.create()
                .service("api", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.okhttp.OkFetcher.fetch", "api")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(OKHTTP)
                .main(OkHttpApp.class, baseUrl(), "fetch /flaky", "fetch /down").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult recovered = run.call(1);
        assertThat(recovered.value()).as(run::describe).isEqualTo("200");
        assertThat(recovered.attempts()).isEqualTo(3);
        assertThat(recovered.get("connects")).as("three attempts over one connection").isEqualTo("1");
        assertThat(recovered.get("inUse")).as("no connection held by an unclosed response").isEqualTo("0");
        CallResult exhausted = run.call(2);
        assertThat(exhausted.value()).as("the last 503 is handed back, open and readable%n%s", run.describe()).isEqualTo("503");
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertThat(exhausted.get("connects")).isEqualTo("0");
        assertThat(exhausted.get("inUse")).isEqualTo("0");
        assertThat(run.stderr()).as(run::describe).doesNotContain("leaked");
        assertThat(run.logLinesContaining("Retrying OkFetcher.fetch after HTTP 503")).hasSize(4);
    }
}
