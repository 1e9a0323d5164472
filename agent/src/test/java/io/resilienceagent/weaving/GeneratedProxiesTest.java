package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Classes frameworks generate around the application's are never woven, known by a name the generator
 * gives them or by an interface they implement, however a pattern covers them; and one whose loader
 * serves no class file is not transformed again for nothing on a reload or an attach.
 */
class GeneratedProxiesTest {
    private static final String FETCHER = "com/example/sample/Fetcher";

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    /** A class {@code internalName} implementing {@code interfaces}, with {@code String fetch(String)} returning its argument. */
    private static byte[] fetcherClass(String internalName, String... interfaces) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", interfaces);
        GeneratedClasses.defaultConstructor(cw, "java/lang/Object");
        MethodVisitor fetch = cw.visitMethod(Opcodes.ACC_PUBLIC, "fetch", "(Ljava/lang/String;)Ljava/lang/String;", null, null);
        fetch.visitCode();
        fetch.visitVarInsn(Opcodes.ALOAD, 1);
        fetch.visitInsn(Opcodes.ARETURN);
        fetch.visitMaxs(0, 0);
        fetch.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static List<MethodMapping> mappings(String pattern) {
        return List.of(new MethodMapping(MethodPattern.parse(pattern), "svc"));
    }

    private static ServiceRegistry registry(List<MethodMapping> mappings) {
        return new ServiceRegistry(new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS)), mappings),
                Timing.SYSTEM, BreakerListener.NONE);
    }

    @Test
    void aClassImplementingAProxyInterfaceIsNotWovenWhateverItsName() {
        List<MethodMapping> wildcard = mappings("com.example.gen.*.fetch");
        ServiceRegistry registry = registry(wildcard);
        ClassInstrumenter instrumenter = new ClassInstrumenter(registry, new MethodSelector(wildcard));

        byte[] quarkusSubclass = instrumenter.instrument("com.example.gen.Client_Subclass",
                fetcherClass("com/example/gen/Client_Subclass", "io/quarkus/arc/Subclass"), wildcard, getClass().getClassLoader());
        byte[] springProxy = instrumenter.instrument("com.example.gen.Client$$SpringCGLIB$$0",
                fetcherClass("com/example/gen/Client$$SpringCGLIB$$0"), wildcard, getClass().getClassLoader());
        byte[] client = instrumenter.instrument("com.example.gen.Client", fetcherClass("com/example/gen/Client"), wildcard,
                getClass().getClassLoader());

        assertThat(quarkusSubclass).as("by its interface").isNull();
        assertThat(springProxy).as("by its name").isNull();
        assertThat(client).as("the application's own class").isNotNull();
        assertThat(registry.instrumentedMethods()).containsExactly("com.example.gen.Client.fetch(java.lang.String)");
    }

    @Test
    void aJdkProxyOfAnInterfaceWhoseMethodAPatternNamesGetsOneLine() {
        List<MethodMapping> byInterface = mappings("com.example.sample.Fetcher.fetch");
        MethodSelector selector = new MethodSelector(byInterface);
        ResilienceTransformer transformer = new ResilienceTransformer(selector, new ClassInstrumenter(registry(byInterface), selector));

        for (String name : new String[] {"jdk/proxy2/$Proxy12", "jdk/proxy3/$Proxy15"}) { // one per class loader
            assertThat(transformer.transform(null, getClass().getClassLoader(), name, null, null, fetcherClass(name, FETCHER)))
                    .isNull();
        }

        assertThat(agentLog.text().lines()).containsExactly("WARN  com.example.sample.Fetcher is implemented by "
                + "jdk.proxy2.$Proxy12, a java.lang.reflect.Proxy (as Feign, Retrofit and Spring's HTTP interface clients "
                + "and repositories make), which the agent does not weave: calls through it run unprotected; protect the "
                + "application's method that calls it");
    }

    @Test
    void noLineForAProxyOfAnInterfaceWhoseMethodsNoPatternNamesAsAnAnnotationsProxy() {
        List<MethodMapping> wildcard = mappings("com.example.sample.*.fetch");
        MethodSelector selector = new MethodSelector(wildcard);
        ResilienceTransformer transformer = new ResilienceTransformer(selector, new ClassInstrumenter(registry(wildcard), selector));
        ClassWriter audited = new ClassWriter(0); // an annotation's proxy: the annotation type and its value()
        audited.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "jdk/proxy2/$Proxy20", null, "java/lang/reflect/Proxy",
                new String[] {"com/example/sample/Audited"});
        audited.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "value", "()Ljava/lang/String;", null, null).visitEnd();
        audited.visitEnd();

        assertThat(transformer.transform(null, getClass().getClassLoader(), "jdk/proxy2/$Proxy20", null, null,
                audited.toByteArray())).isNull();

        assertThat(agentLog.text()).isEmpty();
    }

    @Test
    void aSpringProxyGetsTheLineOnlyIfNoClassThePatternCoversWasWoven() {
        List<MethodMapping> byInterface = mappings("com.example.sample.Fetcher.fetch");
        MethodSelector selector = new MethodSelector(byInterface);
        ResilienceTransformer transformer = new ResilienceTransformer(selector, new ClassInstrumenter(registry(byInterface), selector));
        String spring = "org/springframework/aop/SpringProxy";

        // a Spring HTTP interface client or repository: no bean behind it
        transformer.transform(null, getClass().getClassLoader(), "jdk/proxy2/$Proxy30", null, null,
                fetcherClass("jdk/proxy2/$Proxy30", FETCHER, spring));
        assertThat(agentLog.text()).contains("WARN  com.example.sample.Fetcher is implemented by jdk.proxy2.$Proxy30");

        // a Spring proxy of a bean, woven first
        List<MethodMapping> again = mappings("com.example.sample.Fetcher.fetch");
        MethodSelector beanSelector = new MethodSelector(again);
        ResilienceTransformer beans = new ResilienceTransformer(beanSelector, new ClassInstrumenter(registry(again), beanSelector));
        assertThat(beans.transform(null, getClass().getClassLoader(), "com/example/sample/FetcherBean", null, null,
                fetcherClass("com/example/sample/FetcherBean", FETCHER))).as("the bean, woven").isNotNull();
        beans.transform(null, getClass().getClassLoader(), "jdk/proxy2/$Proxy31", null, null,
                fetcherClass("jdk/proxy2/$Proxy31", FETCHER, spring));
        assertThat(agentLog.text()).doesNotContain("$Proxy31");
    }

    @Test
    void aProxyWhoseLoaderServesNoClassFileIsNotTransformedAgainOnAnAttach() throws Exception {
        ClassLoader definesFromBytes = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = fetcherClass(name.replace('.', '/'), FETCHER);
                return defineClass(name, bytes, 0, bytes.length);
            }

            @Override
            public java.net.URL getResource(String name) {
                return name.startsWith("com/example/sample/") ? null : super.getResource(name);
            }

            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                return name.startsWith("com/example/sample/") ? null : super.getResourceAsStream(name);
            }
        };
        Class<?> proxy = definesFromBytes.loadClass("com.example.sample.Gen$$SpringCGLIB$$0");
        Class<?> plain = definesFromBytes.loadClass("com.example.sample.GenClient");
        List<MethodMapping> byInterface = mappings("com.example.sample.Fetcher.fetch");
        MethodSelector selector = new MethodSelector(byInterface);
        ResilienceTransformer transformer = new ResilienceTransformer(selector, new ClassInstrumenter(registry(byInterface), selector));
        List<Class<?>> retransformed = new ArrayList<>();
        Instrumentation jvm = (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (self, method, args) -> switch (method.getName()) {
                    case "getAllLoadedClasses" -> new Class<?>[] {proxy, plain};
                    case "isModifiableClass" -> true;
                    case "retransformClasses" -> {
                        retransformed.addAll(Arrays.asList((Class<?>[]) args[0]));
                        yield null;
                    }
                    default -> null;
                });

        transformer.install(jvm, true);

        assertThat(retransformed).containsExactly(plain);
    }
}
