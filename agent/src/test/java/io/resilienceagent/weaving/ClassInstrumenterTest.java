package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.sample.FlakyTarget;
import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.log.AgentLogCapture;
import io.resilienceagent.policy.BreakerListener;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the real advice bytecode without a JVM agent: a sample class is transformed exactly as the
 * agent would, defined in a fresh class loader, and called.
 */
class ClassInstrumenterTest {
    private static final String TARGET = FlakyTarget.class.getName();

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    private ServiceRegistry registry;
    private MethodSelector selector;

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    /** Loads a transformed copy of FlakyTarget with every method but notCovered mapped to "svc". */
    private Class<?> instrumentedTarget(int maxAttempts, int failureThreshold) throws Exception {
        RetrySettings d = RetrySettings.DEFAULTS;
        RetrySettings retry = RetrySettings.from(d).maxAttempts(maxAttempts).waits(Duration.ZERO, Duration.ZERO).build();
        BreakerSettings breaker = new BreakerSettings(failureThreshold, Duration.ofHours(1), 1, 1, Optional.empty());
        List<MethodMapping> mappings = List.of("fetch", "count", "fire", "staticFetch", "status").stream()
                .map(method -> new MethodMapping(MethodPattern.parse(TARGET + "." + method), "svc"))
                .toList();
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", retry, breaker)), mappings);
        registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        selector = new MethodSelector(config.methods());
        byte[] original = ClassHeaderTest.classFile(FlakyTarget.class);
        List<MethodMapping> covering = MethodSelectorTest.covering(selector, FlakyTarget.class);
        byte[] transformed = new ClassInstrumenter(registry, selector)
                .instrument(TARGET, original, covering, getClass().getClassLoader());
        return new WovenClassLoader(Map.of(TARGET, transformed), getClass().getClassLoader()).loadClass(TARGET);
    }

    private static AtomicInteger runs(Class<?> target) throws Exception {
        return (AtomicInteger) target.getField("RUNS").get(null);
    }

    private static void failNext(Class<?> target, int times) throws Exception {
        target.getField("failuresLeft").setInt(null, times);
    }

