package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.sample.Defaulted;
import com.example.sample.Failures;
import com.example.sample.TrickyTarget;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Woven methods of every awkward shape load (the JVM verifies their stack-map frames when the class
 * is defined), behave exactly as before on success, and are retried on transient failures.
 */
class MethodWeaverTest {
    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private Class<?> target;
    private Class<?> defaulted;
    private Object instance;

    @BeforeEach
    void setUp() throws Exception {
        RetrySettings d = RetrySettings.DEFAULTS;
        RetrySettings retry = RetrySettings.from(d).maxAttempts(3).waits(Duration.ZERO, Duration.ZERO).build();
        List<MethodMapping> mappings = List.of(
                new MethodMapping(MethodPattern.parse(TrickyTarget.class.getName() + ".*"), "svc"),
                new MethodMapping(MethodPattern.parse(Defaulted.class.getName() + ".greet"), "svc"));
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", retry, BreakerSettings.DEFAULTS)), mappings);
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        MethodSelector selector = new MethodSelector(mappings);
        ClassInstrumenter weaving = new ClassInstrumenter(registry, selector);
        ClassLoader parent = getClass().getClassLoader();
        Map<String, byte[]> woven = new java.util.HashMap<>();
        for (Class<?> type : List.of(TrickyTarget.class, Defaulted.class)) {
            byte[] original = ClassHeaderTest.classFile(type);
            byte[] bytes = weaving.instrument(type.getName(), original, MethodSelectorTest.covering(selector, type), parent);
            assertThat(bytes).as(type.getName()).isNotNull();
            woven.put(type.getName(), bytes);
        }
        ClassLoader loader = new WovenClassLoader(woven, parent);
        target = loader.loadClass(TrickyTarget.class.getName());
        defaulted = loader.loadClass(Defaulted.class.getName());
        instance = target.getConstructor().newInstance();
        Failures.RUNS.set(0);
    }

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    private Object call(String name, Object... args) throws Throwable {
        for (Method method : target.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                try {
                    return method.invoke(instance, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static void failNext(int times) {
        Failures.failuresLeft = times;
    }

    private static int runs() {
        return Failures.RUNS.getAndSet(0);
    }

    @Test
    void widePrimitiveArgumentsAndResultsSurviveRetries() throws Throwable {
        failNext(2);
        assertThat(call("wide", 40L, 1.9d, 1)).isEqualTo(42L);
        assertThat(runs()).isEqualTo(3);

        failNext(1);
        assertThat(call("wideResult", 2.5d)).isEqualTo(5.0d);
        assertThat(runs()).isEqualTo(2);
    }

    @Test
    void aLoopAtTheFirstInstructionStillWorks() throws Throwable {
        failNext(1);
        assertThat(call("loopFirst", 4)).isEqualTo(10);
        assertThat(runs()).isEqualTo(2);
    }

    @Test
    void everyAttemptSeesTheOriginalArguments() throws Throwable {
        failNext(2);
        assertThat(call("reassigns", "x", 2)).isEqualTo("x!20");
        assertThat(runs()).isEqualTo(3);
    }

    @Test
    void theMethodsOwnHandlerWinsOverTheAgents() throws Throwable {
        failNext(1);
        assertThat(call("ownHandler")).isEqualTo("handled");
        assertThat(runs()).as("caught inside, so never retried").isEqualTo(1);
    }

    @Test
    void synchronizedStaticAndArrayMethodsAreRetried() throws Throwable {
        failNext(1);
        assertThat((int[]) call("locked", 3)).hasSize(3);
        failNext(1);
        assertThat(call("staticChar", 'a', true)).isEqualTo('A');
        assertThat(runs()).isEqualTo(4);
    }

    @Test
    void manyLocalsAndSeveralReturnsKeepTheirValues() throws Throwable {
        failNext(1);
        assertThat(call("manyLocals", 3)).isEqualTo("3:6:d2.0:3:1.5");
        for (int mode = 0; mode < 3; mode++) {
            failNext(1);
            assertThat(call("multipleReturns", mode)).isEqualTo(new int[] {10, 3, 2}[mode]);
        }
        assertThat(runs()).isEqualTo(2 + 3 * 2);
    }

    @Test
    void anInterfaceDefaultMethodIsRetried() throws Throwable {
        failNext(1);
        Method greet = defaulted.getMethod("greet", String.class);
        assertThat(greet.invoke(instance, "you")).isEqualTo("hello you");
        assertThat(runs()).isEqualTo(2);
    }
}
