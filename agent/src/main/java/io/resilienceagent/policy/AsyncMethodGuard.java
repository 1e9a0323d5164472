package io.resilienceagent.policy;

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
        Object retry = enterRetry(calls, owner);
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
            // a sync call this one is nested in may get the rejection from the future, wrapped by join()
            return new Replacement(futures.failed(owner, ServiceGuard.rejectedInside(calls.innermost(), service.reject(owner, null))));
        }
        return calls.push(service.index(), permit, service.policy());
    }

    /**
     * The entry of a retry that the agent's scheduler runs for a call of this method (see
     * {@link #runAgain}): the call's next admission; null when this entry is not such a retry.
     */
    Object enterRetry(ThreadCalls calls, Class<?> owner) {
        AsyncCall retry = calls.takeRetry(this, owner);
        return retry == null ? null : retry.beginRetry(calls);
    }

    @Override
    public Object exit(Class<?> owner, Object admission, Object returned, Throwable thrown) {
        CallFrame frame = (CallFrame) admission;
        AsyncCall retried = frame.asyncCall;
        if (retried != null) { // a retry: its permit is the call's, which settles it
            frame.end();
            retried.retryRan(returned, thrown);
            return null;
        }
        try {
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
            if (service.endedIgnoring(frame, thrown, policy)) {
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
     * Runs the method again as {@code call}'s next attempt, on this thread (one of the agent's): its
     * entry finds the call waiting on the thread and continues it. Whether the method ran; when a reload
     * has left it unwoven meanwhile, its body ran unprotected, and the caller gets what it gave.
     */
    boolean runAgain(AsyncCall call, Class<?> owner, Object receiver, Object[] arguments) {
        ThreadCalls calls = ThreadCalls.current();
        calls.expectRetry(call, owner);
        Object returned = null;
        Throwable thrown = null;
        try {
            returned = invoker.invoke(owner, receiver, arguments);
        } catch (MethodInvoker.CannotRun notRun) {
            calls.takeRetry(this, owner);
            return false;
        } catch (Throwable t) {
            thrown = t;
        }
        if (calls.takeRetry(this, owner) == null) {
            return true; // the woven entry took the retry: what the body gave was settled on the way out
        }
        // not taken: a reload left the method unwoven, and its body ran unprotected, as the call's end
        try {
            if (thrown == null && returned instanceof CompletionStage<?> future) {
                future.whenComplete(call::finish);
            } else {
                call.finish(returned, thrown);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError cannotFollow) {
            call.finish(null, cannotFollow);
        }
        return true;
    }

    /** Whether this and {@code other} protect the same method (of classes of the same name). */
    boolean isSameMethodAs(AsyncMethodGuard other) {
        return invoker.isSameMethodAs(other.invoker);
    }

    /** A first attempt's permit, given back when the call completes unprotected. */
    private void releasePermit(CallFrame frame) {
        service.breaker().onIgnored(frame.permit);
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
