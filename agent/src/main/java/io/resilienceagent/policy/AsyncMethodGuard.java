package io.resilienceagent.policy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.bootstrap.CallHandler;
import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.bootstrap.Replacement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine behind one instrumented async method, one whose declared type is a {@link CompletionStage}:
 * its outcome is how the future it returns completes. The first attempt runs on the caller's thread;
 * when its future has already succeeded the caller gets it as it is (nothing is allocated); otherwise
 * the caller gets a future of its own at once, which an {@link AsyncCall} completes with the outcome of
 * the attempts, retried on the agent's scheduler. An OPEN breaker makes the method return a failed
 * future without running the body.
 */
public final class AsyncMethodGuard implements CallHandler {
    private final String method;
    private final ServiceGuard service;
    private final boolean retryable;
    private final MethodInvoker invoker;
    private final CallerFutures futures;

    /**
     * @param method how log lines name the method, {@code SimpleClassName.method}
     * @param name the method's name, {@code descriptor} its descriptor, to run it again
     * @param returnType the binary name of its declared return type
     */
    public AsyncMethodGuard(String method, ServiceGuard service, boolean retryable, String name, String descriptor,
            boolean isStatic, String returnType) {
        this.method = method;
        this.service = service;
        this.retryable = retryable;
        this.invoker = new MethodInvoker(name, descriptor, isStatic);
        this.futures = new CallerFutures(returnType);
    }

    @Override
    public Object enter(Class<?> owner) {
        ThreadCalls calls = ThreadCalls.current();
        Object retry = enterRetry(calls);
        if (retry != null) {
            return retry;
        }
        if (calls.isInside(service.index())) {
            return Dispatcher.PASS_THROUGH;
        }
        calls.counts.increment(service.index());
        Object permit = service.breaker().tryAcquire();
        if (permit == null) {
            service.counters().firstAttemptsRejected.increment();
            return new Replacement(futures.failed(owner, service.reject(owner, null)));
        }
        return calls.push(service.index(), permit, service.policy());
    }

    /**
     * The entry of a retry that the agent's scheduler runs for a call of this method (see
     * {@link #runAgain}): the call's next admission; null when this entry is not such a retry.
     */
    Object enterRetry(ThreadCalls calls) {
        AsyncCall retry = calls.takeRetry(this);
        return retry == null ? null : retry.beginRetry(calls);
    }

    @Override
    public Object exit(Class<?> owner, Object admission, Object returned, Throwable thrown) {
        CallFrame frame = (CallFrame) admission;
        try {
            if (frame.asyncCall != null) {
                AsyncCall call = frame.asyncCall;
                frame.end();
                call.retryRan(returned, thrown);
                return null;
            }
            return firstAttemptRan(frame, returned, thrown);
        } catch (Throwable fault) {
            // the call completes unprotected; a trial permit must still be given back
            releasePermit(frame);
            frame.end();
            throw fault;
        }
    }

    /** The first attempt, on the caller's thread: settled here when its outcome is already known. */
    private Object firstAttemptRan(CallFrame frame, Object returned, Throwable thrown) {
        Object permit = frame.permit;
        RetryPolicy policy = frame.policy.retry;
        if (thrown != null) {
            if (thrown instanceof CircuitBreakerOpenException || !policy.classifier().isTransient(thrown)) {
                service.breaker().onIgnored(permit);
                frame.end();
                return null;
            }
            service.counters().failures.increment();
            service.breaker().onFailure(permit);
            frame.failedAttempts = 1;
            // not retried (a budget that denies the retry included): thrown to the caller, as without the agent
            if (!retryable || policy.maxAttempts() <= 1 || !service.budgetAllowsRetry(frame.policy)) {
                frame.end();
                return null;
            }
            return Dispatcher.NEED_ARGUMENTS;
        }
        if (returned instanceof CompletableFuture<?> future && future.getClass() != Futures.MINIMAL_STAGE && future.isDone() && !future.isCompletedExceptionally()
                && !policy.classifier().isFailingStatus(policy.classifier().statusReader().statusOf(future.getNow(null)))) {
            service.breaker().onSuccess(permit);
            frame.end();
            return null;
        }
        if (returned == null) {
            service.breaker().onSuccess(permit);
            frame.end();
            return null;
        }
        return Dispatcher.NEED_ARGUMENTS;
    }

    @Override
    public Object exitWithArguments(Class<?> owner, Object admission, Object returned, Throwable thrown,
            Object receiver, Object[] arguments) {
        CallFrame frame = (CallFrame) admission;
        CompletableFuture<Object> declared;
        try {
            declared = futures.forCaller(owner, returned);
        } catch (RuntimeException | LinkageError cannotBuild) {
            releasePermit(frame);
            frame.end();
            throw cannotBuild;
        }
        Object permit = frame.permit;
        AsyncCall call = new AsyncCall(this, service, frame.policy, owner, receiver, arguments, declared);
        frame.end();
        if (thrown != null) {
            call.firstAttemptFailed(thrown);
        } else {
            call.followFirst((CompletionStage<?>) returned, permit);
        }
        return new Replacement(call.callerFuture());
    }

    /**
     * Runs the method again as {@code call}'s next attempt, on this thread (the agent's scheduler): its
     * entry finds the call waiting on the thread and continues it. Whether the method ran.
     */
    boolean runAgain(AsyncCall call, Class<?> owner, Object receiver, Object[] arguments) {
        ThreadCalls calls = ThreadCalls.current();
        calls.expectRetry(call);
        try {
            invoker.invoke(owner, receiver, arguments);
        } catch (Throwable thrown) {
            // what the body threw was settled on the way out; anything else means the method was not run
        }
        return calls.takeRetry(this) == null;
    }

    private void releasePermit(CallFrame frame) {
        if (frame.asyncCall == null) {
            service.breaker().onIgnored(frame.permit);
        }
    }

    String method() {
        return method;
    }

    boolean retryable() {
        return retryable;
    }

    CallerFutures futures() {
        return futures;
    }

    public ServiceGuard service() {
        return service;
    }
}
