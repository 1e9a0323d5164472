package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.sample.Failures;
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
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bytecode that Java compilers do not write but others do, woven and then loaded (the JVM verifies it
 * at definition), and what happens to a method the weaver cannot weave safely: it runs unwoven with
 * one log line, and the class's other methods are woven all the same.
 */
class WeaverSafetyTest {
    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    @BeforeEach
    void setUp() {
        Failures.RUNS.set(0);
        Failures.failuresLeft = 0;
    }

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    private String log() {
        return agentLog.text();
    }

    /** Weaves every method of {@code classFile} (a class named {@code generated.<simpleName>}) with 3 attempts. */
    private Class<?> woven(String simpleName, byte[] classFile) throws ClassNotFoundException {
        String className = GeneratedClasses.PACKAGE.replace('/', '.') + simpleName;
        RetrySettings d = RetrySettings.DEFAULTS;
        RetrySettings retry = RetrySettings.from(d).maxAttempts(3).waits(Duration.ZERO, Duration.ZERO).build();
        List<MethodMapping> mappings = List.of(new MethodMapping(MethodPattern.parse(className + ".*"), "svc"));
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", retry, BreakerSettings.DEFAULTS)), mappings);
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        byte[] transformed = new ClassInstrumenter(registry, new MethodSelector(mappings))
                .instrument(className, classFile, mappings, getClass().getClassLoader());
        assertThat(transformed).as("woven " + className).isNotNull();
        return new WovenClassLoader(Map.of(className, transformed), getClass().getClassLoader()).loadClass(className);
    }

