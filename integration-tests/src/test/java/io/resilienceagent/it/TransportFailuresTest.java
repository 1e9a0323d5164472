package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network-level failures, as the JDK's two HTTP clients report them, are retried: each WireMock fault
 * once and then a good answer gives the caller the good answer, after two requests and one
 * {@code WARN  Retrying} line.
 *
 * <p>The {@code java.net.http.HttpClient} faults are sent as POST on purpose: for an idempotent GET
 * over HTTP/1.1 the client itself silently re-sends once after a reset or an empty response (before the
 * agent sees anything), which would blur the request counts.
 */
class TransportFailuresTest extends WireMockTestBase {

    /** Each fault, with a fragment of the message the JDK's HttpClient (HTTP/1.1) reports for it. */
    private static final Map<Fault, String> HTTP_CLIENT_FAULTS = Map.of(
            Fault.CONNECTION_RESET_BY_PEER, "java.io.IOException: HTTP/1.1 header parser received no bytes",
            Fault.EMPTY_RESPONSE, "java.io.IOException: HTTP/1.1 header parser received no bytes",
            Fault.MALFORMED_RESPONSE_CHUNK, "java.io.IOException: Illegal character in chunk size",
            Fault.RANDOM_DATA_THEN_CLOSE, "java.io.IOException: parsing HTTP/1.1 status line");

    /** The same for HttpURLConnection (with {@code -Dsun.net.http.retryPost=false}). */
    private static final Map<Fault, String> URL_CONNECTION_FAULTS = Map.of(
            Fault.CONNECTION_RESET_BY_PEER, "java.net.SocketException: Connection reset",
            Fault.EMPTY_RESPONSE, "java.net.SocketException: Unexpected end of file from server",
            Fault.MALFORMED_RESPONSE_CHUNK, "java.io.IOException: Premature EOF",
            Fault.RANDOM_DATA_THEN_CLOSE, "java.io.IOException: Invalid Http response");

    private static final Fault[] FAULTS = {
        Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.MALFORMED_RESPONSE_CHUNK, Fault.RANDOM_DATA_THEN_CLOSE};

    @TempDir
    Path dir;

    private Path config() {
        return ResilienceYaml.create()
                .service("api", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.ApiClient.get", "api")
                .method("com.example.app.ApiClient.post", "api")
                .method("com.example.app.LegacyClient.post", "api")
                .writeTo(dir);
    }

    @JdkTest
    void everyWireMockFaultIsRetriedWithHttpClient(Jdk jdk) {
        String[] steps = new String[FAULTS.length];
        for (int i = 0; i < FAULTS.length; i++) {
            stubSequence(path(FAULTS[i]), aResponse().withFault(FAULTS[i]), ok("fine"));
            steps[i] = "post " + path(FAULTS[i]) + " hello";
        }

        ChildResult run = ChildJvm.on(jdk).withConfig(config()).app(baseUrl(), steps).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < FAULTS.length; i++) {
            Fault fault = FAULTS[i];
            CallResult call = run.call(i + 1);
            soft.assertThat(call.outcome()).as("%s: outcome of %s%n%s", fault, call, run.describe()).isEqualTo("OK");
            soft.assertThat(call.value()).as("%s: status the caller got", fault).isEqualTo("200");
            soft.assertThat(call.attempts()).as("%s: attempts", fault).isEqualTo(2);
            soft.assertThat(requests(path(fault))).as("%s: requests the server saw", fault).isEqualTo(2);
            soft.assertThat(run.stderrLines()).as("%s: retry line%n%s", fault, run.stderr())
                    .anyMatch(l -> l.startsWith("WARN  Retrying ApiClient.post after " + HTTP_CLIENT_FAULTS.get(fault))
                            && l.endsWith(" (attempt 2/3)"));
        }
        soft.assertThat(run.logLinesContaining("Retrying")).as(run::describe).hasSize(FAULTS.length);
        soft.assertAll();
    }

