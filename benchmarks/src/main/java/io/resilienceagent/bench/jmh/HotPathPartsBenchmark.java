package io.resilienceagent.bench.jmh;

import com.example.bench.subject.IntService;
import com.example.bench.subject.Reply;
import com.example.bench.subject.Service;
import java.lang.ref.WeakReference;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnostic, not part of the suite that {@code run.sh} runs: what the single operations on the
 * agent's success path cost on this machine, to tell where its overhead over the direct call comes
 * from. Run by hand (see BENCHMARKS.md); {@code agent*} only with {@code -javaagent} and bench.yaml:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main 'HotPathPartsBenchmark\.(?!agent)'
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main 'HotPathPartsBenchmark\.agent' \
 *     -jvmArgsAppend "-javaagent:$PWD/agent/target/resilience-agent.jar=config=$PWD/benchmarks/src/main/resources/bench.yaml"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HotPathPartsBenchmark {
    private static final ClassValue<Object> NO_ACCESSOR = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            return null;
        }
    };

    private final LongAdder adder = new LongAdder();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicReference<Object> state = new AtomicReference<>(new Object());
    private final WeakReference<Object> weak = new WeakReference<>(state);
    private final ThreadLocal<Object> local = ThreadLocal.withInitial(Object::new);
    private Object reply = new Reply(1);
    private final int arg = 1;
    private Service service;
    private IntService intService;

    /** Only in the agent fork: checks both targets are instrumented. */
    @Setup
    public void setUp() {
        if (isAgentAttached()) {
            service = new Service();
            Checks.assertRetried(service);
            intService = new IntService();
            intService.failNextCall();
            try {
                intService.work(arg);
            } catch (ConnectException e) {
                throw new IllegalStateException("IntService.work is not instrumented", e);
            }
        }
    }

    private static boolean isAgentAttached() {
        for (String jvmArg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (jvmArg.startsWith("-javaagent:")) {
                return true;
            }
        }
        return false;
    }

    /** The success path of a method returning an object ({@code SuccessPathBenchmark.agent}). */
    @Benchmark
    public Reply agentObjectReturn() throws ConnectException {
        return service.work(arg);
    }

    /** The same with an {@code int} result: no HTTP status check on the way out. */
    @Benchmark
    public int agentIntReturn() throws ConnectException {
        return intService.work(arg);
    }

    /** {@code ServiceGuard.enter}: {@code counters.calls.increment()} on every call. */
    @Benchmark
    public void longAdderIncrement() {
        adder.increment();
    }

    /** For comparison: a plain atomic increment (one CAS, as LongAdder's uncontended base). */
    @Benchmark
    public int atomicIncrement() {
        return counter.incrementAndGet();
    }

    /** {@code CircuitBreaker.tryAcquire}: the state read. */
    @Benchmark
    public Object volatileStateRead() {
        return state.get();
    }

    /** {@code ServiceGuard.enter}: the thread's stack of protected calls, to tell a nested call. */
    @Benchmark
    public Object threadLocalGet() {
        return local.get();
    }

    /** {@code MethodGuard.statusOf}: the class the method last returned, held weakly. */
    @Benchmark
    public Object weakReferenceGet() {
        return weak.get();
    }

    /** {@code StatusExtractor.statusOf}: is the returned object an HttpResponse? */
    @Benchmark
    public boolean instanceOfHttpResponse() {
        return reply instanceof HttpResponse;
    }

    /**
     * For comparison: a type check against a class instead of an interface. On JDK 17 an interface
     * check that fails scans the class's secondary supers ({@code repne scas}) and costs far more; newer
     * JDKs use a hashed table instead.
     */
    @Benchmark
    public boolean instanceOfClass() {
        return reply instanceof Number;
    }

    /** For comparison: the exact-class check a per-class cache would need. */
    @Benchmark
    public boolean getClassCompare() {
        return reply.getClass() == Reply.class;
    }

    /** {@code StatusExtractor.statusOf}: the cached status accessor of the returned object's class. */
    @Benchmark
    public Object classValueGet() {
        return NO_ACCESSOR.get(reply.getClass());
    }
}
