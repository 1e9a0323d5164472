package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.log.AgentLogCapture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the agent runs an async call's retry: the method itself again, with the original arguments (a
 * varargs method's array as it is), continued by the call it belongs to even when a reload has re-woven
 * the class under another handler, and, when a reload left the method unwoven, ending the call with
 * what its body gave instead of throwing that away.
 */
class AsyncRetryRunTest {
    private static final String FUTURE = "Ljava/util/concurrent/CompletableFuture;";

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private final ManualClock clock = new ManualClock();
    private final Timing timing = new Timing(clock, new RecordingSleeper(clock), () -> 0.5);

    private ServiceGuard service(String name) {
        return new ServiceGuard(Settings.service(name, Settings.retry(3, Duration.ZERO, Duration.ZERO),
                Settings.breaker(5, Duration.ofSeconds(1), 1, 1)), timing, BreakerListener.NONE);
    }

    private static AsyncMethodGuard guard(ServiceGuard service, String name, String descriptor) {
        return new AsyncMethodGuard("Target." + name, service, true, name, descriptor, false, CompletableFuture.class.getName());
    }

    /** A call of {@code method} on {@code target}, of the service the method belongs to. */
    private static AsyncCall callOf(AsyncMethodGuard method, Target target, Object... arguments) {
        return new AsyncCall(method, method.service(), method.service().policy(), Target.class, target, arguments, null);
    }

    @Test
    void aReWovenMethodsEntryUnderAnotherHandlerContinuesTheCallWithTheGuardItStartedWith() {
        ServiceGuard before = service("before");
        ServiceGuard after = service("after");
        AsyncMethodGuard startedWith = guard(before, "get", "()" + FUTURE);
        AsyncCall call = callOf(startedWith, new Target());
        ThreadCalls calls = ThreadCalls.current();
        int depth = calls.depth();
        calls.expectRetry(call, Target.class);

        Object admission = guard(after, "get", "()" + FUTURE).enter(Target.class);

        assertThat(admission).isInstanceOf(CallFrame.class);
        assertThat(((CallFrame) admission).asyncCall).as("the retry of the call, not a new call").isSameAs(call);
        guard(after, "get", "()" + FUTURE).exit(Target.class, admission, CompletableFuture.completedFuture("second"), null);
        assertThat(call).isCompletedWithValue("second");
        assertThat(before.stats().totalRetries()).isEqualTo(1);
        assertThat(after.stats().totalCalls()).as("nothing counted for the new handler's service").isZero();
        assertThat(calls.depth()).isEqualTo(depth);
    }

    @Test
    void anotherMethodsEntryDoesNotTakeTheRetry() {
        AsyncCall call = callOf(guard(service("api"), "get", "()" + FUTURE), new Target());
        ThreadCalls calls = ThreadCalls.current();
        calls.expectRetry(call, Target.class);

        Object admission = guard(service("other"), "join", "([Ljava/lang/String;)" + FUTURE).enter(Target.class);

        assertThat(admission).isInstanceOf(CallFrame.class);
        assertThat(((CallFrame) admission).asyncCall).as("a call of its own").isNull();
        ((CallFrame) admission).end();
        assertThat(calls.takeRetry(call.method, Target.class)).as("still expected").isSameAs(call);
    }

    @Test
    void aRetryOfAMethodLeftUnwovenEndsTheCallWithWhatTheBodyGave() {
        ServiceGuard service = service("api");
        AsyncMethodGuard method = guard(service, "get", "()" + FUTURE);
        Target target = new Target();
        AsyncCall call = callOf(method, target);

        assertThat(method.runAgain(call, Target.class, target, new Object[0])).isTrue();

        assertThat(target.runs).isEqualTo(1);
        assertThat(call).as("not the earlier failure: the result of the request the body sent").isCompletedWithValue("ran");
    }

    @Test
    void aRetryOfAMethodLeftUnwovenThatThrowsEndsTheCallWithWhatItThrew() {
        ServiceGuard service = service("api");
        AsyncMethodGuard method = guard(service, "refuse", "()" + FUTURE);
        Target target = new Target();
        AsyncCall call = callOf(method, target);

        assertThat(method.runAgain(call, Target.class, target, new Object[0])).isTrue();

        assertThat(call).isCompletedExceptionally();
        assertThat(call.handle((value, error) -> error).join()).isInstanceOf(java.net.ConnectException.class)
                .hasMessage("refused by the unwoven body");
    }

    @Test
    void aMethodThatCannotBeFoundIsNotRun() {
        ServiceGuard service = service("api");
        AsyncMethodGuard method = guard(service, "absent", "()" + FUTURE);
        Target target = new Target();
        AsyncCall call = callOf(method, target);

        assertThat(method.runAgain(call, Target.class, target, new Object[0])).isFalse();
        assertThat(call).isNotDone();
        assertThat(ThreadCalls.current().takeRetry(method, Target.class)).as("no retry left expected").isNull();
    }

    @Test
    void aVarargsMethodRunsAgainWithItsArgumentArrayAsItIs() {
        ServiceGuard service = service("api");
        AsyncMethodGuard method = guard(service, "join", "([Ljava/lang/String;)" + FUTURE);
        Target target = new Target();
        Object[] arguments = {new String[] {"a", "b"}};
        AsyncCall call = callOf(method, target, arguments);

        assertThat(method.runAgain(call, Target.class, target, arguments)).isTrue();

        assertThat(call).isCompletedWithValue("a+b");
    }

    /** Not woven in these tests: what a reload that removed its pattern leaves. */
    public static final class Target {
        int runs;

        public CompletableFuture<String> get() {
            runs++;
            return CompletableFuture.completedFuture("ran");
        }

        public CompletableFuture<String> refuse() throws java.net.ConnectException {
            throw new java.net.ConnectException("refused by the unwoven body");
        }

        public CompletableFuture<String> join(String... parts) {
            return CompletableFuture.completedFuture(String.join("+", parts));
        }
    }
}
