package io.resilienceagent.bench.jmh;

import com.example.bench.subject.AsyncService;
import com.example.bench.subject.PlainAsyncService;
import com.example.bench.subject.Reply;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Set-up checks of the async benchmarks: the agent fork really runs instrumented code (a failed future is
 * retried), each library decoration retries too, and every variant completes the caller's future at once
 * when the attempt's future completes, so that a benchmark can read the outcome with {@code getNow}.
 */
final class AsyncChecks {
    private AsyncChecks() {
    }

    /** A first attempt whose future fails must be retried (on the agent's scheduler); without the agent it fails. */
    static void assertRetried(AsyncService service) {
        service.failNextCall();
        try {
            service.done(1).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("AsyncService.done is not instrumented: run the agent benchmarks with "
                    + "-javaagent (use BenchmarkMain, not the JMH main class)", e);
        }
    }

    /** The same check for a library decoration of {@link PlainAsyncService#done}. */
    static void assertRetried(PlainAsyncService service, Supplier<? extends CompletionStage<Reply>> decorated) {
        service.failNextCall();
        try {
            decorated.get().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("the decoration did not retry a failed future", e);
        }
    }

    /** {@code reply}, read with {@code getNow} right after the attempt's future completed, must be there. */
    static Reply completedAtOnce(Reply reply, String variant) {
        if (reply == null) {
            throw new IllegalStateException(variant + ": the caller's future did not complete when the attempt's did");
        }
        return reply;
    }
}
