package io.resilienceagent.policy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.log.AgentLog;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Protects one service: its breaker, retry policy and counters, shared by every method mapped to it
 * and by all threads. Drives a call one attempt at a time ({@link #enter}, {@link #exit}), so that
 * woven code, which re-runs the method body in place of a loop around a call, can run it.
 *
 * <p>Retry wraps the breaker: every attempt asks the breaker first, and a retry that the breaker would
 * refuse even after the wait is refused at once instead of after sleeping.
 */
public final class ServiceGuard {
    private static final long REJECTION_LOG_INTERVAL_NANOS = 1_000_000_000L;
    /** Gives every guard an index of its own, for the per-thread call counts and call stacks. */
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();
    private static final int MAX_MESSAGE_LENGTH = 200;

    private final int index = NEXT_INDEX.getAndIncrement();
    private final String name;
    private final ServiceSettings settings;
    private final CircuitBreaker breaker;
    private final RetryPolicy retryPolicy;
    private final Timing timing;
    private final OpenExceptions openExceptions;
    private final CallCounters counters = new CallCounters();
    private volatile long nextRejectionLogNanos = Long.MIN_VALUE;

    public ServiceGuard(ServiceSettings settings, Timing timing, BreakerListener listener) {
        this.name = settings.name();
        this.settings = settings;
        this.timing = timing;
        this.breaker = new CircuitBreaker(name, settings.circuitBreaker(), timing.clock(), listener);
        this.retryPolicy = new RetryPolicy(settings.retry(), timing.random());
        this.openExceptions = new OpenExceptions(name, settings.circuitBreaker().openException());
    }

    /**
     * Admits the first attempt of a call of {@code method}. A call made while this thread is already
     * inside a call of this service is part of that call: it asks the breaker for nothing, records no
     * outcome and is not retried on its own ({@link Dispatcher#PASS_THROUGH}).
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
            return reject(owner, null);
        }
        return calls.push(index, permit == breaker.closedPermit() ? null : permit);
    }

    /**
     * Decides what follows one attempt of the call {@code frame}.
     *
     * @return {@code null} to complete the call as the attempt did, a {@link Throwable} to throw instead,
     *     or the token of the next attempt
     */
    Object exit(MethodGuard method, Class<?> owner, CallFrame frame, Object returned, Throwable thrown) {
        RetryPolicy policy = retryPolicy;
        Object permit = frame.permit != null ? frame.permit : breaker.closedPermit();
        int status;
        try {
            status = thrown == null ? method.statusOf(returned, policy.classifier().statusReader()) : StatusReader.NO_STATUS;
            if (thrown == null && !policy.classifier().isFailingStatus(status)) {
                breaker.onSuccess(permit);
                frame.end();
                return null;
            }
            if (thrown != null && (thrown instanceof CircuitBreakerOpenException
                    || !policy.classifier().isTransient(thrown))) {
                breaker.onIgnored(permit);
                frame.end();
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
        if (frame.failedAttempts >= policy.maxAttempts() || frame.gaveUpInsideOn(returned, thrown)) {
            frame.endGivingUp(thrown != null ? thrown : returned);
            return null;
        }
        return retry(method, owner, frame, returned, thrown, status);
    }

    private Object retry(MethodGuard method, Class<?> owner, CallFrame frame, Object returned, Throwable thrown,
            int status) {
        RetryPolicy policy = retryPolicy;
        long wait = policy.waitNanos(frame.failedAttempts, frame.previousWaitNanos, returned, thrown,
                timing.clock().currentTimeMillis());
        frame.thread.counts.increment(index);
        counters.retries.increment();
        if (breaker.nanosUntilAdmission() > wait) {
            return rejectRetry(owner, frame, returned, thrown);
        }
        logRetry(method.method(), thrown, status, frame.failedAttempts + 1, policy.maxAttempts());
        try {
            timing.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            frame.endGivingUp(thrown != null ? thrown : returned);
            return null;
        }
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            return rejectRetry(owner, frame, returned, thrown);
        }
        if (thrown == null) {
            FailedValues.release(returned);
        }
        frame.permit = permit == breaker.closedPermit() ? null : permit;
        frame.previousWaitNanos = wait;
        frame.gaveUpInside = null;
        return frame;
    }

    /** The breaker refuses the next attempt: the caller gets the rejection, with the last failure as its cause. */
    private Throwable rejectRetry(Class<?> owner, CallFrame frame, Object returned, Throwable thrown) {
        if (thrown == null) {
            FailedValues.release(returned);
        }
        Throwable rejection = reject(owner, thrown);
        frame.end();
        return rejection;
    }

    /** The WARN line of a retry; built only when WARN is on. */
    void logRetry(String method, Throwable thrown, int status, int nextAttempt, int maxAttempts) {
        if (AgentLog.isEnabled(AgentLog.Level.WARN)) {
            AgentLog.warn("Retrying " + method + " after " + describe(thrown, status)
                    + " (attempt " + nextAttempt + "/" + maxAttempts + ")");
        }
    }

    /** A rejection of an attempt: counted, logged at most once a second, and the exception to fail with. */
    Throwable reject(Class<?> owner, Throwable lastFailure) {
        counters.rejected.increment();
        long now = timing.clock().nanoTime();
        long next = nextRejectionLogNanos;
        if (next == Long.MIN_VALUE || now - next >= 0) {
            nextRejectionLogNanos = now + REJECTION_LOG_INTERVAL_NANOS;
            AgentLog.error("Circuit breaker open for " + name);
        }
        return openExceptions.create(loaderOf(owner), lastFailure);
    }

    /** The class loader that sees the application's exception classes: the owner's, else the thread's context loader. */
    private static ClassLoader loaderOf(Class<?> owner) {
        ClassLoader loader = owner == null ? null : owner.getClassLoader();
        return loader != null ? loader : Thread.currentThread().getContextClassLoader();
    }

    /** The failure as the log shows it: class and message, or the status; never argument values. */
    private static String describe(Throwable thrown, int status) {
        if (thrown == null) {
            return "HTTP " + status;
        }
        String message = thrown.getMessage();
        if (message == null || message.isBlank()) {
            return thrown.getClass().getName();
        }
        return thrown.getClass().getName() + ": " + oneLine(message);
    }

    /** Folds runs of white space (line breaks included) into single spaces and cuts the result short. */
    private static String oneLine(String message) {
        StringBuilder folded = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_LENGTH + 3));
        boolean space = false;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                space = folded.length() > 0;
                continue;
            }
            if (folded.length() + (space ? 1 : 0) >= MAX_MESSAGE_LENGTH) {
                return folded.append("...").toString();
            }
            if (space) {
                folded.append(' ');
                space = false;
            }
            folded.append(c);
        }
        return folded.toString();
    }

    /**
     * A snapshot for monitoring; counters are read one after another. Taking it changes nothing: the
     * state is as last set, even when the recovery timeout has passed.
     */
    public BreakerStats stats() {
        return new BreakerStats(breaker.state(), breaker.failureCount(), breaker.successCount(),
                ThreadCallCounts.total(index), counters.failures.sum(), counters.retries.sum(), counters.rejected.sum(),
                breaker.lastStateChangeMillis());
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    CallCounters counters() {
        return counters;
    }

    Timing timing() {
        return timing;
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
        return settings;
    }
}
