package io.resilienceagent.policy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.log.AgentLog;

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
    private static final int MAX_MESSAGE_LENGTH = 200;

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
     * Admits the first attempt of a call.
     *
     * @param loader the class loader of the protected method's class, to build the open exception
     * @return the attempt's token, or the {@link Throwable} to throw when the breaker rejects it
     */
    public Object enter(ClassLoader loader) {
        counters.calls.increment();
        Object permit = breaker.tryAcquire();
        return permit != null ? permit : reject(loader, null);
    }

    /**
     * Decides what follows one attempt of {@code method}.
     *
     * @return {@code null} to complete the call as the attempt did, a {@link Throwable} to throw instead,
     *     or the token of the next attempt
     */
    public Object exit(String method, ClassLoader loader, Object token, Object returned, Throwable thrown) {
        Object permit = token;
        int failedAttempts = 0;
        long previousWait = 0;
        if (token instanceof Attempt attempt) {
            permit = attempt.permit;
            failedAttempts = attempt.failedAttempts;
            previousWait = attempt.previousWaitNanos;
        }
        int status;
        try {
            status = thrown == null ? StatusExtractor.statusOf(returned) : StatusExtractor.NO_STATUS;
            if (thrown == null && !retryPolicy.classifier().isFailingStatus(status)) {
                breaker.onSuccess(permit);
                return null;
            }
            if (thrown != null && (thrown instanceof CircuitBreakerOpenException
                    || !retryPolicy.classifier().isTransient(thrown))) {
                breaker.onIgnored(permit);
                return null;
            }
        } catch (RuntimeException | LinkageError | StackOverflowError classificationFailed) {
            // The outcome cannot be judged: complete the call as it is, but always settle the permit,
            // or a HALF_OPEN breaker would wait for this trial call forever.
            breaker.onIgnored(permit);
            throw classificationFailed;
        }
        counters.failures.increment();
        breaker.onFailure(permit);
        failedAttempts++;
        if (failedAttempts >= retryPolicy.maxAttempts() || ExhaustedOutcomes.contains(returned, thrown)) {
            ExhaustedOutcomes.remember(thrown != null ? thrown : returned);
            return null;
        }
        return retry(method, loader, failedAttempts, previousWait, returned, thrown, status);
    }

    private Object retry(String method, ClassLoader loader, int failedAttempts, long previousWait,
            Object returned, Throwable thrown, int status) {
        long wait = retryPolicy.waitNanos(failedAttempts, previousWait, returned, status, timing.clock().currentTimeMillis());
        counters.calls.increment();
        counters.retries.increment();
        if (breaker.nanosUntilAdmission() > wait) {
            return reject(loader, thrown);
        }
        if (AgentLog.isEnabled(AgentLog.Level.WARN)) {
            AgentLog.warn("Retrying " + method + " after " + describe(thrown, status)
                    + " (attempt " + (failedAttempts + 1) + "/" + retryPolicy.maxAttempts() + ")");
        }
        try {
            timing.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            return reject(loader, thrown);
        }
        return new Attempt(permit, failedAttempts, wait);
    }

    private Throwable reject(ClassLoader loader, Throwable lastFailure) {
        counters.rejected.increment();
        long now = timing.clock().nanoTime();
        long next = nextRejectionLogNanos;
        if (next == Long.MIN_VALUE || now - next >= 0) {
            nextRejectionLogNanos = now + REJECTION_LOG_INTERVAL_NANOS;
            AgentLog.error("Circuit breaker open for " + name);
        }
        return openExceptions.create(loader, lastFailure);
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
        return new BreakerStats(breaker.peekState(), breaker.failureCount(), breaker.successCount(),
                counters.calls.sum(), counters.failures.sum(), counters.retries.sum(), counters.rejected.sum(),
                breaker.lastStateChangeMillis());
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
