package io.resilienceagent.policy;

import io.resilienceagent.bootstrap.CallHandler;
import io.resilienceagent.bootstrap.Dispatcher;

/**
 * The handler of a method whose service a reload removed: calls that start from now on run
 * unprotected; a call already running finishes with the guard it started with (its retries, its
 * breaker's outcome, its place on the thread's call stack and, for an async method, the retries the
 * agent's scheduler runs), as every call keeps its settings through a reload. Without it, a running
 * call's end would find no handler and leave its frame on the thread for good.
 */
final class UnboundMethod implements CallHandler {
    private final CallHandler startedWith;

    UnboundMethod(CallHandler startedWith) {
        this.startedWith = startedWith;
    }

    @Override
    public Object enter(Class<?> owner) {
        if (startedWith instanceof AsyncMethodGuard async) {
            // the agent's scheduler running a retry of an async call that started before the reload
            Object retry = async.enterRetry(ThreadCalls.current(), owner);
            if (retry != null) {
                return retry;
            }
        }
        return Dispatcher.PASS_THROUGH;
    }

    @Override
    public Object exit(Class<?> owner, Object admission, Object returned, Throwable thrown) {
        return startedWith.exit(owner, admission, returned, thrown);
    }

    @Override
    public Object exitWithArguments(Class<?> owner, Object admission, Object returned, Throwable thrown,
            Object receiver, Object[] arguments) {
        return startedWith.exitWithArguments(owner, admission, returned, thrown, receiver, arguments);
    }
}
