package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP statuses: a returned {@code HttpResponse} (or a thrown exception with {@code statusCode()}) whose
 * status is in the default {@code retryOnStatus} ([408, 429, 500-599]) is retried; other statuses are
 * returned at once; when the attempts run out the caller gets the last response; Retry-After sets the wait.
 */
class StatusRetryTest extends WireMockTestBase {

    @TempDir
    Path dir;

    private Path config() {
        // maxWait 2s leaves room for "Retry-After: 1"; the backoff curve itself stays at 50 ms, 100 ms.
        return ResilienceYaml.create()
                .service("api", "retry: { maxAttempts: 3, minWait: 50ms, maxWait: 2s, multiplier: 0.05 }",
                        ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.ApiClient.get", "api")
                .method("com.example.app.ApiClient.getOrThrow", "api")
                .writeTo(dir);
    }

    @JdkTest
    void retryableStatusesAreRetriedAndOthersAreNot(Jdk jdk) {
        int[] retryable = {500, 503, 429, 408};
        int[] final4xx = {400, 404};
        for (int s : retryable) {
            stubSequence("/status/" + s, status(s), ok("fine"));
        }
        for (int s : final4xx) {
            stubSequence("/status/" + s, status(s), ok("fine"));
        }
        stubSequence("/always-503", status(503));
        stubSequence("/throwing/503", status(503), ok("fine"));
        stubSequence("/throwing/404", status(404), ok("fine"));

        ChildResult run = ChildJvm.on(jdk).withConfig(config()).app(baseUrl(),
                "get /status/500", "get /status/503", "get /status/429", "get /status/408",
                "get /status/400", "get /status/404",
                "get /always-503",
                "throwing /throwing/503", "throwing /throwing/404").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        SoftAssertions soft = new SoftAssertions();
        int call = 0;
        for (int s : retryable) {
            CallResult r = run.call(++call);
            soft.assertThat(r.outcome()).as("%d then 200: %s%n%s", s, r, run.describe()).isEqualTo("OK");
            soft.assertThat(r.value()).as("%d then 200: status the caller got", s).isEqualTo("200");
            soft.assertThat(r.attempts()).as("%d then 200: attempts", s).isEqualTo(2);
            soft.assertThat(requests("/status/" + s)).as("%d then 200: requests", s).isEqualTo(2);
            soft.assertThat(run.stderrLines()).as("%d: retry line%n%s", s, run.stderr())
                    .contains("WARN  Retrying ApiClient.get after HTTP " + s + " (attempt 2/3)");
        }
        for (int s : final4xx) {
            CallResult r = run.call(++call);
            soft.assertThat(r.value()).as("%d is returned as is: %s", s, r).isEqualTo(String.valueOf(s));
            soft.assertThat(r.attempts()).as("%d: attempts", s).isEqualTo(1);
            soft.assertThat(requests("/status/" + s)).as("%d: requests", s).isEqualTo(1);
            soft.assertThat(run.stderr()).as("%d is not retried", s).doesNotContain("after HTTP " + s);
        }

        CallResult exhausted = run.call(++call);
        soft.assertThat(exhausted.outcome()).as("503 to every attempt: the caller gets the last response: %s", exhausted)
                .isEqualTo("OK");
        soft.assertThat(exhausted.value()).isEqualTo("503");
        soft.assertThat(exhausted.attempts()).isEqualTo(3);
        soft.assertThat(requests("/always-503")).isEqualTo(3);
        soft.assertThat(run.stderrLines())
                .contains("WARN  Retrying ApiClient.get after HTTP 503 (attempt 3/3)");

        CallResult thrown503 = run.call(++call);
        soft.assertThat(thrown503.outcome()).as("exception with statusCode() 503: %s%n%s", thrown503, run.describe())
                .isEqualTo("OK");
        soft.assertThat(thrown503.attempts()).isEqualTo(2);
        soft.assertThat(requests("/throwing/503")).isEqualTo(2);
        soft.assertThat(run.stderrLines())
                .contains("WARN  Retrying ApiClient.getOrThrow after com.example.app.ApiStatusException: HTTP 503 (attempt 2/3)");

        CallResult thrown404 = run.call(++call);
        soft.assertThat(thrown404.exceptionClass()).as("exception with statusCode() 404: %s", thrown404)
                .isEqualTo("com.example.app.ApiStatusException");
        soft.assertThat(thrown404.message()).isEqualTo("HTTP 404");
        soft.assertThat(thrown404.attempts()).isEqualTo(1);
        soft.assertThat(requests("/throwing/404")).isEqualTo(1);

        soft.assertThat(run.logLinesContaining("Retrying")).as(run.stderr()).hasSize(4 + 2 + 1);
        soft.assertAll();
    }

    @JdkTest
    void retryAfterSetsTheWait(Jdk jdk) {
        stubSequence("/rate-limited", status(429).withHeader("Retry-After", "1"), ok("fine"));

        ChildResult run = ChildJvm.on(jdk).withConfig(config()).app(baseUrl(), "get /rate-limited").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult call = run.call(1);
        assertThat(call.outcome()).as(run::describe).isEqualTo("OK");
        assertThat(call.value()).isEqualTo("200");
        assertThat(call.attempts()).isEqualTo(2);
        List<LoggedRequest> requests = requestLog("/rate-limited");
        assertThat(requests).hasSize(2);
        long gapMs = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMs).as("Retry-After: 1 instead of the 50 ms backoff (gap between the two requests)")
                .isGreaterThanOrEqualTo(900);
        assertThat(call.elapsedMs()).as("capped well below maxWait plus slack").isLessThan(10_000);
        assertThat(run.stderrLines()).as(run::describe).contains("WARN  Retrying ApiClient.get after HTTP 429 (attempt 2/3)");
    }

    @JdkTest
    void retryAfterIsCappedAtMaxWait(Jdk jdk) {
        stubSequence("/rate-limited-long", aResponse().withStatus(503).withHeader("Retry-After", "120"), ok("fine"));
        Path capped = ResilienceYaml.create()
                .service("api", "retry: { maxAttempts: 2, minWait: 50ms, maxWait: 300ms, multiplier: 0.05 }",
                        ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.ApiClient.get", "api")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(capped).app(baseUrl(), "get /rate-limited-long").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult call = run.call(1);
        assertThat(call.value()).as(run::describe).isEqualTo("200");
        assertThat(call.attempts()).isEqualTo(2);
        List<LoggedRequest> requests = requestLog("/rate-limited-long");
        assertThat(requests).hasSize(2);
        long gapMs = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMs).as("Retry-After: 120 capped at maxWait 300ms").isGreaterThanOrEqualTo(250).isLessThan(30_000);
    }
}
