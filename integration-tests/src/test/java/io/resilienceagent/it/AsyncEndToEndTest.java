package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.async.AsyncApp;
import com.example.async.anthropic.AsyncMessagesApp;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Async methods (declared to return {@code CompletionStage}, {@code CompletableFuture} or a public
 * subclass) in child JVMs under the agent, against WireMock: the outcome of a call is how its future
 * completes; the caller gets a future at once and never waits for a backoff; retries run on the agent's
 * threads; the caller gets exactly what the last attempt ended with; an OPEN breaker hands back a failed
 * future without running the body; a cancelled call makes no further request; the counters add up
 * exactly under hundreds of concurrent calls. Applications: {@link AsyncApp} (its own client on
 * {@code HttpClient.sendAsync}, and {@code sendAsync} named directly) and {@link AsyncMessagesApp} (the
 * Anthropic SDK's async client).
 */
class AsyncEndToEndTest extends WireMockTestBase {
    private static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";
    private static final String EXECUTION_EXCEPTION = "java.util.concurrent.ExecutionException";
    private static final String UPSTREAM = "com.example.async.UpstreamException";
    private static final String CLIENT = "com.example.async.AsyncClient.";
    private static final String LOCAL = "com.example.async.LocalService.";
    private static final String SCHEDULER_THREAD = "resilience-agent-async-";
    /** Far below the 2 s backoff of the {@code slow} service, far above any return on a loaded machine. */
    private static final long RETURNED_AT_ONCE_MS = 1_000;
    private static final String SLOW_RETRY = "retry: { maxAttempts: 3, minWait: 2s, maxWait: 2s }";
    /** The Messages API's answer the SDK parses. */
    private static final String MESSAGE = """
            {"id":"msg_async","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":3,"output_tokens":1}}""";

    @TempDir
    Path dir;

    @JdkTest
    void theCallerGetsItsFutureAtOnceAndTheRetryRunsOnTheAgentsThreads(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("slow", SLOW_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .service("fast", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method(LOCAL + "failingFirst", "slow")
                .method(LOCAL + "*", "fast")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(AsyncApp.class, baseUrl(), "failingFirst k1", "throwingFirst k2", "bug k3", "failingFirst k1").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult failedAtOnce = run.call(1);
        assertThat(failedAtOnce.value()).as("an already failed future, retried after 2 s%n%s", run.describe()).isEqualTo("ok_k1");
        assertThat(failedAtOnce.get("threw")).isEqualTo("false");
        assertThat(Long.parseLong(failedAtOnce.get("returnedMs"))).as("the method returned long before the 2 s backoff ended%n%s",
                run.describe()).isLessThan(RETURNED_AT_ONCE_MS);
        assertThat(failedAtOnce.attempts()).isEqualTo(2);
        assertThat(failedAtOnce.get("threads").split(",")).as("first attempt on the caller, the retry on the agent's scheduler%n%s",
                run.describe()).hasSize(2).satisfies(threads -> {
                    assertThat(threads[0]).isEqualTo("main");
                    assertThat(threads[1]).startsWith(SCHEDULER_THREAD);
                });

        CallResult thrownAtOnce = run.call(2);
        assertThat(thrownAtOnce.get("threw")).as("a transient throw of the first attempt is retried: the caller gets a future%n%s",
                run.describe()).isEqualTo("false");
        assertThat(thrownAtOnce.value()).as(run::describe).isEqualTo("ok_k2");
        assertThat(thrownAtOnce.attempts()).isEqualTo(2);

        CallResult bug = run.call(3);
        assertThat(bug.get("threw")).as("a non-transient throw propagates as a throw%n%s", run.describe()).isEqualTo("true");
        assertThat(bug.exceptionClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(bug.message()).isEqualTo("bug k3");
        assertThat(bug.attempts()).isEqualTo(1);

        CallResult succeededAtOnce = run.call(4);
        assertThat(succeededAtOnce.value()).as(run::describe).isEqualTo("ok_k1");
        assertThat(succeededAtOnce.attempts()).isEqualTo(1);
        assertThat(succeededAtOnce.get("own")).as("a future that already succeeded is handed back as it is%n%s", run.describe())
                .isEqualTo("true");

        assertThat(run.agentLog()).as(run::describe).contains(
                "WARN  Retrying LocalService.failingFirst after " + UPSTREAM + ": HTTP 503 for k1 (attempt 2/3)",
                "WARN  Retrying LocalService.throwingFirst after java.net.ConnectException: refused k2 (attempt 2/3)");
        assertThat(run.stderr()).as(run::describe).doesNotContain("internal error").doesNotContain("Exception in thread");
    }

    /**
     * A method declared {@code CompletionStage} that returns {@code CompletableFuture.minimalCompletionStage()}:
     * a {@code CompletableFuture} subclass whose {@code isDone()}, {@code getNow()} and {@code cancel()} throw
     * {@code UnsupportedOperationException}; only its {@code CompletionStage} methods may be used.
     */
    @JdkTest
    void aMinimalCompletionStageIsJudgedAndRetriedLikeAnyOtherStage(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("fast", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method(LOCAL + "minimal", "fast")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(AsyncApp.class, baseUrl(), "minimal k1", "minimal k1").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("ok_k1");
        assertThat(run.call(1).attempts()).as("the stage failed at once and was retried%n%s", run.describe()).isEqualTo(2);
        assertThat(run.call(2).value()).as(run::describe).isEqualTo("ok_k1");
        assertThat(run.call(2).attempts()).isEqualTo(1);
        assertThat(run.agentLog()).as(run::describe)
                .contains("WARN  Retrying LocalService.minimal after " + UPSTREAM + ": HTTP 503 for k1 (attempt 2/3)");
        assertThat(run.stderr()).as(run::describe).doesNotContain("internal error");
    }

    @JdkTest
    void failuresAndFailingStatusesAreRetriedAndTheLastOutcomeIsHandedBackUnwrapped(Jdk jdk) {
        stubSequence("/flaky", status(503).withBody("busy"), status(503).withBody("busy"), ok("fine"));
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503).withBody("down")));
        stubSequence("/status", status(503).withBody("busy"), ok("fine"));
        wireMock.stubFor(any(urlPathEqualTo("/statusDown")).willReturn(status(503).withBody("down")));
        Path config = ResilienceYaml.create()
                .service("api", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method(CLIENT + "*", "api")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(AsyncApp.class, baseUrl(), "fetch /flaky", "fetch /down", "status /status", "status /statusDown", "jmx api")
                .run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult flaky = run.call(1);
        assertThat(flaky.value()).as("503, 503, then 200%n%s", run.describe()).isEqualTo("fine");
        assertThat(flaky.attempts()).isEqualTo(3);
        assertThat(requests("/flaky")).isEqualTo(3);
        assertThat(List.of(flaky.get("threads").split(","))).as("the first attempt on the caller, both retries on the agent's "
                + "scheduler%n%s", run.describe()).hasSize(3).first().isEqualTo("main");
        assertThat(List.of(flaky.get("threads").split(",")).subList(1, 3)).as(run::describe)
                .allMatch(thread -> thread.startsWith(SCHEDULER_THREAD));

        CallResult exhausted = run.call(2);
        assertThat(exhausted.exceptionClass()).as("get() throws as without the agent%n%s", run.describe()).isEqualTo(EXECUTION_EXCEPTION);
        assertThat(exhausted.causes()).as("its cause: the application's own exception, not wrapped by the agent%n%s", run.describe())
                .isEqualTo(UPSTREAM + "(HTTP_503_for_/down)");
        assertThat(exhausted.get("sameInstance")).as("the very instance the last attempt failed with%n%s", run.describe())
                .isEqualTo("true");
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertThat(requests("/down")).isEqualTo(3);

        CallResult status = run.call(3);
        assertThat(status.value()).as("a future completed normally with a 503 value is retried%n%s", run.describe())
                .isEqualTo("200:fine");
        assertThat(status.attempts()).isEqualTo(2);
        CallResult statusDown = run.call(4);
        assertThat(statusDown.outcome()).as(run::describe).isEqualTo("OK");
        assertThat(statusDown.value()).as("the last failing value is handed back%n%s", run.describe()).isEqualTo("503:down");
        assertThat(statusDown.attempts()).isEqualTo(3);

        // attempts 3 + 3 + 2 + 3; failed attempts 2 + 3 + 1 + 3
        CallResult jmx = run.call(5);
        assertThat(jmx.get("TotalCalls")).as(run::describe).isEqualTo("11");
        assertThat(jmx.get("TotalRetries")).as(run::describe).isEqualTo("7");
        assertThat(jmx.get("TotalFailures")).as(run::describe).isEqualTo("9");
        assertThat(jmx.get("TotalRejected")).as(run::describe).isEqualTo("0");
        assertThat(run.agentLog()).as(run::describe).contains(
                "WARN  Retrying AsyncClient.fetch after " + UPSTREAM + ": HTTP 503 for /flaky (attempt 2/3)",
                "WARN  Retrying AsyncClient.fetch after " + UPSTREAM + ": HTTP 503 for /flaky (attempt 3/3)",
                "WARN  Retrying AsyncClient.status after HTTP 503 (attempt 2/3)");
        assertThat(run.stderr()).as(run::describe).doesNotContain("internal error").doesNotContain("Exception in thread");
    }

    @JdkTest
    void httpClientSendAsyncNamedDirectlyIsRetriedOnTheStatusOfItsResponse(Jdk jdk) {
        stubSequence("/flaky", status(503), status(503), ok("fine"));
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        stubSequence("/retryAfter", status(503).withHeader("Retry-After", "1"), ok("fine"));
        Path config = ResilienceYaml.create()
                .service("jdk_async", "retry: { maxAttempts: 3, minWait: 50ms, maxWait: 2s, multiplier: 0.05 }",
                        ResilienceYaml.LENIENT_BREAKER)
                .method("java.net.http.HttpClient.sendAsync", "jdk_async")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(AsyncApp.class, baseUrl(), "sendAsync /flaky", "sendAsync /down", "sendAsync /retryAfter").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as("503, 503, then 200%n%s", run.describe()).isEqualTo("200");
        assertThat(run.call(1).attempts()).as("responses received").isEqualTo(3);
        assertThat(requests("/flaky")).isEqualTo(3);
        assertThat(run.call(2).value()).as("the last 503 is handed back%n%s", run.describe()).isEqualTo("503");
        assertThat(requests("/down")).isEqualTo(3);
        assertThat(run.call(3).value()).as(run::describe).isEqualTo("200");
        List<LoggedRequest> retryAfter = requestLog("/retryAfter");
        assertThat(retryAfter).hasSize(2);
        // only a lower bound: the config alone would have waited 50 ms
        assertThat(retryAfter.get(1).getLoggedDate().getTime() - retryAfter.get(0).getLoggedDate().getTime())
                .as("the retry waited for the response's Retry-After: 1%n%s", run.describe()).isGreaterThanOrEqualTo(990);
        assertThat(run.agentLog()).as(run::describe)
                .anyMatch(line -> line.startsWith("WARN  Retrying ") && line.endsWith(".sendAsync after HTTP 503 (attempt 2/3)"))
                .anyMatch(line -> line.startsWith("WARN  Retrying ") && line.endsWith(".sendAsync after HTTP 503 (attempt 3/3)"));
    }

    @JdkTest
    void theDeclaredTypeIsKeptAndAnOpenBreakerHandsBackAFailedFutureWithoutRunningTheBody(Jdk jdk) {
        stubSequence("/flaky", status(503), ok("fine"));
        stubSequence("/flakyStage", status(503), ok("staged"));
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        // the trial's answer comes late, so its outcome reaches the breaker from another thread
        wireMock.stubFor(any(urlPathEqualTo("/up")).willReturn(ok("up").withFixedDelay(200)));
        Path config = ResilienceYaml.create()
                .service("api", ResilienceYaml.FAST_RETRY,
                        "circuitBreaker: { failureThreshold: 2, recoveryTimeout: 2s, successThreshold: 1 }")
                .method(CLIENT + "*", "api")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(AsyncApp.class, baseUrl(), "tracked /flaky", "stage /flakyStage", "fetch /down",
                        "fetch /down", "tracked /down", "stage /down", "jmx api", "sleep 2300", "fetch /up")
                .run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult tracked = run.call(1);
        assertThat(tracked.value()).as(run::describe).isEqualTo("fine");
        assertThat(tracked.attempts()).isEqualTo(2);
        assertThat(tracked.get("type")).as("a retried call's future is of the declared subclass%n%s", run.describe())
                .isEqualTo("com.example.async.TrackedFuture");
        assertThat(run.call(2).value()).as("declared CompletionStage%n%s", run.describe()).isEqualTo("staged");
        assertThat(run.call(2).attempts()).isEqualTo(2);

        CallResult openedMidCall = run.call(3);
        assertThat(openedMidCall.causes()).as("the second failure opens the breaker: the retry is rejected, with the last "
                + "failure as the rejection's cause%n%s", run.describe())
                .isEqualTo(OPEN_EXCEPTION + "(Circuit_breaker_open_for_api)>" + UPSTREAM + "(HTTP_503_for_/down)");
        assertThat(openedMidCall.attempts()).isEqualTo(2);
        assertThat(run.agentLog()).as(run::describe).contains("ERROR Circuit breaker for api: CLOSED -> OPEN (failures: 2)");
        for (int call = 4; call <= 6; call++) {
            CallResult rejected = run.call(call);
            assertThat(rejected.get("threw")).as("call %d: the method returns a future, it does not throw%n%s", call, run.describe())
                    .isEqualTo("false");
            assertThat(rejected.exceptionClass()).as("call %d%n%s", call, run.describe()).isEqualTo(EXECUTION_EXCEPTION);
            assertThat(rejected.causes()).as("call %d%n%s", call, run.describe()).isEqualTo(OPEN_EXCEPTION + "(Circuit_breaker_open_for_api)");
            assertThat(rejected.attempts()).as("call %d: the body did not run%n%s", call, run.describe()).isZero();
        }
        assertThat(run.call(5).get("type")).as("a rejection's future is of the declared subclass too%n%s", run.describe())
                .isEqualTo("com.example.async.TrackedFuture");
        assertThat(requests("/down")).as("the rejected attempts sent nothing").isEqualTo(2);
        CallResult jmx = run.call(7);
        assertThat(jmx.get("TotalCalls")).as("2 + 2 + 3 attempts, 3 calls rejected%n%s", run.describe()).isEqualTo("10");
        assertThat(jmx.get("TotalRetries")).as(run::describe).isEqualTo("4");
        assertThat(jmx.get("TotalFailures")).as(run::describe).isEqualTo("4");
        assertThat(jmx.get("TotalRejected")).as(run::describe).isEqualTo("4");

        CallResult trial = run.call(8);
        assertThat(trial.value()).as("the trial call after the recovery timeout%n%s", run.describe()).isEqualTo("up");
        assertThat(run.agentLog()).as(run::describe).containsSubsequence(
                "ERROR Circuit breaker for api: CLOSED -> OPEN (failures: 2)",
                "INFO  Circuit breaker for api: OPEN -> HALF_OPEN",
                "INFO  Circuit breaker for api: HALF_OPEN -> CLOSED");
    }

    @JdkTest
    void cancellingTheCallersFutureCancelsTheAttemptInFlightAndStopsTheRetries(Jdk jdk) {
        // the second answer comes late: the caller cancels while it is in flight; it is a 503, which would be retried
        stubSequence("/cancel", status(503), status(503).withFixedDelay(1_500), ok("too late"));
        Path config = ResilienceYaml.create()
                .service("api", "retry: { maxAttempts: 5, minWait: 50ms, maxWait: 50ms }", ResilienceYaml.LENIENT_BREAKER)
                .method(CLIENT + "fetch", "api")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(AsyncApp.class, baseUrl(), "cancel /cancel", "jmx api").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult cancelled = run.call(1);
        assertThat(cancelled.value()).as(run::describe).isEqualTo("cancelled");
        assertThat(cancelled.get("callerCancelled")).isEqualTo("true");
        assertThat(cancelled.get("inFlightCancelled")).as("the agent cancelled the future of the attempt in flight%n%s", run.describe())
                .isEqualTo("true");
        assertThat(cancelled.get("runsAfterGrace")).as("no attempt after the cancellation%n%s", run.describe()).isEqualTo("2");
        assertThat(requests("/cancel")).as("the server saw no request after the cancellation%n%s", run.describe()).isEqualTo(2);
        CallResult jmx = run.call(2);
        assertThat(jmx.get("TotalCalls")).as(run::describe).isEqualTo("2");
        assertThat(jmx.get("TotalFailures")).as("the cancelled attempt is no failure%n%s", run.describe()).isEqualTo("1");
    }

    /** Fails until {@code retry.attemptTimeout} is in the config: the agent refuses the key as unknown. */
    @JdkTest
    void anAttemptThatOutlivesTheAttemptTimeoutIsCancelledAndTheNextAttemptFollows(Jdk jdk) {
        stubSequence("/slow", ok("late").withFixedDelay(5_000), ok("in time"));
        wireMock.stubFor(any(urlPathEqualTo("/syncSlow")).willReturn(ok().withFixedDelay(1_000)));
        Path config = ResilienceYaml.create()
                .service("timed", "retry: { maxAttempts: 3, minWait: 50ms, maxWait: 50ms, attemptTimeout: 500ms }",
                        ResilienceYaml.LENIENT_BREAKER)
                .method(CLIENT + "fetch", "timed")
                .method("com.example.async.SyncClient.get", "timed")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(AsyncApp.class, baseUrl(), "fetch /slow", "sync /syncSlow").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult timedOut = run.call(1);
        assertThat(timedOut.value()).as("the first attempt timed out, the second answered%n%s", run.describe()).isEqualTo("in_time");
        assertThat(timedOut.attempts()).isEqualTo(2);
        assertThat(timedOut.get("cancelled")).as("the timed-out attempt's future was cancelled%n%s", run.describe())
                .isEqualTo("true,false");
        assertThat(requests("/slow")).isEqualTo(2);
        assertThat(run.agentLog()).as(run::describe)
                .anyMatch(line -> line.startsWith("WARN  Retrying AsyncClient.fetch after java.util.concurrent.TimeoutException")
                        && line.endsWith("(attempt 2/3)"));
        CallResult sync = run.call(2);
        assertThat(sync.value()).as("the key does not apply to a synchronous method%n%s", run.describe()).isEqualTo("200");
        assertThat(sync.attempts()).isEqualTo(1);
        assertThat(run.agentLog()).as("one WARN line at weave time names the synchronous method%n%s", run.describe())
                .filteredOn(line -> line.startsWith("WARN ") && !line.startsWith("WARN  Retrying ") && line.contains("attemptTimeout"))
                .singleElement().asString()
                .contains("SyncClient.get");
    }

    @JdkTest
    void fourHundredConcurrentCallsAddUpExactlyInTheCountersAndAtTheServer(Jdk jdk) {
        wireMock.stubFor(any(urlPathEqualTo("/first")).willReturn(status(503)));
        wireMock.stubFor(any(urlPathEqualTo("/again")).willReturn(ok("fine")));
        Path config = ResilienceYaml.create()
                .service("many", "retry: { maxAttempts: 3, minWait: 20ms, maxWait: 20ms }",
                        "circuitBreaker: { failureThreshold: 100000 }")
                .method(CLIENT + "firstFails", "many")
                .writeTo(dir);
        int threads = 8;
        int perThread = 50;
        int calls = threads * perThread;

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .main(AsyncApp.class, baseUrl(), "hammer " + threads + " " + perThread, "jmx many").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult hammer = run.call(1);
        assertThat(hammer.get("calls")).as(run::describe).isEqualTo(String.valueOf(calls));
        assertThat(hammer.get("ok")).as("every call succeeded on its retry (first failure: %s)%n%s",
                hammer.get("firstFailure"), run.describe()).isEqualTo(String.valueOf(calls));
        assertThat(requests("/first")).as("one failed first attempt per call").isEqualTo(calls);
        assertThat(requests("/again")).as("one retry per call").isEqualTo(calls);
        CallResult jmx = run.call(2);
        assertThat(jmx.get("TotalCalls")).as(run::describe).isEqualTo(String.valueOf(2 * calls));
        assertThat(jmx.get("TotalRetries")).as(run::describe).isEqualTo(String.valueOf(calls));
        assertThat(jmx.get("TotalFailures")).as(run::describe).isEqualTo(String.valueOf(calls));
        assertThat(jmx.get("TotalRejected")).as(run::describe).isEqualTo("0");
        assertThat(run.logLinesContaining("WARN  Retrying AsyncClient.firstFails after ")).as(run::describe).hasSize(calls);
        assertThat(run.stderr()).as(run::describe).doesNotContain("internal error").doesNotContain("Exception in thread");
    }

    @JdkTest
    void theAnthropicSdksAsyncClientIsRetriedWithItsOwnRetriesOff(Jdk jdk) {
        stubSequence("/overloaded/v1/messages", status(529).withBody(error("overloaded_error")), okJson(MESSAGE));
        stubSequence("/retry503/v1/messages", status(503).withBody(error("api_error")), okJson(MESSAGE));
        wireMock.stubFor(any(urlPathEqualTo("/down/v1/messages")).willReturn(status(503).withBody(error("api_error"))));
        Path config = ResilienceYaml.create()
                .service("claude", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.anthropic.services.async.MessageServiceAsync.create", "claude")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(AnthropicSdkRecipeTest.SDK)
                .main(AsyncMessagesApp.class, baseUrl(), "create /overloaded", "create /retry503", "create /down").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call : new int[] {1, 2}) {
            assertThat(run.call(call).value()).as("call %d: retried to success%n%s", call, run.describe()).isEqualTo("msg_async");
            assertThat(run.call(call).attempts()).as("call %d: requests the SDK sent%n%s", call, run.describe()).isEqualTo(2);
        }
        assertThat(retryCounts("/overloaded/v1/messages")).as("both requests are first tries for the SDK: the agent retried")
                .containsExactly("0", "0");
        assertThat(retryCounts("/retry503/v1/messages")).containsExactly("0", "0");
        CallResult exhausted = run.call(3);
        assertThat(exhausted.exceptionClass()).as(run::describe).isEqualTo(EXECUTION_EXCEPTION);
        assertThat(exhausted.causes()).as("the SDK's own exception%n%s", run.describe())
                .startsWith("com.anthropic.errors.ServiceUnavailableException(");
        assertThat(exhausted.get("status")).isEqualTo("503");
        assertThat(requests("/down/v1/messages")).isEqualTo(3);
        assertThat(run.agentLog()).as(run::describe)
                .anyMatch(line -> line.startsWith("WARN  Retrying MessageServiceAsync.create after com.anthropic.errors.OverloadedException: 529")
                        && line.endsWith("(attempt 2/3)"))
                .noneMatch(line -> line.startsWith("WARN  Could not instrument"));
    }

    private static String error(String type) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"busy\"}}";
    }

    private List<String> retryCounts(String path) {
        return requestLog(path).stream().map(r -> r.getHeader("X-Stainless-Retry-Count")).toList();
    }
}
