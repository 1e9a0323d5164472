package io.resilienceagent.bench.jmh;

import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import com.example.bench.subject.OpenService;
import com.example.bench.subject.PlainService;
import com.example.bench.subject.Reply;
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
 * A call rejected by an OPEN breaker: the body never runs and the caller catches the rejection, which
 * the benchmark returns so that it cannot be optimised away. Each library throws its own exception
 * type with its own defaults: the agent's {@code CircuitBreakerOpenException} has no stack trace,
 * resilience4j's {@code CallNotPermittedException} and Failsafe's {@code CircuitBreakerOpenException}
 * fill one in ({@code resilience4jNoStackTrace} turns resilience4j's off).
 *
 * <p>The agent's rejection also writes one ERROR line per second at most ("Circuit breaker open for
 * bench_open"); that is part of its cost here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpenBreakerBenchmark {

    @State(Scope.Benchmark)
    public static class Agent {
        OpenService service;
        int arg = 1;

        /** Trips the breaker (failureThreshold 1) with one transient failure, then checks it rejects. */
        @Setup
        public void setUp() {
            service = new OpenService();
            service.failNextCall();
            boolean failed = false;
            try {
                service.work(arg);
            } catch (ConnectException expected) {
                failed = true;
            }
            if (!failed) {
                throw new IllegalStateException("the tripping call did not fail");
            }
            Checks.assertRejected(() -> service.work(arg), Checks.OPEN_EXCEPTION);
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
            Decorations.R4j r4j = Decorations.r4j(() -> service.work(arg), 1, writableStackTrace());
            decorated = r4j.decorated();
            r4j.breaker().transitionToOpenState();
            Checks.assertRejected(Checks.callable(decorated), "io.github.resilience4j.circuitbreaker.CallNotPermittedException");
        }

        boolean writableStackTrace() {
            return true;
        }
    }

    @State(Scope.Benchmark)
    public static class Resilience4jNoStackTrace extends Resilience4j {
        @Override
        boolean writableStackTrace() {
            return false;
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
            Decorations.FailsafeSetup failsafe = Decorations.failsafe(1, 1);
            executor = failsafe.executor();
            failsafe.breaker().open();
            body = () -> service.work(arg);
            Checks.assertRejected(() -> executor.get(body), "dev.failsafe.CircuitBreakerOpenException");
        }
    }

    @Benchmark
    public Object agent(Agent s) {
        try {
            return s.service.work(s.arg);
        } catch (Exception rejected) {
            return rejected;
        }
    }

    @Benchmark
    public Object resilience4j(Resilience4j s) {
        try {
            return s.decorated.get();
        } catch (Throwable rejected) {
            return rejected;
        }
    }

    @Benchmark
    public Object resilience4jNoStackTrace(Resilience4jNoStackTrace s) {
        try {
            return s.decorated.get();
        } catch (Throwable rejected) {
            return rejected;
        }
    }

    @Benchmark
    public Object failsafe(FailsafeState s) {
        try {
            return s.executor.get(s.body);
        } catch (RuntimeException rejected) {
            return rejected;
        }
    }
}
