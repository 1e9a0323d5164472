package io.resilienceagent.bench.jmh;

import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import com.example.bench.subject.BudgetService;
import com.example.bench.subject.PlainService;
import com.example.bench.subject.Reply;
import com.example.bench.subject.Service;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A successful call through a CLOSED breaker. Every state is {@link Scope#Benchmark}: with 2 threads
 * both share one service, one breaker and one decorated supplier. {@code agent} runs only in a fork
 * started with {@code -javaagent}; the others only in forks without it (see {@code BenchmarkMain}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SuccessPathBenchmark {

    @State(Scope.Benchmark)
    public static class Direct {
        PlainService service;
        int arg = 1;

        @Setup
        public void setUp() {
            service = new PlainService();
        }
    }

    @State(Scope.Benchmark)
    public static class Agent {
        Service service;
        int arg = 1;

        @Setup
        public void setUp() {
            service = new Service();
            Checks.assertRetried(service);
        }
    }

    /** As {@link Agent}, through a service with a retry budget (one that never runs out). */
    @State(Scope.Benchmark)
    public static class AgentBudget {
        BudgetService service;
        int arg = 1;

        @Setup
        public void setUp() {
            service = new BudgetService();
            Checks.assertRetried(service);
        }
    }

    @State(Scope.Benchmark)
    public static class Resilience4j {
        PlainService service;
        int arg = 1;
        io.github.resilience4j.core.functions.CheckedSupplier<Reply> decorated;

        @Setup
        public void setUp() {
            service = new PlainService();
            decorated = Decorations.r4j(() -> service.work(arg), 3, true).decorated();
            Checks.assertRetried(service, Checks.callable(decorated));
        }
    }

    @State(Scope.Benchmark)
    public static class FailsafeState {
        PlainService service;
        int arg = 1;
        FailsafeExecutor<Reply> executor;
        CheckedSupplier<Reply> body;

        @Setup
        public void setUp() {
            service = new PlainService();
            executor = Decorations.failsafe(3, Decorations.CLOSED_FAILURE_THRESHOLD).executor();
            body = () -> service.work(arg);
            Checks.assertRetried(service, () -> executor.get(body));
        }
    }

    @Benchmark
    public Reply baseline(Direct s) throws Exception {
        return s.service.work(s.arg);
    }

    @Benchmark
    public Reply agent(Agent s) throws Exception {
        return s.service.work(s.arg);
    }

    @Benchmark
    public Reply agentBudget(AgentBudget s) throws Exception {
        return s.service.work(s.arg);
    }

    @Benchmark
    public Reply resilience4j(Resilience4j s) throws Throwable {
        return s.decorated.get();
    }

    @Benchmark
    public Reply failsafe(FailsafeState s) {
        return s.executor.get(s.body);
    }
}