    /**
     * The JDK HttpClient's default version is HTTP/2; WireMock's Jetty accepts the h2c upgrade, so after a
     * first exchange the client talks HTTP/2 and resets and empty responses surface differently.
     */
    @JdkTest
    void resetAndEmptyResponseAreRetriedOverHttp2(Jdk jdk) {
        wireMock.stubFor(get("/warm-up").willReturn(ok("h2")));
        stubSequence("/h2/reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok("fine"));
        stubSequence("/h2/empty", aResponse().withFault(Fault.EMPTY_RESPONSE), ok("fine"));

        ChildResult run = ChildJvm.on(jdk).withConfig(config()).systemProperty("it.httpVersion", "HTTP_2")
                .app(baseUrl(), "get /warm-up", "get /h2/reset", "get /warm-up", "get /h2/empty").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call : new int[] {2, 4}) {
            assertThat(run.call(call).outcome()).as(run::describe).isEqualTo("OK");
            assertThat(run.call(call).attempts()).as(run::describe).isEqualTo(2);
        }
        assertThat(requests("/h2/reset")).isEqualTo(2);
        assertThat(requests("/h2/empty")).isEqualTo(2);
        assertThat(run.logLinesContaining("WARN  Retrying ApiClient.get after java.io.IOException")).as(run::describe).hasSize(2);
    }

