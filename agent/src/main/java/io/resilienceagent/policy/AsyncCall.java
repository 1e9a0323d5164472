package io.resilienceagent.policy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.bootstrap.Replacement;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

/**
 * One call of an async method whose outcome was not known when the method returned: follows each
 * attempt's future, judges its outcome as a synchronous attempt's would be judged, and either completes
 * the caller's future or runs the method again after the backoff, on the agent's scheduler. One attempt
 * is in flight at a time; the state lives under this object's lock, and everything that can run
 * application code (completing the caller's future, classifying, cancelling) runs outside it.
 */
final class AsyncCall {
    private final AsyncMethodGuard method;
    private final ServiceGuard service;
    private final ServicePolicy settings;
    private final RetryPolicy policy;
    private final Class<?> owner;
    private final Object receiver;
    private final Object[] arguments;
    private final CompletableFuture<Object> caller;

    // guarded by this
    private int attempt = 1;
    private boolean settled;
    private boolean cancelled;
    private Object permit;
    private CompletionStage<?> inFlight;
    private ScheduledFuture<?> timer;
    private int failedAttempts;
    private long previousWaitNanos;
    private Throwable lastFailure;

    /** @param settings the service's settings the call started with, kept for all its attempts */
    AsyncCall(AsyncMethodGuard method, ServiceGuard service, ServicePolicy settings, Class<?> owner, Object receiver,
            Object[] arguments, CompletableFuture<Object> caller) {
        this.method = method;
        this.service = service;
        this.settings = settings;
        this.policy = settings.retry;
        this.owner = owner;
        this.receiver = receiver;
        this.arguments = arguments;
        this.caller = caller;
        caller.whenComplete((value, error) -> {
            if (error instanceof CancellationException) {
                cancel();
            }
        });
    }

    AsyncMethodGuard method() {
        return method;
    }

    /** The first attempt threw a transient failure, already recorded by the breaker. */
    void firstAttemptFailed(Throwable thrown) {
        synchronized (this) {
            settled = true;
            failedAttempts = 1;
            lastFailure = thrown;
        }
        afterFailure(null, thrown, thrown, StatusReader.NO_STATUS);
    }

    /** Follows attempt {@code number}'s future; its outcome settles the attempt. */
    void follow(int number, CompletionStage<?> future, Object attemptPermit) {
        synchronized (this) {
            if (cancelled) {
                cancelQuietly(future);
                return;
            }
            attempt = number;
            settled = false;
            permit = attemptPermit;
            inFlight = future;
            long timeout = policy.attemptTimeoutNanos();
            if (timeout > 0) {
                timer = AsyncScheduler.schedule(() -> timedOut(number), timeout);
            }
        }
        future.whenComplete((value, error) -> settle(number, value, error));
    }

    /** On the agent's scheduler, entering the method to retry: asks the breaker for the attempt. */
    Object beginRetry(ThreadCalls calls) {
        Object attemptPermit = service.breaker().tryAcquire();
        if (attemptPermit == null) {
            Throwable rejection;
            synchronized (this) {
                rejection = lastFailure;
            }
            caller.completeExceptionally(service.reject(owner, rejection));
            return new Replacement(caller);
        }
        synchronized (this) {
            attempt++;
            settled = false;
            permit = attemptPermit;
        }
        CallFrame frame = calls.push(service.index(), attemptPermit == service.breaker().closedPermit() ? null : attemptPermit,
                settings.version);
        frame.asyncCall = this;
        return frame;
    }

    /** The retried method's body returned (or threw): follow its future, or settle on what it threw. */
    void retryRan(Object returned, Throwable thrown) {
        int number;
        Object attemptPermit;
        synchronized (this) {
            number = attempt;
            attemptPermit = permit;
        }
        if (thrown == null && returned instanceof CompletionStage<?> future) {
            follow(number, future, attemptPermit);
        } else {
            settle(number, returned, thrown);
        }
    }

    private void settle(int number, Object value, Throwable error) {
        Object attemptPermit;
        synchronized (this) {
            if (cancelled || number != attempt || settled) {
                return;
            }
            settled = true;
            attemptPermit = permit;
            permit = null;
            inFlight = null;
            cancelTimer();
        }
        judge(value, error, attemptPermit);
    }

