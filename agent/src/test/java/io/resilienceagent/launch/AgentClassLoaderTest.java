package io.resilienceagent.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.bootstrap.Dispatcher;
import com.example.sample.Fetcher;
import com.example.sample.FlakyTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AgentClassLoaderTest {
    private static AgentClassLoader loaderOf(Packs packs) throws IOException {
        return new AgentClassLoader(AgentPack.parse(packs.bytes()), null, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void definesPackedClassesItselfApartFromTheApplicationsLoader() throws Exception {
        AgentClassLoader loader = loaderOf(new Packs().addClass(Fetcher.class).addClass(FlakyTarget.class));

        Class<?> target = Class.forName(FlakyTarget.class.getName(), false, loader);

        assertThat(target.getClassLoader()).isSameAs(loader);
        assertThat(target).isNotSameAs(FlakyTarget.class);
        assertThat(target.getInterfaces()[0].getClassLoader()).as("its interface comes from the pack too").isSameAs(loader);
    }

    @Test
    void asksItsParentOnlyForAClassOfAPlatformModule() throws Exception {
        List<String> asked = new ArrayList<>();
        ClassLoader parent = new ClassLoader("recording", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };
        AgentClassLoader loader = new AgentClassLoader(AgentPack.parse(new Packs().addClass(Fetcher.class)
                .addClass(FlakyTarget.class).bytes()), null, parent);

        Class<?> target = Class.forName(FlakyTarget.class.getName(), true, loader); // links against JDK classes too
        Class<?> list = Class.forName("java.util.ArrayList", false, loader);
        Class<?> httpClient = Class.forName("java.net.http.HttpClient", false, loader);

        assertThat(target.getClassLoader()).isSameAs(loader);
        assertThat(list).isSameAs(ArrayList.class);
        assertThat(httpClient.getClassLoader()).isSameAs(ClassLoader.getPlatformClassLoader());
        assertThat(asked).as("the packed classes and the bootstrap class loader's are found without the parent")
                .containsExactly("java.net.http.HttpClient");
    }

    @Test
    void aClassMissingFromThePackIsNotFoundEvenIfTheApplicationHasIt() throws IOException {
        AgentClassLoader loader = loaderOf(new Packs().addClass(Fetcher.class));

        assertThatThrownBy(() -> Class.forName(FlakyTarget.class.getName(), false, loader))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void neverDefinesTheBootstrapClassesButServesTheirClassFiles() throws IOException {
        AgentClassLoader loader = loaderOf(new Packs().addClass(Dispatcher.class).addClass(CircuitBreakerOpenException.class));

        assertThatThrownBy(() -> loader.findClass(Dispatcher.class.getName()))
                .isInstanceOf(ClassNotFoundException.class).hasMessageContaining("bootstrap class loader");
        assertThatThrownBy(() -> loader.findClass(CircuitBreakerOpenException.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
        try (InputStream in = loader.getResourceAsStream("io/resilienceagent/bootstrap/Dispatcher.class")) {
            assertThat(in).isNotNull();
            assertThat(in.readAllBytes()).startsWith(0xCA, 0xFE, 0xBA, 0xBE);
        }
    }

    @Test
    void servesAFingerprintThatChangesWithAnyByteOfThePack() throws IOException {
        byte[] content = "a".getBytes(StandardCharsets.UTF_8);
        String one = fingerprint(loaderOf(new Packs().add("x.txt", content)));
        String same = fingerprint(loaderOf(new Packs().add("x.txt", content)));
        String other = fingerprint(loaderOf(new Packs().add("x.txt", "b".getBytes(StandardCharsets.UTF_8))));

        assertThat(one).matches("[0-9a-f]{1,8}-[0-9a-f]{1,8}-[0-9]+").isEqualTo(same).isNotEqualTo(other);
    }

    private static String fingerprint(AgentClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(AgentPack.FINGERPRINT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void servesPackedResourcesWithOrWithoutALeadingSlash() throws IOException {
        AgentClassLoader loader = loaderOf(new Packs().add("resilience-agent.properties",
                "version=9.9.9\n".getBytes(StandardCharsets.UTF_8)));

        try (InputStream plain = loader.getResourceAsStream("resilience-agent.properties");
                InputStream slashed = loader.getResourceAsStream("/resilience-agent.properties")) {
            assertThat(new String(plain.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("version=9.9.9\n");
            assertThat(slashed).isNotNull();
        }
        assertThat(loader.getResourceAsStream("missing.txt")).isNull();
    }

    @Test
    void theBootstrapLayerIsExactlyTheBootstrapPackageAndTheOpenException() throws IOException, URISyntaxException {
        Path classes = Path.of(Dispatcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> bootstrapPackage;
        try (Stream<Path> files = Files.list(classes.resolve("io/resilienceagent/bootstrap"))) {
            bootstrapPackage = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .map(n -> "io.resilienceagent.bootstrap." + n.substring(0, n.length() - ".class".length())).toList();
        }

        assertThat(bootstrapPackage).isNotEmpty().allMatch(AgentClassLoader::isBootstrapClass);
        assertThat(AgentClassLoader.isBootstrapClass(CircuitBreakerOpenException.class.getName())).isTrue();
        assertThat(AgentClassLoader.isBootstrapClass("io.resilienceagent.policy.CircuitBreaker")).isFalse();
        assertThat(AgentClassLoader.isBootstrapClass("io.resilienceagent.CircuitBreakerOpenExceptionX")).isFalse();
    }
}