    /**
     * Over HTTP/2 (the JDK client's default version, with a server that accepts h2c) a garbled response
     * surfaces as {@code java.net.ProtocolException: protocol error: Frame type(100) length(7107435)
     * exceeds MAX_FRAME_SIZE(16384)} (cause: a ProtocolException with the same message), which the
     * built-in transient set covers as "protocol error".
     */
    @JdkTest
    void garbledHttp2FramesAreRetried(Jdk jdk) {
        wireMock.stubFor(get("/warm-up").willReturn(ok("h2")));
        stubSequence("/h2/chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), ok("fine"));
        stubSequence("/h2/random", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), ok("fine"));

        ChildResult run = ChildJvm.on(jdk).withConfig(config()).systemProperty("it.httpVersion", "HTTP_2")
                .app(baseUrl(), "get /warm-up", "get /h2/chunk", "get /warm-up", "get /h2/random").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call : new int[] {2, 4}) {
            assertThat(run.call(call).outcome()).as(run::describe).isEqualTo("OK");
            assertThat(run.call(call).attempts()).as(run::describe).isEqualTo(2);
        }
        assertThat(requests("/h2/chunk")).isEqualTo(2);
        assertThat(requests("/h2/random")).isEqualTo(2);
    }

    @JdkTest
    void everyWireMockFaultIsRetriedWithHttpUrlConnection(Jdk jdk) {
        String[] steps = new String[FAULTS.length];
        for (int i = 0; i < FAULTS.length; i++) {
            stubSequence(path(FAULTS[i]), aResponse().withFault(FAULTS[i]), ok("fine"));
            steps[i] = "legacy-post " + path(FAULTS[i]) + " hello";
        }

        // Without retryPost=false HttpURLConnection re-sends the POST itself once after a reset or an
        // empty response, and the server would see 2 requests per attempt.
        ChildResult run = ChildJvm.on(jdk).withConfig(config()).systemProperty("sun.net.http.retryPost", "false")
                .app(baseUrl(), steps).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < FAULTS.length; i++) {
            Fault fault = FAULTS[i];
            CallResult call = run.call(i + 1);
            soft.assertThat(call.outcome()).as("%s: outcome of %s%n%s", fault, call, run.describe()).isEqualTo("OK");
            soft.assertThat(call.value()).as("%s: status the caller got", fault).isEqualTo("200");
            soft.assertThat(call.attempts()).as("%s: attempts", fault).isEqualTo(2);
            soft.assertThat(requests(path(fault))).as("%s: requests the server saw", fault).isEqualTo(2);
            soft.assertThat(run.stderrLines()).as("%s: retry line%n%s", fault, run.stderr())
                    .contains("WARN  Retrying LegacyClient.post after " + URL_CONNECTION_FAULTS.get(fault) + " (attempt 2/3)");
        }
        soft.assertAll();
    }

    /**
     * Why the other HttpClient fault tests use POST: for a GET over HTTP/1.1 the JDK client itself re-sends
     * once when a reused or fresh connection dies before any response byte (a reset or an empty response).
     * The agent's retries come on top: reset, reset, 200 is one agent retry and three requests.
     * If this fails on a new JDK, the JDK changed its own retry rule; adjust the README, not the agent.
     */
    @JdkTest
    void httpClientResendsAGetByItselfOnceAndTheAgentRetriesOnTop(Jdk jdk) {
        stubSequence("/get-reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok("fine"));

        ChildResult run = ChildJvm.on(jdk).withConfig(config()).app(baseUrl(), "get /get-reset").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("200");
        assertThat(run.call(1).attempts()).as("agent attempts").isEqualTo(2);
        assertThat(requests("/get-reset")).as("two by the first attempt (the JDK's re-send), one by the second").isEqualTo(3);
        assertThat(run.stderrLines()).as(run::describe)
                .contains("WARN  Retrying ApiClient.get after java.io.IOException: HTTP/1.1 header parser received no bytes (attempt 2/3)");
    }

    @JdkTest
    void timeoutsAndRefusedConnectionsAreRetriedButClientErrorsAreNot(Jdk jdk) throws IOException {
        stubSequence("/slow", ok("late").withFixedDelay(2_500), ok("fine"));
        int closedPort = closedPort();

        ChildResult run = ChildJvm.on(jdk).withConfig(config()).app(baseUrl(),
                "get /slow 800",
                "get http://127.0.0.1:" + closedPort + "/nobody-home",
                "get http://[not-a-uri",
                "legacy-post nope://no-such-protocol hello").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult timeout = run.call(1);
        assertThat(timeout.outcome()).as(run::describe).isEqualTo("OK");
        assertThat(timeout.attempts()).isEqualTo(2);
        assertThat(requests("/slow")).isEqualTo(2);
        assertThat(run.stderrLines()).as(run::describe)
                .contains("WARN  Retrying ApiClient.get after java.net.http.HttpTimeoutException: request timed out (attempt 2/3)");

        CallResult refused = run.call(2);
        assertThat(refused.outcome()).as(run::describe).isEqualTo("THROWN");
        assertThat(refused.exceptionClass()).isEqualTo("java.net.ConnectException");
        assertThat(refused.attempts()).as("maxAttempts").isEqualTo(3);
        assertThat(run.stderrLines()).as(run::describe)
                .anyMatch(l -> l.matches("WARN  Retrying ApiClient\\.get after java\\.net\\.ConnectException(: .*)? \\(attempt 2/3\\)"))
                .anyMatch(l -> l.matches("WARN  Retrying ApiClient\\.get after java\\.net\\.ConnectException(: .*)? \\(attempt 3/3\\)"));

        CallResult badUri = run.call(3);
        assertThat(badUri.exceptionClass()).as(run::describe).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(badUri.attempts()).as("a client error is not retried").isEqualTo(1);

        CallResult badUrl = run.call(4);
        assertThat(badUrl.exceptionClass()).as(run::describe).isEqualTo("java.net.MalformedURLException");
        assertThat(badUrl.attempts()).as("a client error is not retried").isEqualTo(1);

        assertThat(run.logLinesContaining("Retrying")).as("only the timeout and the refusals are retried\n" + run.stderr())
                .hasSize(3);
    }

    /** A port nobody listens on: bound, then closed. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String path(Fault fault) {
        return "/fault/" + fault.name().toLowerCase(Locale.ROOT);
    }
}
