package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import io.resilienceagent.log.AgentLogCapture;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TypeHierarchyTest {
    private static final String FETCHER = "com/example/sample/Fetcher";

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private final TypeHierarchy hierarchy = new TypeHierarchy(new PatternIndex(List.of(
            new MethodMapping(MethodPattern.parse("com.example.sample.Fetcher.fetch"), "fetch"))));

    @Test
    void aLoaderKeepsItsEntryWhileItLives() {
        ClassLoader first = newLoader();
        ClassLoader second = newLoader();

        assertThat(hierarchy.inheritancePossible(first, FETCHER)).as("Fetcher is an interface").isTrue();
        assertThat(hierarchy.inheritancePossible(second, FETCHER)).isTrue();
        assertThat(hierarchy.inheritancePossible(first, FETCHER)).isTrue();

        assertThat(hierarchy.loadersKnown()).isEqualTo(2);
    }

    @Test
    void theEntriesOfCollectedLoadersGoAtTheNextClassLoadThroughAnotherLoader() {
        ClassLoader application = newLoader();
        hierarchy.inheritancePossible(application, FETCHER);
        List<WeakReference<ClassLoader>> redeployed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClassLoader loader = newLoader();
            hierarchy.inheritancePossible(loader, FETCHER);
            redeployed.add(new WeakReference<>(loader));
        }
        assertThat(hierarchy.loadersKnown()).isEqualTo(4);

        for (int round = 0; round < 50 && redeployed.stream().anyMatch(ref -> ref.get() != null); round++) {
            System.gc();
        }
        assertThat(redeployed).as("the cache holds no loader").allMatch(ref -> ref.get() == null);
        hierarchy.inheritancePossible(application, FETCHER);
        assertThat(hierarchy.loadersKnown()).as("the application's loader only").isEqualTo(1);

        hierarchy.inheritancePossible(newLoader(), FETCHER);
        assertThat(hierarchy.loadersKnown()).isEqualTo(2);
    }

    @Test
    void anImplementationOfANamedInterfaceIsCoveredInALoaderThatServesNoClassFiles() throws Exception {
        MethodSelector selector = selectorOf("com.example.sample.Fetcher.fetch", "fetch");
        String flaky = "com/example/sample/FlakyTarget";
        byte[] classFile = classFile(flaky);

        assertThat(selector.mayCover(flaky, classFile, new BytesOnlyLoader())).isTrue();
        assertThat(selector.mappingsCovering(flaky, new MethodSelector.GivenBytes(classFile), new BytesOnlyLoader()))
                .extracting(MethodMapping::service).containsExactly("fetch");
        assertThat(agentLog.text()).isEmpty();
    }

    @Test
    void aSubclassOfANamedClassThatCannotBeReadGetsOneWarningNamingTheFix() throws Exception {
        MethodSelector selector = selectorOf("com.example.sample.BaseClient.fetch", "base");
        String middle = "com/example/sample/MiddleClient";
        byte[] classFile = classFile(middle);
        ClassLoader loader = new BytesOnlyLoader();

        assertThat(selector.mappingsCovering(middle, new MethodSelector.GivenBytes(classFile), loader)).isEmpty();
        selector.mappingsCovering(middle, new MethodSelector.GivenBytes(classFile), loader);

        assertThat(agentLog.text().lines()).singleElement().asString().startsWith("WARN  Cannot tell whether "
                + "com.example.sample.BaseClient, which a pattern names, is an abstract class").contains(
                "com.example.sample.MiddleClient").endsWith("name those classes in the config");
    }

    private static MethodSelector selectorOf(String pattern, String service) {
        return new MethodSelector(List.of(new MethodMapping(MethodPattern.parse(pattern), service)));
    }

    private static byte[] classFile(String internalName) throws java.io.IOException {
        try (java.io.InputStream in = TypeHierarchyTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    /** A class loader that defines classes from bytes and serves none as a resource (a script engine's, say). */
    private static final class BytesOnlyLoader extends ClassLoader {
        BytesOnlyLoader() {
            super(null);
        }

        @Override
        public URL getResource(String name) {
            return null;
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            return null;
        }
    }

    private ClassLoader newLoader() {
        return new URLClassLoader(new URL[0], getClass().getClassLoader());
    }
}
