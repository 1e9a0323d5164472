package io.resilienceagent.it.harness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario every client recipe (docs/recipes.md) runs with its real client in a child JVM under
 * the agent, and the checks on what the server, the caller and the agent's log saw. Under a path
 * prefix (so that two clients in one child do not share stubs):
 *
 * <ol>
 * <li>{@code /retry503}: 503 then success: retried with no {@code retryOn} in the config;
 * <li>{@code /retry429}: 429 with {@code Retry-After: 1} then success: the retry arrives 1.0 to 1.1 s
 * later, measured from WireMock's request log (the config's own wait would be 50 ms);
 * <li>{@code /reset}: the connection reset twice, then success;
 * <li>{@code /down}: always 503: three attempts, three failures, the breaker opens;
 * <li>{@code /down} again: rejected, the request never reaches the server;
 * <li>after the recovery timeout (a sleep, the one sleep a scenario has), {@code /up}: one good call
 * closes the breaker.
 * </ol>
 */
public abstract class RecipeTestBase extends WireMockTestBase {
    public static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";
    /** Three attempts; waits of 50 then 100 ms unless the server asks for more (up to 2 s); no {@code retryOn}. */
    public static final String RETRY = "retry: { maxAttempts: 3, minWait: 50ms, maxWait: 2s, multiplier: 0.05 }";
    /** Opens on the third consecutive failure (one call's three attempts); one good call after 1 s closes it. */
    public static final String BREAKER = "circuitBreaker: { failureThreshold: 3, recoveryTimeout: 1s, successThreshold: 1 }";
    /** Past the 1 s recovery timeout, with a generous margin. */
    public static final String PAST_RECOVERY = "sleep 1400";
    /** How late a retry may arrive after the wait the server asked for. */
    public static final long RETRY_AFTER_TOLERANCE_MS = 100;

    public static final String RETRY_503 = "/retry503";
    public static final String RETRY_429 = "/retry429";
    public static final String RESET = "/reset";
    public static final String DOWN = "/down";
    public static final String UP = "/up";

    /** The path the server sees for a step's path (an SDK may append its own, {@code /v1/messages}). */
    protected String serverPath(String stepPath) {
        return stepPath;
    }

    /** The client's successful answer. */
    protected ResponseDefinitionBuilder success() {
        return ok("fine");
    }

    protected static ResponseDefinitionBuilder connectionReset() {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    protected static ResponseDefinitionBuilder tooManyRequests(String retryAfter) {
        return status(429).withHeader("Retry-After", retryAfter).withBody("slow down");
    }

    /** Stubs the scenario's paths under {@code prefix} (may be empty). */
    protected void stubScenario(String prefix) {
        stubSequence(serverPath(prefix + RETRY_503), status(503).withBody("busy"), success());
        stubSequence(serverPath(prefix + RETRY_429), tooManyRequests("1"), success());
        stubSequence(serverPath(prefix + RESET), connectionReset(), connectionReset(), success());
        wireMock.stubFor(any(urlPathEqualTo(serverPath(prefix + DOWN))).willReturn(status(503).withBody("down")));
        wireMock.stubFor(any(urlPathEqualTo(serverPath(prefix + UP))).willReturn(success()));
    }

    /** Calls 1 to 5 of the scenario, each {@code op PATH}. */
    protected static List<String> stepsBeforeRecovery(String op, String prefix) {
        List<String> steps = new ArrayList<>();
        for (String path : List.of(RETRY_503, RETRY_429, RESET, DOWN, DOWN)) {
            steps.add(op + " " + prefix + path);
        }
        return steps;
    }

    /** The call after {@link #PAST_RECOVERY} that closes the breaker. */
    protected static String recoveryStep(String op, String prefix) {
        return op + " " + prefix + UP;
    }

    /** The whole scenario for one client: calls 1 to 6. */
    protected static List<String> scenarioSteps(String op, String prefix) {
        List<String> steps = new ArrayList<>(stepsBeforeRecovery(op, prefix));
        steps.add(PAST_RECOVERY);
        steps.add(recoveryStep(op, prefix));
        return steps;
    }

    /** {@code first} then {@code steps}, as a {@code main} argument array. */
    protected static String[] args(String first, List<String> steps) {
        List<String> args = new ArrayList<>();
        args.add(first);
        args.addAll(steps);
        return args.toArray(String[]::new);
    }

    /** Requests the server received for a step's path. */
    protected int served(String stepPath) {
        return requests(serverPath(stepPath));
    }

    /** Milliseconds between consecutive requests for a step's path, by WireMock's log. */
    protected List<Long> gapsMs(String stepPath) {
        List<LoggedRequest> log = requestLog(serverPath(stepPath));
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < log.size(); i++) {
            gaps.add(log.get(i).getLoggedDate().getTime() - log.get(i - 1).getLoggedDate().getTime());
        }
        return gaps;
    }

    /** Call {@code call} succeeded after the server saw {@code requests} requests for {@code stepPath}. */
    protected void assertSucceededAfter(ChildResult run, int call, String stepPath, int requests) {
        assertThat(run.call(call).outcome()).as("call %d to %s%n%s", call, stepPath, run.describe()).isEqualTo("OK");
        assertThat(served(stepPath)).as("requests for %s%n%s", stepPath, run.describe()).isEqualTo(requests);
    }

    /** The retry after the 429 on {@code stepPath} came {@code waitMs} (plus up to the tolerance) after it. */
    protected void assertRetryCameAfter(ChildResult run, String stepPath, long waitMs) {
        List<Long> gaps = gapsMs(stepPath);
        assertThat(gaps).as("gaps between requests for %s: the server asked for %d ms%n%s", stepPath, waitMs, run.describe())
                .hasSize(1);
        assertThat(gaps.get(0)).as("the retry of %s came %d ms after the 429; the server asked for %d ms%n%s",
                stepPath, gaps.get(0), waitMs, run.describe()).isBetween(waitMs, waitMs + RETRY_AFTER_TOLERANCE_MS);
    }

    /**
     * Call {@code exhausted} made three failed requests to {@code stepPath} and opened the breaker;
     * the next call was rejected without a request; the server saw no more.
     */
    protected void assertOpenedThenRejected(ChildResult run, int exhausted, String stepPath, String service) {
        assertThat(run.agentLog()).as(run::describe).contains("ERROR Circuit breaker for " + service + ": CLOSED -> OPEN (failures: 3)");
        CallResult rejected = run.call(exhausted + 1);
        assertThat(rejected.exceptionClass()).as("call %d is rejected%n%s", exhausted + 1, run.describe()).isEqualTo(OPEN_EXCEPTION);
        assertThat(rejected.attempts()).as(run::describe).isZero();
        assertThat(served(stepPath)).as("the rejected call never reached the server%n%s", run.describe()).isEqualTo(3);
    }

    /** Call {@code call}, after the recovery timeout, succeeded and closed the breaker. */
    protected void assertRecovered(ChildResult run, int call, String service) {
        assertThat(run.call(call).outcome()).as("call %d after the recovery timeout%n%s", call, run.describe()).isEqualTo("OK");
        assertThat(run.agentLog()).as(run::describe).containsSubsequence(
                "ERROR Circuit breaker for " + service + ": CLOSED -> OPEN (failures: 3)",
                "INFO  Circuit breaker for " + service + ": OPEN -> HALF_OPEN",
                "INFO  Circuit breaker for " + service + ": HALF_OPEN -> CLOSED");
    }

    /** The JDK the control runs (without the agent) use: they show the client's own behaviour, not the agent's. */
    protected static Jdk controlJdk() {
        return Jdk.all().findFirst().orElseThrow();
    }
}
