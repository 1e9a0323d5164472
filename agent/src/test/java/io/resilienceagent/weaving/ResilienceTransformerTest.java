package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.sample.ConcreteBase;
import com.example.sample.FlakyTarget;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResilienceTransformerTest {
    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private ResilienceTransformer transformer;

    @BeforeEach
    void setUp() {
        List<MethodMapping> mappings = List.of(
                new MethodMapping(MethodPattern.parse(FlakyTarget.class.getName() + ".fetch"), "svc"));
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS)), mappings);
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        MethodSelector selector = new MethodSelector(mappings);
        transformer = new ResilienceTransformer(selector, new ClassInstrumenter(registry, selector));
    }

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    private byte[] transform(Class<?> type, byte[] classFile) {
        return transformer.transform(getClass().getClassLoader(), type.getName().replace('.', '/'), null, null, classFile);
    }

    @Test
    void aClassThatFailsToTransformLoadsUnchangedWithOneLogLine() throws Exception {
        byte[] original = ClassHeaderTest.classFile(FlakyTarget.class);
        byte[] truncated = Arrays.copyOf(original, original.length * 2 / 3);

        assertThat(transform(FlakyTarget.class, truncated)).isNull();

        assertThat(agentLog.text().lines())
                .singleElement()
                .asString()
                .startsWith("WARN  Could not instrument " + FlakyTarget.class.getName() + ", it runs unprotected: ");
    }

    @Test
    void aCoveredClassIsRewritten() throws Exception {
        byte[] original = ClassHeaderTest.classFile(FlakyTarget.class);

        byte[] transformed = transform(FlakyTarget.class, original);

        assertThat(transformed).isNotNull().isNotEqualTo(original);
    }

    @Test
    void classesNoPatternCoversAreLeftAloneSilentlyWithoutReadingThem() throws Exception {
        assertThat(transform(ConcreteBase.class, ClassHeaderTest.classFile(ConcreteBase.class))).isNull();
        assertThat(transformer.transform(getClass().getClassLoader(), "com/example/Uncovered", null, null, new byte[] {1}))
                .as("decided by the name alone: the (broken) class file is never read").isNull();
        assertThat(transformer.transform(null, "java/lang/Foo", null, null, new byte[] {1})).isNull();
        assertThat(transformer.transform(null, null, null, null, new byte[] {1})).isNull();

        assertThat(agentLog.text()).isEmpty();
    }
}
