package io.resilienceagent.policy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What the engine must mind about futures an application made. */
final class Futures {
    /**
     * What {@code minimalCompletionStage()} returns: a {@code CompletableFuture} subclass whose
     * {@code isDone}, {@code getNow}, {@code complete} and the like throw {@code UnsupportedOperationException}.
     */
    static final Class<?> MINIMAL_STAGE = CompletableFuture.completedStage(null).getClass();

    private Futures() {
    }

    /** Cancels {@code future} if it can be cancelled; a future that refuses is left as it is. */
    static void cancelQuietly(CompletionStage<?> future) {
        if (future instanceof Future<?> cancellable) {
            try {
                cancellable.cancel(true);
            } catch (RuntimeException refused) {
                // an application future that refuses to be cancelled
            }
        }
    }

    /** What a future failed with, without the {@code CompletionException} or {@code ExecutionException} around it. */
    static Throwable unwrapped(Throwable error) {
        Throwable t = error;
        for (int depth = 0; (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                && depth < FailureClassifier.MAX_CAUSE_DEPTH; depth++) {
            t = t.getCause();
        }
        return t;
    }
}
