package io.resilienceagent.bench.jmh;

import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import com.example.bench.subject.AsyncService;
import com.example.bench.subject.PendingSlot;
import com.example.bench.subject.PlainAsyncService;
import com.example.bench.subject.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The states of {@link AsyncDoneBenchmark} and {@link AsyncPendingBenchmark}. Policies (the agent's
 * breaker, resilience4j's and Failsafe's objects) are shared by all benchmark threads, as in
 * {@link SuccessPathBenchmark}; a future that the benchmark completes after the call goes through a
 * {@link PendingSlot} of each thread's own.
 */
public final class AsyncStates {
    /** What the benchmarks complete pending futures with. */
    static final Reply REPLY = new Reply(7);

    private AsyncStates() {
    }

    @State(Scope.Benchmark)
    public static class Direct {
        PlainAsyncService service;
        int arg = 1;

        @Setup
        public void setUp() {
            service = new PlainAsyncService();
        }
    }

    @State(Scope.Benchmark)
    public static class Agent {
        AsyncService service;
        int arg = 1;

        @Setup
        public void setUp() {
            service = new AsyncService();
            AsyncChecks.assertRetried(service);
        }
    }

    @State(Scope.Benchmark)
    public static class Resilience4jDone {
        Supplier<CompletionStage<Reply>> decorated;

        @Setup
        public void setUp() {
            PlainAsyncService service = new PlainAsyncService();
            int arg = 1;
            decorated = AsyncDecorations.R4jPolicies.create().decorate(() -> service.done(arg));
            AsyncChecks.assertRetried(service, decorated);
        }
    }

    @State(Scope.Benchmark)
    public static class FailsafeDone {
        FailsafeExecutor<Reply> executor;
        CheckedSupplier<CompletableFuture<Reply>> body;

        @Setup
        public void setUp() {
            PlainAsyncService service = new PlainAsyncService();
            int arg = 1;
            executor = AsyncDecorations.failsafe();
            body = () -> service.done(arg);
            AsyncChecks.assertRetried(service, () -> executor.getStageAsync(body));
        }
    }

    /** A thread's own service and slot, without the agent. */
    @State(Scope.Thread)
    public static class DirectPending {
        PlainAsyncService service;
        PendingSlot slot;

        @Setup
        public void setUp() {
            service = new PlainAsyncService();
            slot = new PendingSlot();
        }
    }

    /** A thread's own service and slot; the agent's breaker is its service's, shared by all threads. */
    @State(Scope.Thread)
    public static class AgentPending {
        AsyncService service;
        PendingSlot slot;

        @Setup
        public void setUp() {
            service = new AsyncService();
            slot = new PendingSlot();
            AsyncChecks.assertRetried(service);
        }
    }

    /** resilience4j's breaker and retry, shared by all threads. */
    @State(Scope.Benchmark)
    public static class SharedResilience4j {
        AsyncDecorations.R4jPolicies policies;

        @Setup
        public void setUp() {
            policies = AsyncDecorations.R4jPolicies.create();
            PlainAsyncService service = new PlainAsyncService();
            AsyncChecks.assertRetried(service, policies.decorate(() -> service.done(1)));
        }
    }

    /** A thread's own slot, decorated with the shared resilience4j policies. */
    @State(Scope.Thread)
    public static class Resilience4jPending {
        PendingSlot slot;
        Supplier<CompletionStage<Reply>> decorated;

        @Setup
        public void setUp(SharedResilience4j shared) {
            PlainAsyncService service = new PlainAsyncService();
            slot = new PendingSlot();
            decorated = shared.policies.decorate(() -> service.pending(slot));
        }
    }

    /** Failsafe's executor (retry policy and breaker), shared by all threads. */
    @State(Scope.Benchmark)
    public static class SharedFailsafe {
        FailsafeExecutor<Reply> executor;

        @Setup
        public void setUp() {
            executor = AsyncDecorations.failsafe();
            PlainAsyncService service = new PlainAsyncService();
            AsyncChecks.assertRetried(service, () -> executor.getStageAsync(() -> service.done(1)));
        }
    }

    /** A thread's own slot, run through the shared Failsafe executor. */
    @State(Scope.Thread)
    public static class FailsafePending {
        PendingSlot slot;
        FailsafeExecutor<Reply> executor;
        CheckedSupplier<CompletableFuture<Reply>> body;

        @Setup
        public void setUp(SharedFailsafe shared) {
            PlainAsyncService service = new PlainAsyncService();
            slot = new PendingSlot();
            executor = shared.executor;
            body = () -> service.pending(slot);
        }
    }
}
