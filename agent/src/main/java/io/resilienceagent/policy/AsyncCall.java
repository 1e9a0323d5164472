package io.resilienceagent.policy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.bootstrap.Replacement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * One call of an async method whose outcome was not known when the method returned: follows each
 * attempt's future, judges its outcome as a synchronous attempt's would be judged, and either completes
 * the caller's future or runs the method again after the backoff, on the agent's scheduler. One attempt
 * is in flight at a time; the state lives under this object's lock, and everything that can run
 * application code (completing the caller's future, classifying, cancelling) runs outside it. The call
 * is also the caller's future, or watches it ({@link CallerFuture}).
 */
final class AsyncCall extends CallerFuture implements BiConsumer<Object, Throwable> {
    private static final Object UNCLAIMED = new Object(); // what claim() returns when the attempt was settled already
    /** The method this is a call of (read by {@link ThreadCalls#takeRetry}). */
    final AsyncMethodGuard method;
    private final ServiceGuard service;
    private final ServicePolicy settings;
    // the application's objects, dropped (plain writes suffice) when the caller's future completes
    private Class<?> owner;
    private Object receiver;
    private Object[] arguments;
    private ClassLoader contextLoader; // the caller's, for the retries and timeouts run on the agent's threads
    // guarded by this, except for the first attempt's, written before the call is shared
    private int attempt = 1;
    private boolean settled;
    private boolean stopped;
    private Object permit;
    private CompletionStage<?> inFlight;
    private ScheduledFuture<?> timer;
    private int failedAttempts;
    private long previousWaitNanos;
    private Throwable lastFailure;

    /**
     * @param settings the service's settings the call started with, kept for all its attempts
     * @param declared the caller's future when it must be of a subclass; null to make this call the caller's future
     */
    AsyncCall(AsyncMethodGuard method, ServiceGuard service, ServicePolicy settings, Class<?> owner, Object receiver,
            Object[] arguments, CompletableFuture<Object> declared) {
        super(declared);
        this.method = method;
        this.service = service;
        this.settings = settings;
        this.owner = owner;
        this.receiver = receiver;
        this.arguments = arguments;
        this.contextLoader = Privileged.contextLoader();
    }

    /** The first attempt's future completed. */
    @Override
    public void accept(Object value, Throwable error) {
        settle(1, value, error);
    }

    /**
     * The first attempt threw a transient failure, already recorded, and the retry budget allowed its
     * retry (asked on the caller's thread, which gets the throw when it is denied); no other thread
     * knows the call yet.
     */
    void firstAttemptFailed(Throwable thrown) {
        settled = true;
        failedAttempts = 1;
        lastFailure = thrown;
        afterFailure(null, thrown, thrown, StatusReader.NO_STATUS, 1, 0, true);
    }

    /** Follows the first attempt's future; no other thread knows the call yet, unless a timer is set for it. */
    void followFirst(CompletionStage<?> future, Object attemptPermit) {
        if (settings.retry.attemptTimeoutNanos() > 0) {
            synchronized (this) { // a very short timeout may fire, and set the retry's timer, before this returns
                startAttempt(1, future, attemptPermit);
            }
        } else {
            startAttempt(1, future, attemptPermit);
        }
        future.whenComplete(this);
    }

    /** Follows attempt {@code number}'s future; its outcome settles the attempt. */
    private void follow(int number, CompletionStage<?> future, Object attemptPermit) {
        boolean wasStopped;
        synchronized (this) {
            wasStopped = stopped;
            if (!wasStopped) {
                startAttempt(number, future, attemptPermit);
            }
        }
        if (wasStopped) {
            Futures.cancelQuietly(future); // the permit went back when the call stopped
            return;
        }
        future.whenComplete((value, error) -> settle(number, value, error));
    }

    /** Attempt {@code number} is in flight with this future; guarded by this once the call is shared. */
    private void startAttempt(int number, CompletionStage<?> future, Object attemptPermit) {
        attempt = number;
        settled = false;
        permit = attemptPermit;
        inFlight = future;
        long timeout = settings.retry.attemptTimeoutNanos();
        if (timeout > 0) {
            timer = AsyncScheduler.schedule(() -> timedOut(number, future), timeout, contextLoader);
        }
    }

    /** On the agent's scheduler, entering the method to retry: asks the breaker for the attempt. */
    Object beginRetry(ThreadCalls calls) {
        synchronized (this) {
            if (stopped) {
                return new Replacement(callerFuture());
            }
        }
        service.countRetry(calls);
        Object attemptPermit = service.breaker().tryAcquire();
        if (attemptPermit == null) {
            failCaller(service.reject(owner, lastFailure(), settings));
            return new Replacement(callerFuture());
        }
        boolean wasStopped;
        synchronized (this) {
            wasStopped = stopped;
            if (!wasStopped) {
                attempt++;
                settled = false;
                permit = attemptPermit;
            }
        }
        if (wasStopped) { // stopped meanwhile: the body does not run, the permit goes back
            service.breaker().onIgnored(attemptPermit);
            return new Replacement(callerFuture());
        }
        CallFrame frame = calls.push(service.index(), attemptPermit, settings);
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
            try {
                follow(number, future, attemptPermit);
            } catch (RuntimeException | LinkageError | StackOverflowError cannotFollow) {
                settle(number, null, cannotFollow); // an application's stage that refuses a listener fails the attempt
            }
        } else {
            settle(number, returned, thrown);
        }
    }

    /** Settles attempt {@code number} on this outcome, unless it is settled already. */
    private void settle(int number, Object value, Throwable error) {
        Object attemptPermit = claim(number);
        if (attemptPermit != UNCLAIMED) {
            judge(value, error, attemptPermit);
        } else if (error == null) {
            FailedValues.release(value); // came after its attempt timed out or the caller gave up: no one gets it
        }
    }

    /** Marks attempt {@code number} settled; its permit, or {@link #UNCLAIMED} if it was settled or the call stopped. */
    private synchronized Object claim(int number) {
        if (stopped || number != attempt || settled) {
            return UNCLAIMED;
        }
        settled = true;
        Object attemptPermit = permit;
        permit = null;
        inFlight = null;
        cancelTimer();
        return attemptPermit;
    }

    /** The attempt's future is cancelled before its failure is judged, so before any next attempt starts. */
    private void timedOut(int number, CompletionStage<?> future) {
        Object attemptPermit = claim(number);
        if (attemptPermit != UNCLAIMED) {
            Futures.cancelQuietly(future); // its completion finds the attempt settled
            judge(null, new TimeoutException("attempt " + number + " did not complete within the attempt timeout"), attemptPermit);
        }
    }

    /** Success, a failure not to retry, or a transient failure: as a synchronous attempt's outcome is judged. */
    private void judge(Object value, Throwable error, Object attemptPermit) {
        Throwable failure = Futures.unwrapped(error);
        int status = StatusReader.NO_STATUS;
        try {
            if (error == null) {
                status = settings.retry.classifier().statusReader().statusOf(value);
                if (!settings.retry.classifier().isFailingStatus(status)) {
                    service.breaker().onSuccess(attemptPermit);
                    completeCaller(value);
                    return;
                }
            } else if (failure instanceof CircuitBreakerOpenException || !settings.retry.classifier().isTransient(failure)) {
                service.breaker().onIgnored(attemptPermit);
                failCaller(error);
                return;
            }
        } catch (RuntimeException | LinkageError | StackOverflowError cannotJudge) {
            service.breaker().onIgnored(attemptPermit);
            finish(value, error);
            return;
        }
        service.counters().failures.increment();
        service.breaker().onFailure(attemptPermit);
        int failed;
        long previous;
        synchronized (this) {
            failed = ++failedAttempts;
            previous = previousWaitNanos;
            lastFailure = failure != null ? failure : lastFailure;
        }
        afterFailure(value, error, failure, status, failed, previous, false);
    }

    /**
     * After the {@code failed}-th transient failure: retry after the backoff, or give the caller that
     * failure. {@code budgetAllowed}: the retry budget has allowed this retry already.
     */
    private void afterFailure(Object value, Throwable error, Throwable failure, int status, int failed, long previous,
            boolean budgetAllowed) {
        if (!method.retryable() || failed >= settings.retry.maxAttempts() || !budgetAllowed && !service.budgetAllowsRetry(settings)) {
            finish(value, error);
            return;
        }
        long wait = settings.retry.waitNanos(failed, previous, value, failure, service.timing().clock().currentTimeMillis());
        if (service.breaker().nanosUntilAdmission() > wait) {
            service.countRetry(ThreadCalls.current());
            FailedValues.release(value);
            failCaller(service.reject(owner, failure, settings));
            return;
        }
        service.log().retrying(method.method(), failure, status, failed + 1, settings.retry.maxAttempts());
        FailedValues.release(value);
        synchronized (this) {
            if (stopped) {
                return;
            }
            previousWaitNanos = wait;
            timer = AsyncScheduler.schedule(this::retryNow, wait, contextLoader);
        }
    }

    /** On the agent's scheduler, after the backoff: runs the method again, as this call's next attempt. */
    private void retryNow() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            timer = null;
        }
        if (!method.runAgain(this, owner, receiver, arguments)) {
            Throwable last = lastFailure();
            failCaller(last != null ? last : new IllegalStateException("the retry could not run"));
        }
    }

    /** The caller's future completed without the agent: no further attempt, and the one in flight is cancelled. */
    @Override
    void stop() {
        Object attemptPermit;
        CompletionStage<?> future;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            cancelTimer();
            attemptPermit = permit;
            permit = null;
            future = inFlight;
            inFlight = null;
        }
        if (attemptPermit != null) {
            service.breaker().onIgnored(attemptPermit);
        }
        Futures.cancelQuietly(future);
        ended();
    }

    @Override
    void ended() {
        owner = null;
        receiver = null;
        arguments = null;
        contextLoader = null;
        lastFailure = null;
    }

    private synchronized Throwable lastFailure() {
        return lastFailure;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
