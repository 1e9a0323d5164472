package io.resilienceagent.bench.jmh;

import com.example.bench.subject.BudgetService;
import com.example.bench.subject.PlainService;
import com.example.bench.subject.Reply;
import com.example.bench.subject.Service;
import java.net.ConnectException;
import java.util.concurrent.Callable;

/** Set-up checks that the agent fork really runs instrumented code, so a broken attach cannot pass as fast. */
final class Checks {
    static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";

    private Checks() {
    }

    /** A first attempt that fails must be retried transparently; without the agent the call throws. */
    static void assertRetried(Service service) {
        service.failNextCall();
        try {
            Reply reply = service.work(1);
            if (reply == null) {
                throw new IllegalStateException("unexpected null reply");
            }
        } catch (ConnectException e) {
            throw new IllegalStateException("Service.work is not instrumented: run the agent benchmarks with "
                    + "-javaagent (use BenchmarkMain, not the JMH main class)", e);
        }
    }

    /** The same check for a library decoration of {@link PlainService#work}. */
    static void assertRetried(BudgetService service) {
        service.failNextCall();
        try {
            if (service.work(1) == null) {
                throw new IllegalStateException("unexpected null reply");
            }
        } catch (ConnectException e) {
            throw new IllegalStateException("BudgetService.work is not instrumented: run the agent benchmarks with "
                    + "-javaagent (use BenchmarkMain, not the JMH main class)", e);
        }
    }

    static void assertRetried(PlainService service, Callable<?> decoratedCall) {
        service.failNextCall();
        try {
            if (decoratedCall.call() == null) {
                throw new IllegalStateException("unexpected null reply");
            }
        } catch (Exception e) {
            throw new IllegalStateException("the decoration did not retry a ConnectException", e);
        }
    }

    /** A call through an OPEN breaker must throw the expected rejection. */
    static void assertRejected(Callable<?> decoratedCall, String exceptionClass) {
        Object outcome;
        try {
            outcome = decoratedCall.call();
        } catch (Exception e) {
            outcome = e;
        }
        if (outcome == null || !outcome.getClass().getName().equals(exceptionClass)) {
            throw new IllegalStateException("expected " + exceptionClass + " from an OPEN breaker, got " + outcome);
        }
    }

    /** A resilience4j supplier as a {@link Callable}. */
    static <T> Callable<T> callable(io.github.resilience4j.core.functions.CheckedSupplier<T> supplier) {
        return () -> {
            try {
                return supplier.get();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }
}
