package io.resilienceagent.policy;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.ServiceSettings;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Protects one service: its breaker, retry policy, budget and counters, shared by every method mapped
 * to it and by all threads. Drives a call one attempt at a time ({@link #enter}, {@link #exit}), so that
 * woven code, which re-runs the method body in place of a loop around a call, can run it.
 *
 * <p>Retry wraps the breaker: every attempt asks the breaker first, and a retry that the breaker would
 * refuse even after the wait is refused at once instead of after sleeping. New settings
 * ({@link #reconfigure}) apply to calls that start afterwards; the breaker keeps its state and counts.
 */
public final class ServiceGuard {
    /** Gives every guard an index of its own, for the per-thread call counts and call stacks. */
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final int index = NEXT_INDEX.getAndIncrement();
    private final String name;
    private final CircuitBreaker breaker;
    private final Timing timing;
    private final ServiceLog log;
    private final CallCounters counters = new CallCounters();
    private volatile ServicePolicy policy;

    public ServiceGuard(ServiceSettings settings, Timing timing, BreakerListener listener) {
        this.name = settings.name();
        this.timing = timing;
        this.log = new ServiceLog(name, timing.clock());
        this.breaker = new CircuitBreaker(name, settings.circuitBreaker(), timing.clock(), listener);
        this.policy = policyFor(settings, null);
    }

    /** Applies {@code settings} to the calls that start from now on; the breaker keeps its state and counts. */
    public synchronized void reconfigure(ServiceSettings settings) {
        ServicePolicy current = policy;
        breaker.reconfigure(settings.circuitBreaker());
        policy = policyFor(settings, current);
    }

    private ServicePolicy policyFor(ServiceSettings settings, ServicePolicy previous) {
        RetryBudgetWindow budget = RetryBudgets.windowFor(settings.retry(), timing.clock(), previous, this);
        return new ServicePolicy(settings, new RetryPolicy(settings.retry(), timing.random()),
                new OpenExceptions(name, settings.circuitBreaker().openException()), budget);
    }

    /**
     * Admits the first attempt of a call. A call made while this thread is already inside a call of this
     * service is part of that call: it asks the breaker for nothing, records no outcome and is not retried
     * on its own ({@link Dispatcher#PASS_THROUGH}).
     *
     * @param owner the class of the protected method, whose class loader builds the open exception
     * @return the call's token, {@link Dispatcher#PASS_THROUGH}, or the {@link Throwable} to throw when
     *     the breaker rejects the call
     */
    public Object enter(Class<?> owner) {
        ThreadCalls calls = ThreadCalls.current();
        if (calls.isInside(index)) {
            return Dispatcher.PASS_THROUGH;
        }
        calls.counts.increment(index);
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            counters.firstAttemptsRejected.increment();
            return rejectedInside(calls.innermost(), reject(owner, null));
        }
        return calls.push(index, permit, policy);
    }

    /**
     * Decides what follows one attempt of the call {@code frame}.
     *
     * @return {@code null} to complete the call as the attempt did, a {@link Throwable} to throw instead,
     *     or the token of the next attempt
     */
    Object exit(MethodGuard method, Class<?> owner, CallFrame frame, Object returned, Throwable thrown) {
        ServicePolicy settings = frame.policy;
        RetryPolicy retry = settings.retry;
        Object permit = frame.permit;
        int status;
        try {
            status = thrown == null ? method.statusOf(returned, retry.classifier().statusReader()) : StatusReader.NO_STATUS;
            if (thrown == null && !retry.classifier().isFailingStatus(status)) {
                breaker.onSuccess(permit);
                frame.end();
                return null;
            }
            if (thrown != null && endedIgnoring(frame, thrown, retry)) {
                return null;
            }
        } catch (RuntimeException | LinkageError | StackOverflowError classificationFailed) {
            // The outcome cannot be judged: complete the call as it is, but always settle the permit,
            // or a HALF_OPEN breaker would wait for this trial call forever.
            breaker.onIgnored(permit);
            frame.end();
            throw classificationFailed;
        }
        counters.failures.increment();
        breaker.onFailure(permit);
        frame.failedAttempts++;
        if (!method.retryable()) {
            frame.end();
            return null;
        }
        if (frame.failedAttempts >= retry.maxAttempts() || frame.gaveUpInsideOn(returned, thrown)
                || !budgetAllowsRetry(settings)) {
            frame.endGivingUp(thrown != null ? thrown : returned);
            return null;
        }
        return retry(method, owner, frame, settings, returned, thrown, status);
    }

    private Object retry(MethodGuard method, Class<?> owner, CallFrame frame, ServicePolicy settings, Object returned,
            Throwable thrown, int status) {
        RetryPolicy retry = settings.retry;
        long wait = retry.waitNanos(frame.failedAttempts, frame.previousWaitNanos, returned, thrown,
                timing.clock().currentTimeMillis());
        if (breaker.nanosUntilAdmission() > wait) {
            countRetry(frame.thread);
            return rejectRetry(owner, frame, settings, returned, thrown);
        }
        log.retrying(method.method(), thrown, status, frame.failedAttempts + 1, retry.maxAttempts());
        try {
            timing.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            frame.endGivingUp(thrown != null ? thrown : returned);
            return null;
        }
        countRetry(frame.thread);
        // superseded by the retry or by the breaker's rejection; released before a permit is held, so
        // that nothing the value's close() throws can leave a trial permit unreturned
        if (thrown == null) {
            FailedValues.release(returned);
        }
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            return rejectRetry(owner, frame, settings, null, thrown);
        }
        frame.permit = permit;
        frame.previousWaitNanos = wait;
        frame.inside = null;
        return frame;
    }

    /** The breaker refuses the next attempt: the caller gets the rejection, with the last failure as its cause. */
    private Throwable rejectRetry(Class<?> owner, CallFrame frame, ServicePolicy settings, Object returned, Throwable thrown) {
        if (thrown == null) {
            FailedValues.release(returned);
        }
        Throwable rejection = rejectedInside(frame.thread.enclosing(frame), reject(owner, thrown, settings));
        frame.end();
        return rejection;
    }

    /**
     * Ends the call of {@code frame} if what its attempt threw is neither success nor failure: a breaker's
     * rejection (the calls this one is nested in are told too: it is no failure at any level) or a
     * failure that is not transient. Whether it did.
     */
    boolean endedIgnoring(CallFrame frame, Throwable thrown, RetryPolicy retry) {
        Throwable rejection = frame.rejectionIn(thrown);
        if (rejection == null && retry.classifier().isTransient(thrown)) {
            return false;
        }
        breaker.onIgnored(frame.permit);
        if (rejection != null) {
            rejectedInside(frame.thread.enclosing(frame), rejection);
        }
        frame.end();
        return true;
    }

    /** Tells the call a rejected one is nested in (if any) that what it may get is a rejection, no failure. */
    static Throwable rejectedInside(CallFrame enclosing, Throwable rejection) {
        if (enclosing != null) {
            enclosing.rejectedInside(rejection);
        }
        return rejection;
    }

    /**
     * Whether the service's retry budget, if it has one, allows another retry; a denial is counted and
     * logged (at most once a second). A denied retry never asks the breaker.
     */
    boolean budgetAllowsRetry(ServicePolicy settings) {
        if (settings.budget == null || settings.budget.tryAcquire()) {
            return true;
        }
        counters.retriesDenied.increment();
        log.budgetExhausted();
        return false;
    }

    /**
     * A retry asks the breaker, once its wait is over (or before it, when the breaker will still be
     * OPEN then): counted as a call (on this thread) and as a retry. A retry whose wait is cut short
     * (an interrupt, a caller that gave up) never asks and is not counted.
     */
    void countRetry(ThreadCalls calls) {
        calls.counts.increment(index);
        counters.retries.increment();
    }

    /** A rejection of an attempt: counted, logged at most once a second, and the exception to fail with. */
    Throwable reject(Class<?> owner, Throwable lastFailure) {
        return reject(owner, lastFailure, policy);
    }

    /** The rejection of a call that started with {@code settings} (its open exception). */
    Throwable reject(Class<?> owner, Throwable lastFailure, ServicePolicy settings) {
        counters.rejected.increment();
        log.rejected();
        return settings.openExceptions.create(loaderOf(owner), lastFailure);
    }

    /** The class loader that sees the application's exception classes: the owner's, else the thread's context loader. */
    private static ClassLoader loaderOf(Class<?> owner) {
        ClassLoader loader = owner == null ? null : Privileged.loaderOf(owner);
        return loader != null ? loader : Privileged.contextLoader();
    }

    /** The settings new calls start with. */
    ServicePolicy policy() {
        return policy;
    }

    /**
     * A snapshot for monitoring; counters are read one after another. Taking it changes nothing: the
     * state is as last set, even when the recovery timeout has passed.
     */
    public BreakerStats stats() {
        return new BreakerStats(breaker.state(), breaker.failureCount(), breaker.successCount(),
                ThreadCallCounts.total(index), counters.failures.sum(), counters.retries.sum(), counters.rejected.sum(),
                counters.retriesDenied.sum(), breaker.lastStateChangeMillis());
    }

    /** First attempts the breaker admitted so far: calls that asked it, less retries and rejected first attempts (for the retry budget). */
    long firstAttempts() {
        return ThreadCallCounts.total(index) - counters.retries.sum() - counters.firstAttemptsRejected.sum();
    }

    CallCounters counters() {
        return counters;
    }

    Timing timing() {
        return timing;
    }

    ServiceLog log() {
        return log;
    }

    /** This guard's index among all guards, for per-thread tables. */
    int index() {
        return index;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public String name() {
        return name;
    }

    public ServiceSettings settings() {
        return policy.settings;
    }
}
