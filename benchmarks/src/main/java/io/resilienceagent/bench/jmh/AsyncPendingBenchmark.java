package io.resilienceagent.bench.jmh;

import com.example.bench.subject.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A successful async call through a CLOSED breaker whose future completes after the method returned, as
 * a real asynchronous request does: the method returns a new, incomplete {@code CompletableFuture<Reply>};
 * the benchmark completes it right after the call, then reads the caller's future with {@code getNow}.
 * The agent cannot judge the outcome before returning, so it takes its slow path: the caller gets a future
 * of its own, completed when the attempt's completes (here at once, on the benchmark's thread). The
 * baseline's cost includes the new future and completing it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AsyncPendingBenchmark {

    @Benchmark
    public Reply baseline(AsyncStates.DirectPending s) {
        CompletableFuture<Reply> caller = s.service.pending(s.slot);
        s.slot.future.complete(AsyncStates.REPLY);
        return AsyncChecks.completedAtOnce(caller.getNow(null), "baseline");
    }

    @Benchmark
    public Reply agent(AsyncStates.AgentPending s) {
        CompletableFuture<Reply> caller = s.service.pending(s.slot);
        s.slot.future.complete(AsyncStates.REPLY);
        return AsyncChecks.completedAtOnce(caller.getNow(null), "agent");
    }

    /**
     * Not a tool: the least that anything following the attempt's future with the public
     * {@code CompletableFuture} API pays, and so the floor under the agent's slow path. A future of its own
     * for the caller, completed from {@code whenComplete} on the attempt's; no judging, no breaker, no copy
     * of the arguments for a retry.
     */
    @Benchmark
    public Reply publicApiFloor(AsyncStates.DirectPending s) {
        CompletableFuture<Reply> attempt = s.service.pending(s.slot);
        Follower caller = new Follower();
        attempt.whenComplete(caller);
        s.slot.future.complete(AsyncStates.REPLY);
        return AsyncChecks.completedAtOnce(caller.getNow(null), "publicApiFloor");
    }

    /** The caller's future of {@link #publicApiFloor}, completing itself as the attempt's future completes. */
    static final class Follower extends CompletableFuture<Reply> implements BiConsumer<Reply, Throwable> {
        @Override
        public void accept(Reply value, Throwable error) {
            if (error == null) {
                complete(value);
            } else {
                completeExceptionally(error);
            }
        }
    }

    @Benchmark
    public Reply resilience4j(AsyncStates.Resilience4jPending s) {
        CompletionStage<Reply> caller = s.decorated.get();
        s.slot.future.complete(AsyncStates.REPLY);
        return AsyncChecks.completedAtOnce(caller.toCompletableFuture().getNow(null), "resilience4j");
    }

    @Benchmark
    public Reply failsafe(AsyncStates.FailsafePending s) {
        CompletableFuture<Reply> caller = s.executor.getStageAsync(s.body);
        s.slot.future.complete(AsyncStates.REPLY);
        return AsyncChecks.completedAtOnce(caller.getNow(null), "failsafe");
    }
}
