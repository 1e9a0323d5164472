package io.resilienceagent.bench.jmh;

import com.example.bench.subject.Reply;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A successful async call through a CLOSED breaker whose future has already succeeded when the method
 * returns (a cache hit, a client answering from memory): the method returns one shared, completed
 * {@code CompletableFuture<Reply>}, and the caller reads it with {@code getNow}. The agent can judge the
 * outcome before the method returns and hand back that very future; resilience4j and Failsafe always
 * build futures of their own. {@code agent} runs only in a fork started with {@code -javaagent}, the others
 * only in forks without it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AsyncDoneBenchmark {

    @Benchmark
    public Reply baseline(AsyncStates.Direct s) {
        return AsyncChecks.completedAtOnce(s.service.done(s.arg).getNow(null), "baseline");
    }

    @Benchmark
    public Reply agent(AsyncStates.Agent s) {
        return AsyncChecks.completedAtOnce(s.service.done(s.arg).getNow(null), "agent");
    }

    @Benchmark
    public Reply resilience4j(AsyncStates.Resilience4jDone s) {
        return AsyncChecks.completedAtOnce(s.decorated.get().toCompletableFuture().getNow(null), "resilience4j");
    }

    @Benchmark
    public Reply failsafe(AsyncStates.FailsafeDone s) {
        return AsyncChecks.completedAtOnce(s.executor.getStageAsync(s.body).getNow(null), "failsafe");
    }
}
