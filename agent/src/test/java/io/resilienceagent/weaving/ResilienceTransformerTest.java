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
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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

    /** An {@code Instrumentation} whose loaded classes are {@code loaded}'s, asked anew each time; records what is retransformed. */
    private static Instrumentation jvm(Supplier<Class<?>[]> loaded, List<Class<?>> retransformed) {
        return (Instrumentation) Proxy.newProxyInstance(ResilienceTransformerTest.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAllLoadedClasses" -> loaded.get();
                    case "isModifiableClass" -> true;
                    case "retransformClasses" -> {
                        retransformed.addAll(Arrays.asList((Class<?>[]) args[0]));
                        yield null;
                    }
                    default -> null;
                });
    }

    @Test
    void aReloadWithoutTheJdkHttpClientsPatternTransformsTheClientItWoveAgain() {
        Class<?> client = java.net.http.HttpClient.newHttpClient().getClass(); // the JDK's implementation
        List<Class<?>> retransformed = new ArrayList<>();
        transformer.install(jvm(() -> new Class<?>[] {client, String.class, FlakyTarget.class}, retransformed), false);
        retransformed.clear(); // the patterns name FlakyTarget only

        transformer.retransform(Set.of(client.getName())); // woven by the patterns before the reload

        assertThat(retransformed).containsExactlyInAnyOrder(client, FlakyTarget.class);
    }

    @Test
    void aClassDefinedWhileAReloadLooksAtTheLoadedClassesIsTransformedToo() {
        AtomicInteger looks = new AtomicInteger();
        List<Class<?>> retransformed = new ArrayList<>();
        // FlakyTarget's transformation began under the earlier patterns; it is defined once the first look is taken
        transformer.install(jvm(() -> looks.getAndIncrement() == 0 ? new Class<?>[] {String.class}
                : new Class<?>[] {String.class, FlakyTarget.class}, retransformed), true);

        assertThat(retransformed).containsExactly(FlakyTarget.class);
        assertThat(looks).as("looked until a look found no class not seen").hasValue(3);
    }

    @Test
    void aLoadedClassWhoseLoaderServesNoClassFilesIsTransformedAgainWhenAnInterfacePatternMayCoverIt() throws Exception {
        byte[] classFile = ClassHeaderTest.classFile(FlakyTarget.class);
        ClassLoader definesFromBytes = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (name.equals(FlakyTarget.class.getName())) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : defineClass(name, classFile, 0, classFile.length);
                    }
                    return super.loadClass(name, resolve);
                }
            }

            @Override
            public java.net.URL getResource(String name) {
                return null; // as a script engine's loader: classes defined from bytes, no class files to read
            }

            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                return null;
            }
        };
        Class<?> generated = definesFromBytes.loadClass(FlakyTarget.class.getName());
        List<MethodMapping> byInterface = List.of(new MethodMapping(MethodPattern.parse("com.example.sample.Fetcher.fetch"), "svc"));
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS)), byInterface);
        MethodSelector selector = new MethodSelector(byInterface);
        ResilienceTransformer attached = new ResilienceTransformer(selector,
                new ClassInstrumenter(new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE), selector));
        List<Class<?>> retransformed = new ArrayList<>();

        attached.install(jvm(() -> new Class<?>[] {generated, ConcreteBase.class, String.class}, retransformed), true);

        assertThat(retransformed).as("the JVM's bytes decide; a class whose file is read and not covered is left alone")
                .containsExactly(generated);
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
