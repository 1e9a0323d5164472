package io.resilienceagent.bench.jmh;

import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import com.example.bench.subject.BudgetService;
import com.example.bench.subject.PlainService;
import com.example.bench.subject.Reply;
import com.example.bench.subject.Service;
import java.lang.reflect.Field;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A call whose first attempt throws a transient failure ({@link java.net.ConnectException}, one
 * preallocated instance) and whose second attempt succeeds, with a zero wait, through a CLOSED
 * breaker. One thread. {@code baseline} is the same recovery written by hand: catch, call again.
 *
 * <p>A zero wait is not free everywhere: resilience4j and Failsafe call {@code Thread.sleep(0)}, which
 * on HotSpot is a {@code sched_yield} system call; the agent skips a zero wait. {@code threadSleep0}
 * measures that call alone and {@code resilience4jNoSleep} is resilience4j with its (package-private,
 * static) sleep function replaced by a no-op, to show the rest of its retry machinery.
 *
 * <p>The agent fork runs with {@code -Dresilience.logLevel=ERROR}: at the default level every retry
 * writes a WARN line to stderr, which would dominate.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RetryPathBenchmark {

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
    public static class Resilience4jNoSleep extends Resilience4j {
        /** Runs after {@link Resilience4j#setUp()} (JMH runs a superclass's set-up first). */
        @Setup
        public void disableSleep() throws ReflectiveOperationException {
            Class<?> impl = Class.forName("io.github.resilience4j.retry.internal.RetryImpl");
            Field sleep = impl.getDeclaredField("sleepFunction");
            sleep.setAccessible(true);
            io.github.resilience4j.core.functions.CheckedConsumer<Long> noSleep = millis -> { };
            sleep.set(null, noSleep);
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
        s.service.failNextCall();
        try {
            return s.service.work(s.arg);
        } catch (ConnectException transientFailure) {
            return s.service.work(s.arg);
        }
    }

    @Benchmark
    public Reply agent(Agent s) throws Exception {
        s.service.failNextCall();
        return s.service.work(s.arg);
    }

    @Benchmark
    public Reply agentBudget(AgentBudget s) throws Exception {
        s.service.failNextCall();
        return s.service.work(s.arg);
    }

    @Benchmark
    public Reply resilience4j(Resilience4j s) throws Throwable {
        s.service.failNextCall();
        return s.decorated.get();
    }

    @Benchmark
    public Reply resilience4jNoSleep(Resilience4jNoSleep s) throws Throwable {
        s.service.failNextCall();
        return s.decorated.get();
    }

    @Benchmark
    public Reply failsafe(FailsafeState s) {
        s.service.failNextCall();
        return s.executor.get(s.body);
    }

    /** What a zero wait costs the libraries that do not skip it. */
    @Benchmark
    public void threadSleep0() throws InterruptedException {
        Thread.sleep(0);
    }
}