    private static Object invoke(Object instance, Method method, Object... args) throws Throwable {
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void retriesAMethodThatThrowsUntilItReturns() throws Throwable {
        Class<?> target = instrumentedTarget(3, 100);
        Object instance = target.getConstructor().newInstance();
        failNext(target, 2);

        Object result = invoke(instance, target.getMethod("fetch", String.class), "k");

        assertThat(result).isEqualTo("value-k");
        assertThat(runs(target)).hasValue(3);
        assertThat(agentLog.text())
                .contains("WARN  Retrying FlakyTarget.fetch after java.net.ConnectException: refused (attempt 2/3)")
                .doesNotContain("value-k");
    }

    @Test
    void rethrowsTheLastOriginalExceptionWhenAttemptsRunOut() throws Throwable {
        Class<?> target = instrumentedTarget(2, 100);
        Object instance = target.getConstructor().newInstance();
        failNext(target, 5);

        assertThatThrownBy(() -> invoke(instance, target.getMethod("fetch", String.class), "k"))
                .isExactlyInstanceOf(ConnectException.class).hasMessage("refused");
        assertThat(runs(target)).hasValue(2);
    }

    @Test
    void retriesPrimitiveVoidAndStaticMethods() throws Throwable {
        Class<?> target = instrumentedTarget(3, 100);
        Object instance = target.getConstructor().newInstance();

        failNext(target, 1);
        assertThat(invoke(instance, target.getMethod("count", int.class), 41)).isEqualTo(42);
        failNext(target, 2);
        invoke(instance, target.getMethod("fire"));
        failNext(target, 1);
        assertThat(invoke(null, target.getMethod("staticFetch"))).isEqualTo("static");

        assertThat(runs(target)).hasValue(2 + 3 + 2);
    }

    @Test
    void retriesAFailingReturnValueAndReturnsTheLastOne() throws Throwable {
        Class<?> target = instrumentedTarget(3, 100);
        Object instance = target.getConstructor().newInstance();
        failNext(target, 5);

        Object result = invoke(instance, target.getMethod("status"));

        assertThat(result.toString()).contains("503");
        assertThat(runs(target)).hasValue(3);
    }

    @Test
    void anOpenBreakerRejectsWithoutRunningTheBody() throws Throwable {
        Class<?> target = instrumentedTarget(1, 1);
        Object instance = target.getConstructor().newInstance();
        Method fetch = target.getMethod("fetch", String.class);
        failNext(target, 1);
        assertThatThrownBy(() -> invoke(instance, fetch, "k")).isInstanceOf(ConnectException.class);

        assertThatThrownBy(() -> invoke(instance, fetch, "k")).isInstanceOf(CircuitBreakerOpenException.class);
        assertThatThrownBy(() -> invoke(instance, target.getMethod("count", int.class), 1))
                .as("a checked-exception method still fails fast").isInstanceOf(CircuitBreakerOpenException.class);

        assertThat(runs(target)).hasValue(1);
    }

    @Test
    void methodsOutsideThePatternsRunUnchanged() throws Throwable {
        Class<?> target = instrumentedTarget(3, 1);
        Object instance = target.getConstructor().newInstance();
        failNext(target, 1);
        assertThatThrownBy(() -> invoke(instance, target.getMethod("fetch", String.class), "k"));

        assertThat(invoke(instance, target.getMethod("notCovered"))).isEqualTo("plain");
    }

    @Test
    void recordsWhatWasInstrumented() throws Throwable {
        instrumentedTarget(3, 1);

        assertThat(registry.instrumentedMethods()).contains(TARGET + ".fetch(java.lang.String)", TARGET + ".count(int)",
                TARGET + ".fire()", TARGET + ".staticFetch()", TARGET + ".status()");
        assertThat(registry.instrumentedMethods()).noneMatch(m -> m.contains("notCovered") || m.contains("<init>"));
        assertThat(selector.unmatchedPatterns()).isEmpty();
    }

    @Test
    void anEngineFaultLetsTheMethodRunUnprotected() throws Throwable {
        Class<?> target = instrumentedTarget(3, 100);
        Object instance = target.getConstructor().newInstance();
        Dispatcher.install(0, new io.resilienceagent.bootstrap.CallHandler() {
            @Override
            public Object enter(Class<?> owner) {
                throw new IllegalStateException("engine bug");
            }

            @Override
            public Object exit(Class<?> owner, Object admission, Object returned, Throwable thrown) {
                throw new IllegalStateException("engine bug");
            }
        });
        for (int id = 1; id < 16; id++) {
            Dispatcher.install(id, new io.resilienceagent.bootstrap.CallHandler() {
                @Override
                public Object enter(Class<?> owner) {
                    return "admitted";
                }

                @Override
                public Object exit(Class<?> owner, Object admission, Object returned, Throwable thrown) {
                    throw new IllegalStateException("engine bug");
                }
            });
        }
        failNext(target, 1);

        assertThatThrownBy(() -> invoke(instance, target.getMethod("fetch", String.class), "k"))
                .isExactlyInstanceOf(ConnectException.class);
        assertThat(invoke(instance, target.getMethod("fetch", String.class), "k")).isEqualTo("value-k");
    }

    @Test
    void aClassFileWovenAlreadyIsNotWovenAgain() throws Exception {
        instrumentedTarget(3, 100);
        byte[] woven = new ClassInstrumenter(registry, selector).instrument(TARGET, ClassHeaderTest.classFile(FlakyTarget.class),
                MethodSelectorTest.covering(selector, FlakyTarget.class), getClass().getClassLoader());
        assertThat(woven).isNotNull();

        // what a redefinition with the bytes the JVM runs hands the transformer
        byte[] again = new ClassInstrumenter(registry, selector).instrument(TARGET, woven,
                MethodSelectorTest.covering(selector, FlakyTarget.class), getClass().getClassLoader());

        assertThat(again).as("left as it is, not wrapped a second time").isNull();
        assertThat(ClassInstrumenter.isWovenAlready(ClassHeaderTest.classFile(FlakyTarget.class))).isFalse();
    }
}
