package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.grpc.GrpcRecipeApp;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.RecipeTestBase;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC (grpc-java 1.85, Netty, a blocking unary call): a failed call throws {@code StatusRuntimeException},
 * whose status the agent reads as the HTTP status of its code, so that {@code retryOnStatus} decides:
 * {@code UNAVAILABLE} (503) and {@code RESOURCE_EXHAUSTED} (429) are retried, {@code NOT_FOUND} (404) is
 * not; a server that stays {@code UNAVAILABLE} opens the breaker.
 */
class GrpcRecipeTest {
    static final String[] GRPC = {"grpc-", "guava-", "failureaccess-", "perfmark-", "error_prone_annotations-"};
    private static final String STATUS_EXCEPTION = "io.grpc.StatusRuntimeException";

    @TempDir
    Path dir;

    @JdkTest
    void unavailableAndResourceExhaustedAreRetriedNotFoundIsNotAndAnOutageOpensTheBreaker(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("grpc", RecipeTestBase.RETRY, RecipeTestBase.BREAKER)
                .method("com.example.grpc.GrpcFetcher.fetch", "grpc")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(GRPC)
                .main(GrpcRecipeApp.class, "fetch unavailable", "fetch exhausted", "fetch notfound", "fetch down", "fetch down",
                        RecipeTestBase.PAST_RECOVERY, "fetch up")
                .run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (int call : new int[] {1, 2}) {
            CallResult retried = run.call(call);
            assertThat(retried.outcome()).as("call %d%n%s", call, run.describe()).isEqualTo("OK");
            assertThat(retried.attempts()).isEqualTo(2);
            assertThat(retried.get("served")).isEqualTo("2");
        }
        CallResult notFound = run.call(3);
        assertThat(notFound.exceptionClass()).as(run::describe).isEqualTo(STATUS_EXCEPTION);
        assertThat(notFound.attempts()).as("404 is not in retryOnStatus%n%s", run.describe()).isEqualTo(1);
        CallResult down = run.call(4);
        assertThat(down.exceptionClass()).as("the last attempt's own exception%n%s", run.describe()).isEqualTo(STATUS_EXCEPTION);
        assertThat(down.attempts()).isEqualTo(3);
        assertThat(run.agentLog()).as(run::describe).contains("ERROR Circuit breaker for grpc: CLOSED -> OPEN (failures: 3)");
        assertThat(run.call(5).exceptionClass()).as(run::describe).isEqualTo(RecipeTestBase.OPEN_EXCEPTION);
        assertThat(run.call(5).get("served")).as("the rejected call never reached the server").isEqualTo("3");
        assertThat(run.call(6).outcome()).as(run::describe).isEqualTo("OK");
        assertThat(run.agentLog()).as(run::describe).contains(
                "WARN  Retrying GrpcFetcher.fetch after io.grpc.StatusRuntimeException: UNAVAILABLE: restarting (attempt 2/3)",
                "WARN  Retrying GrpcFetcher.fetch after io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: slow down (attempt 2/3)",
                "INFO  Circuit breaker for grpc: HALF_OPEN -> CLOSED");
    }

    @Test
    void withoutTheAgentUnavailableIsThrownAtOnce() {
        ChildResult run = ChildJvm.on(Jdk.all().findFirst().orElseThrow()).withoutAgent().withLibraries(GRPC)
                .main(GrpcRecipeApp.class, "fetch unavailable").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).exceptionClass()).as(run::describe).isEqualTo(STATUS_EXCEPTION);
        assertThat(run.call(1).get("served")).isEqualTo("1");
    }
}