    private static Object call(Class<?> type, String name, Object... args) throws Throwable {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name)) {
                try {
                    return method.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    @Test
    void returnsWithValuesBeneathOnTheStackAreWovenAndRetried() throws Throwable {
        Class<?> type = woven("StackAtReturn", GeneratedClasses.valuesBeneathReturns());

        Failures.failuresLeft = 2;
        assertThat(call(type, "pick", 41)).isEqualTo(42);
        assertThat(Failures.RUNS.getAndSet(0)).isEqualTo(3);
        Failures.failuresLeft = 1;
        assertThat(call(type, "pick", 0)).isEqualTo(-1);
        assertThat(Failures.RUNS.getAndSet(0)).isEqualTo(2);
        int[] box = new int[1];
        Failures.failuresLeft = 2;
        call(type, "touch", (Object) box);
        assertThat(box[0]).isEqualTo(7);
        assertThat(Failures.RUNS.getAndSet(0)).isEqualTo(3);
        assertThat(log()).doesNotContain("Could not instrument");
    }

    @Test
    void aMethodTooLargeOnceWovenRunsUnwovenAndTheOthersAreStillWoven() throws Throwable {
        byte[] classFile = GeneratedClasses.hugeAndSmall(65_500);
        Class<?> type = woven("HugeAndSmall", classFile);

        assertThat(log().lines().filter(l -> l.startsWith("WARN  Could not instrument"))).containsExactly(
                "WARN  Could not instrument generated.HugeAndSmall.huge(int), it runs unprotected: "
                        + "its code would exceed the JVM's limit of 65535 bytes once woven");
        assertRunsUnwoven(type, "huge");
        assertSmallIsWovenAndRetried(type);
    }

    @Test
    void aMethodWhoseLocalsWouldNotFitOnceWovenRunsUnwovenAndTheOthersAreStillWoven() throws Throwable {
        Class<?> type = woven("CrowdedAndSmall", GeneratedClasses.crowdedAndSmall());

        assertThat(log().lines().filter(l -> l.startsWith("WARN  Could not instrument"))).containsExactly(
                "WARN  Could not instrument generated.CrowdedAndSmall.crowded(int), it runs unprotected: "
                        + "its local variables would exceed the JVM's limit of 65535 slots once woven");
        assertRunsUnwoven(type, "crowded");
        assertSmallIsWovenAndRetried(type);
    }

    @Test
    void aKotlinSuspendFunctionRunsUnwovenWithOneLineSayingWhy() throws Throwable {
        Class<?> type = woven("SuspendAndSmall", GeneratedClasses.suspendAndSmall());

        assertThat(log().lines().filter(l -> l.startsWith("WARN  Could not instrument"))).singleElement().asString()
                .startsWith("WARN  Could not instrument generated.SuspendAndSmall.fetch(int,kotlin.coroutines.Continuation), "
                        + "it runs unprotected: it is a Kotlin suspend function");
        Failures.failuresLeft = 1;
        assertThatThrownBy(() -> type.getMethod("fetch", int.class, kotlin.coroutines.Continuation.class).invoke(null, 4, null))
                .as("unwoven: a retry would run its state machine again from the middle").hasCauseInstanceOf(ConnectException.class);
        assertSmallIsWovenAndRetried(type);
    }

    /** {@code name(4)} of {@code type} is not retried: its first failure reaches the caller; then it returns 8. */
    private static void assertRunsUnwoven(Class<?> type, String name) throws Throwable {
        Failures.failuresLeft = 1;
        assertThatThrownBy(() -> call(type, name, 4)).as("unwoven: the first failure reaches the caller")
                .isInstanceOf(ConnectException.class);
        assertThat(call(type, name, 4)).isEqualTo(8);
    }

    /** The sibling {@code small(4)} is woven: two failures are retried and it returns 8. */
    private static void assertSmallIsWovenAndRetried(Class<?> type) throws Throwable {
        Failures.RUNS.set(0);
        Failures.failuresLeft = 2;
        assertThat(call(type, "small", 4)).isEqualTo(8);
        assertThat(Failures.RUNS.get()).as("woven: retried").isEqualTo(3);
    }

    @Test
    void preJava6CodeWithSubroutinesAndNoFramesIsWovenAndRetried() throws Throwable {
        Class<?> type = woven("Subroutines", GeneratedClasses.subroutines());

        Failures.failuresLeft = 2;
        assertThat(call(type, "old", 1)).isEqualTo(101);
        assertThat(Failures.RUNS.get()).isEqualTo(3);
        assertThat(type.getField("finallyRuns").getInt(null)).as("the finally block ran once per attempt").isEqualTo(3);
    }

    @Test
    void aReturnThatJumpsOverMoreThan32KilobytesOnceWovenIsWovenAndRetried() throws Throwable {
        Class<?> type = woven("FarReturn", GeneratedClasses.farReturn(40_000));

        Failures.failuresLeft = 2;
        assertThat(call(type, "far", 0)).isEqualTo(-1);
        assertThat(Failures.RUNS.getAndSet(0)).isEqualTo(3);
        Failures.failuresLeft = 2;
        assertThat(call(type, "far", 4)).isEqualTo(8);
        assertThat(Failures.RUNS.get()).isEqualTo(3);
        assertThat(log()).doesNotContain("Could not instrument");
    }

    @Test
    void aReturnInUnreachableCodeStaysAsItIsAndTheMethodIsWovenAndRetried() throws Throwable {
        Class<?> type = woven("DeadReturn", GeneratedClasses.deadReturn());

        Failures.failuresLeft = 2;
        assertThat(call(type, "dead", 41)).isEqualTo(42);
        assertThat(Failures.RUNS.get()).isEqualTo(3);
        assertThat(log()).doesNotContain("Could not instrument");
    }

    @Test
    void theCheckFindsAFrameThatDisagreesWithTheCode() {
        Map<String, String> failures = WovenCodeCheck.failures(GeneratedClasses.wrongFrame(), Set.of("wrong(I)I"));

        assertThat(failures).containsOnlyKeys("wrong(I)I");
        assertThat(failures.get("wrong(I)I")).contains("declares 1 stack values where the code leaves 0");
    }

    @Test
    void theCheckPassesWhatTheWeaverWrites() {
        Map<String, String> failures = WovenCodeCheck.failures(ClassWeaver.weave(GeneratedClasses.valuesBeneathReturns(),
                Map.of("pick(I)I", 0, "touch([I)V", 1)).classFile(), Set.of("pick(I)I", "touch([I)V"));

        assertThat(failures).isEmpty();
    }
}