    private void timedOut(int number) {
        Object attemptPermit;
        CompletionStage<?> future;
        synchronized (this) {
            if (cancelled || number != attempt || settled) {
                return;
            }
            settled = true;
            attemptPermit = permit;
            permit = null;
            future = inFlight;
            inFlight = null;
            timer = null;
        }
        judge(null, new TimeoutException("attempt " + number + " did not complete within the attempt timeout"), attemptPermit);
        cancelQuietly(future);
    }

    /** Success, a failure not to retry, or a transient failure: as a synchronous attempt's outcome is judged. */
    private void judge(Object value, Throwable error, Object attemptPermit) {
        Throwable failure = unwrapped(error);
        int status = StatusReader.NO_STATUS;
        try {
            if (error == null) {
                status = policy.classifier().statusReader().statusOf(value);
                if (!policy.classifier().isFailingStatus(status)) {
                    service.breaker().onSuccess(attemptPermit);
                    caller.complete(value);
                    return;
                }
            } else if (failure instanceof CircuitBreakerOpenException || !policy.classifier().isTransient(failure)) {
                service.breaker().onIgnored(attemptPermit);
                caller.completeExceptionally(error);
                return;
            }
        } catch (RuntimeException | LinkageError | StackOverflowError cannotJudge) {
            service.breaker().onIgnored(attemptPermit);
            finish(value, error);
            return;
        }
        service.counters().failures.increment();
        service.breaker().onFailure(attemptPermit);
        synchronized (this) {
            failedAttempts++;
            if (failure != null) {
                lastFailure = failure;
            }
        }
        afterFailure(value, error, failure, status);
    }

    /** After a transient failure: retry after the backoff, or give the caller that failure. */
    private void afterFailure(Object value, Throwable error, Throwable failure, int status) {
        int failed;
        long previous;
        synchronized (this) {
            failed = failedAttempts;
            previous = previousWaitNanos;
        }
        if (!method.retryable() || failed >= policy.maxAttempts() || !service.budgetAllowsRetry(settings)) {
            finish(value, error);
            return;
        }
        long wait = policy.waitNanos(failed, previous, value, failure, service.timing().clock().currentTimeMillis());
        service.countRetry(ThreadCalls.current());
        if (service.breaker().nanosUntilAdmission() > wait) {
            FailedValues.release(value);
            caller.completeExceptionally(service.reject(owner, failure));
            return;
        }
        service.log().retrying(method.method(), failure, status, failed + 1, policy.maxAttempts());
        FailedValues.release(value);
        synchronized (this) {
            if (cancelled) {
                return;
            }
            previousWaitNanos = wait;
            timer = AsyncScheduler.schedule(this::retryNow, wait);
        }
    }

    /** On the agent's scheduler, after the backoff: runs the method again, as this call's next attempt. */
    private void retryNow() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            timer = null;
        }
        ThreadCalls calls = ThreadCalls.current();
        calls.expectRetry(this);
        try {
            method.invoker().invoke(owner, receiver, arguments);
        } catch (Throwable thrown) {
            // what the body threw was settled on the way out; anything else means the method was not run
        } finally {
            if (calls.takeRetry(method) != null) {
                Throwable last;
                synchronized (this) {
                    last = lastFailure;
                }
                caller.completeExceptionally(last != null ? last : new IllegalStateException("the retry could not run"));
            }
        }
    }

    /** The caller cancelled its future: no further attempt, and the one in flight is cancelled. */
    private void cancel() {
        Object attemptPermit;
        CompletionStage<?> future;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            cancelTimer();
            attemptPermit = permit;
            permit = null;
            future = inFlight;
            inFlight = null;
        }
        if (attemptPermit != null) {
            service.breaker().onIgnored(attemptPermit);
        }
        cancelQuietly(future);
    }

    /** Completes the caller's future exactly as the last attempt's future completed, with no wrapper of the agent's. */
    private void finish(Object value, Throwable error) {
        if (error != null) {
            caller.completeExceptionally(error);
        } else {
            caller.complete(value);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static void cancelQuietly(CompletionStage<?> future) {
        if (future instanceof Future<?> cancellable) {
            try {
                cancellable.cancel(true);
            } catch (RuntimeException ignored) {
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
