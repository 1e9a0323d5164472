package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import com.example.sample.ConcreteBase;
import com.example.sample.DeepClient;
import com.example.sample.FlakyTarget;
import com.example.sample.MiddleClient;
import com.example.sample.SubOfConcrete;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodSelectorTest {
    private static final String PKG = "com.example.sample.";

    private static MethodMapping map(String pattern, String service) {
        return new MethodMapping(MethodPattern.parse(pattern), service);
    }

    private static List<String> servicesCovering(MethodSelector selector, Class<?> type) throws IOException {
        return covering(selector, type).stream().map(MethodMapping::service).toList();
    }

    @Test
    void aPatternCoversTheClassItNames() throws IOException {
        MethodSelector selector = new MethodSelector(List.of(map(PKG + "FlakyTarget.fetch", "a")));

        assertThat(servicesCovering(selector, FlakyTarget.class)).containsExactly("a");
        assertThat(servicesCovering(selector, ConcreteBase.class)).isEmpty();
    }

    @Test
    void anInterfacePatternCoversImplementationsAtAnyDepth() throws IOException {
        MethodSelector selector = new MethodSelector(List.of(map(PKG + "Fetcher.*", "fetch")));

        assertThat(servicesCovering(selector, FlakyTarget.class)).containsExactly("fetch");
        assertThat(servicesCovering(selector, MiddleClient.class)).containsExactly("fetch");
        assertThat(servicesCovering(selector, DeepClient.class)).containsExactly("fetch");
    }

    @Test
    void aClassDeclaringNoMethodAPatternNamesIsNotCoveredAndItsSupertypesAreNotRead() throws Exception {
        CountingLoader loader = new CountingLoader(getClass().getClassLoader());
        MethodSelector selector = new MethodSelector(List.of(map(PKG + "Fetcher.fetch", "fetch"), map("com.other.*Client.get*", "w")));
        byte[] deep = ClassHeaderTest.classFile(DeepClient.class);
        byte[] middle = ClassHeaderTest.classFile(MiddleClient.class);

        assertThat(selector.mappingsCovering(PKG.replace('.', '/') + "DeepClient", () -> deep, loader))
                .as("DeepClient declares call() only: nothing to weave, whatever it inherits").isEmpty();
        assertThat(loader.reads).isEmpty();
        assertThat(selector.mappingsCovering(PKG.replace('.', '/') + "MiddleClient", () -> middle, loader))
                .extracting(MethodMapping::service).containsExactly("fetch");
        assertThat(loader.reads).contains(PKG.replace('.', '/') + "Fetcher.class");
    }

    @Test
    void anAbstractClassPatternCoversSubclasses() throws IOException {
        MethodSelector selector = new MethodSelector(List.of(map(PKG + "BaseClient.call", "call")));

        assertThat(servicesCovering(selector, DeepClient.class)).containsExactly("call");
    }

    @Test
    void aConcreteClassPatternDoesNotCoverSubclasses() throws IOException {
        MethodSelector selector = new MethodSelector(List.of(map(PKG + "ConcreteBase.call", "base")));

        assertThat(servicesCovering(selector, ConcreteBase.class)).containsExactly("base");
        assertThat(servicesCovering(selector, SubOfConcrete.class)).isEmpty();
    }

    @Test
    void wildcardsMatchInsideOneSegment() throws IOException {
        MethodSelector selector = new MethodSelector(List.of(map("com.example.*.Flaky*.*", "w")));

        assertThat(servicesCovering(selector, FlakyTarget.class)).containsExactly("w");
        assertThat(servicesCovering(new MethodSelector(List.of(map("com.*.Flaky*.*", "w"))), FlakyTarget.class))
                .as("* never crosses a dot").isEmpty();
    }

    @Test
    void patternsNamingConcreteClassesOnlyNeverReadASupertype() throws Exception {
        CountingLoader loader = new CountingLoader(getClass().getClassLoader());
        MethodSelector selector = new MethodSelector(List.of(map(PKG + "FlakyTarget.fetch", "a"), map(PKG + "ConcreteBase.call", "b")));

        for (Class<?> type : List.of(DeepClient.class, MiddleClient.class, SubOfConcrete.class, FlakyTarget.class)) {
            byte[] classFile = ClassHeaderTest.classFile(type);
            selector.mappingsCovering(type.getName().replace('.', '/'), () -> {
                throw new AssertionError("the class file of " + type + " was read");
            }, loader);
        }

        assertThat(loader.reads).as("only the classes patterns name, to see they are concrete, and what they extend")
                .containsExactlyInAnyOrder(PKG.replace('.', '/') + "FlakyTarget.class", PKG.replace('.', '/') + "Fetcher.class",
                        PKG.replace('.', '/') + "ConcreteBase.class");
    }

    @Test
    void aClassNamedExactlyIsCoveredWhenItsClassFileCannotBeReadAndAnotherPatternCouldBeInherited() {
        MethodSelector selector = new MethodSelector(List.of(map(PKG + "FlakyTarget.fetch", "a"), map("com.other.*Client.get*", "w")));

        // a class loaded before the agent whose loader serves no .class resource for it
        assertThat(selector.mappingsCovering(PKG.replace('.', '/') + "FlakyTarget", () -> new byte[0],
                MethodSelectorTest.class.getClassLoader())).extracting(MethodMapping::service).containsExactly("a");
    }

    @Test
    void supertypesAreReadOncePerLoaderWhenAPatternNamesAnInterface() throws Exception {
        CountingLoader loader = new CountingLoader(getClass().getClassLoader());
        MethodSelector selector = new MethodSelector(List.of(map(PKG + "Fetcher.*", "fetch")));

        for (Class<?> type : List.of(DeepClient.class, DeepClient.class, MiddleClient.class)) {
            byte[] classFile = ClassHeaderTest.classFile(type);
            assertThat(selector.mappingsCovering(type.getName().replace('.', '/'), () -> classFile, loader))
                    .extracting(MethodMapping::service).containsExactly("fetch");
        }

        assertThat(loader.reads).doesNotHaveDuplicates().contains(PKG.replace('.', '/') + "Fetcher.class");
    }

    /** Counts the class files read through it. */
    private static final class CountingLoader extends ClassLoader {
        final List<String> reads = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            reads.add(name);
            return super.getResourceAsStream(name);
        }
    }

    @Test
    void theFirstMappingInFileOrderWinsForAMethod() throws Exception {
        MethodSelector selector = new MethodSelector(List.of(
                map(PKG + "FlakyTarget.fetch(java.lang.String)", "exact"), map(PKG + "FlakyTarget.*", "rest")));
        byte[] classFile = ClassHeaderTest.classFile(FlakyTarget.class);
        List<MethodMapping> covering = covering(selector, FlakyTarget.class);
        List<MethodInfo> methods = ClassHeader.methods(classFile);

        assertThat(serviceOf(covering, methods, "fetch")).isEqualTo("exact");
        assertThat(serviceOf(covering, methods, "count")).isEqualTo("rest");
        assertThat(serviceOf(covering, methods, "<init>")).isNull();
    }

    @Test
    void unmatchedPatternsShrinkAsPatternsMatch() {
        MethodMapping used = map(PKG + "FlakyTarget.fetch", "a");
        MethodSelector selector = new MethodSelector(List.of(used, map("com.example.Missing.call", "b")));

        selector.markMatched(used);

        assertThat(selector.unmatchedPatterns()).containsExactly("com.example.Missing.call");
    }

    @Test
    void signaturesAndDisplayNamesAreAsTheReadmeWritesThem() {
        MethodInfo fetch = new MethodInfo("fetch", "(Ljava/lang/String;[BJ)Ljava/lang/String;", 1);
        MethodInfo nested = new MethodInfo("call", "()V", 1);

        assertThat(MethodSelector.signature(PKG + "FlakyTarget", fetch))
                .isEqualTo(PKG + "FlakyTarget.fetch(java.lang.String,byte[],long)");
        assertThat(MethodSelector.displayName(PKG + "FlakyTarget", fetch)).isEqualTo("FlakyTarget.fetch");
        assertThat(MethodSelector.displayName(PKG + "Outer$Inner", nested)).isEqualTo("Inner.call");
        assertThat(MethodSelector.displayName(PKG + "Obj$", nested)).as("a Scala object's class").isEqualTo("Obj.call");
        assertThat(MethodSelector.displayName(PKG + "Outer$1", nested)).as("an anonymous class").isEqualTo("Outer$1.call");
        assertThat(MethodSelector.displayName("Top", nested)).isEqualTo("Top.call");
    }

    @Test
    void aWildcardMethodNameNeverCoversObjectsMethodsAndAnExactNameDoes() {
        List<MethodMapping> all = List.of(map(PKG + "FlakyTarget.*", "all"));
        MethodInfo toString = new MethodInfo("toString", "()Ljava/lang/String;", 1);
        MethodInfo hashCode = new MethodInfo("hashCode", "()I", 1);
        MethodInfo equals = new MethodInfo("equals", "(Ljava/lang/Object;)Z", 1);
        MethodInfo finalize = new MethodInfo("finalize", "()V", 4);

        for (MethodInfo method : List.of(toString, hashCode, equals, finalize)) {
            assertThat(MethodSelector.mappingFor(all, method)).as(method.name()).isEmpty();
            assertThat(MethodSelector.mappingFor(List.of(map(PKG + "FlakyTarget.*" + method.name().substring(1), "some")), method))
                    .as(method.name()).isEmpty();
            assertThat(MethodSelector.mappingFor(List.of(map(PKG + "FlakyTarget." + method.name(), "named")), method))
                    .as(method.name() + ", named").isPresent();
        }
        assertThat(MethodSelector.mappingFor(all, new MethodInfo("toString", "(I)Ljava/lang/String;", 1)))
                .as("an overload of another signature").isPresent();
        assertThat(MethodSelector.mappingFor(all, new MethodInfo("equals", "(Ljava/lang/String;)Z", 1))).isPresent();
        assertThat(MethodSelector.mappingFor(all, new MethodInfo("hashCode", "()I", 9))).as("a static one").isPresent();
    }

    @Test
    void generatedProxiesAreKnownByTheirNamesOrTheirInterfaces() {
        assertThat(GeneratedProxies.isProxyName("com/example/QuoteService$$SpringCGLIB$$0")).isTrue();
        assertThat(GeneratedProxies.isProxyName("com/example/QuoteService$$EnhancerBySpringCGLIB$$1a2b")).isTrue();
        assertThat(GeneratedProxies.isProxyName("com/example/Order$HibernateProxy$AbCd")).isTrue();
        assertThat(GeneratedProxies.isProxyName("com/example/Client$MockitoMock$123")).isTrue();
        assertThat(GeneratedProxies.isProxyName("com/example/Client$$anon$1")).as("a Scala anonymous class").isFalse();
        assertThat(GeneratedProxies.isProxyName("com/example/Outer$Inner")).isFalse();
        assertThat(GeneratedProxies.implementsProxyInterface(List.of("java/io/Serializable", "org/springframework/aop/SpringProxy")))
                .isTrue();
        assertThat(GeneratedProxies.implementsProxyInterface(List.of("io/quarkus/arc/Subclass"))).isTrue();
        assertThat(GeneratedProxies.implementsProxyInterface(List.of("com/example/Api"))).isFalse();
    }

    @Test
    void neverCoversConstructorsAbstractBridgeOrSyntheticMethods() {
        List<MethodMapping> all = List.of(map(PKG + "FlakyTarget.*", "all"));

        assertThat(MethodSelector.mappingFor(all, new MethodInfo("<init>", "()V", 1))).isEmpty();
        assertThat(MethodSelector.mappingFor(all, new MethodInfo("<clinit>", "()V", 8))).isEmpty();
        assertThat(MethodSelector.mappingFor(all, new MethodInfo("a", "()V", 0x0400))).isEmpty();
        assertThat(MethodSelector.mappingFor(all, new MethodInfo("b", "()V", 0x0040))).isEmpty();
        assertThat(MethodSelector.mappingFor(all, new MethodInfo("lambda$c$0", "()V", 0x1000))).isEmpty();
        assertThat(MethodSelector.mappingFor(all, new MethodInfo("d", "()V", 1))).isPresent();
    }

    /**
     * The mappings covering {@code type}, as the transformer finds them when the class loads: its first
     * look ({@code mayCover}) must accept every class that some mapping covers, or that class would be
     * passed over unprotected.
     */
    static List<MethodMapping> covering(MethodSelector selector, Class<?> type) throws IOException {
        byte[] classFile = ClassHeaderTest.classFile(type);
        String internalName = type.getName().replace('.', '/');
        List<MethodMapping> covering = selector.mappingsCovering(internalName, () -> classFile, type.getClassLoader());
        boolean mayCover = selector.mayCover(internalName, classFile, type.getClassLoader());
        assertThat(mayCover || covering.isEmpty()).as("the first look passes over %s, which %s cover", type, covering).isTrue();
        return mayCover ? covering : List.of();
    }

    private static String serviceOf(List<MethodMapping> covering, List<MethodInfo> methods, String method) {
        return methods.stream()
                .filter(m -> m.name().equals(method))
                .findFirst()
                .flatMap(m -> MethodSelector.mappingFor(covering, m))
                .map(MethodMapping::service)
                .orElse(null);
    }

    @Test
    void ignoresTheJdkTheAgentAndGeneratedClasses() {
        for (String name : Arrays.asList("java/lang/String", "jdk/internal/Foo", "sun/misc/Unsafe", "javax/net/Foo",
                "io/resilienceagent/policy/ServiceGuard", "net/bytebuddy/ByteBuddy", "com/example/Foo$$Lambda$12")) {
            assertThat(ResilienceTransformer.isIgnored(name)).as(name).isTrue();
        }
        assertThat(ResilienceTransformer.isIgnored("com/example/claude/ClaudeClient")).isFalse();
        assertThat(ResilienceTransformer.isIgnored("javax/jms/MessageProducer")).as("a library in javax.*").isFalse();
        assertThat(ResilienceTransformer.isIgnored("com/sun/jersey/api/client/WebResource")).as("a library in com.sun.*").isFalse();
        assertThat(ResilienceTransformer.isIgnored("com/sun/net/httpserver/HttpServer")).as("the JDK's com.sun.*").isTrue();
        assertThat(ResilienceTransformer.isIgnored("com/example/app/FlakyApp"))
                .as("applications may live under io.resilienceagent too").isFalse();
    }

    @Test
    void ignoresProxiesAndLambdasByTheirMarkAndNothingElseWithADollar() {
        for (String name : Arrays.asList("$Proxy12", "com/example/$Proxy3", "com/example/Outer$Inner$$Lambda$7",
                "jdk/proxy1/$Proxy9", "com/example/Outer$$Lambda")) {
            assertThat(ResilienceTransformer.isIgnored(name)).as(name).isTrue();
        }
        for (String name : Arrays.asList("com/example/Outer$Inner", "com/example/Outer$Proxy", "com/example/Cost$",
                "com/example/$Lambda", "com/example/Outer$1", "scala/Option$", "sunny/Day", "jakarta/ws/rs/Path",
                "netty/Channel", "iox/Stream", "c", "")) {
            assertThat(ResilienceTransformer.isIgnored(name)).as(name).isFalse();
        }
    }
}
