package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeHierarchyTest {
    private final TypeHierarchy hierarchy = new TypeHierarchy(new PatternIndex(List.of(
            new MethodMapping(MethodPattern.parse("com.example.sample.Fetcher.fetch"), "fetch"))));

    @Test
    void aLoaderKeepsItsEntryWhileItLives() {
        ClassLoader first = newLoader();
        ClassLoader second = newLoader();

        assertThat(hierarchy.inheritancePossible(first)).as("Fetcher is an interface").isTrue();
        assertThat(hierarchy.inheritancePossible(second)).isTrue();
        assertThat(hierarchy.inheritancePossible(first)).isTrue();

        assertThat(hierarchy.loadersKnown()).isEqualTo(2);
    }

    @Test
    void theEntriesOfCollectedLoadersGoAtTheNextClassLoadThroughAnotherLoader() {
        ClassLoader application = newLoader();
        hierarchy.inheritancePossible(application);
        List<WeakReference<ClassLoader>> redeployed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClassLoader loader = newLoader();
            hierarchy.inheritancePossible(loader);
            redeployed.add(new WeakReference<>(loader));
        }
        assertThat(hierarchy.loadersKnown()).isEqualTo(4);

        for (int round = 0; round < 50 && redeployed.stream().anyMatch(ref -> ref.get() != null); round++) {
            System.gc();
        }
        assertThat(redeployed).as("the cache holds no loader").allMatch(ref -> ref.get() == null);
        hierarchy.inheritancePossible(application);
        assertThat(hierarchy.loadersKnown()).as("the application's loader only").isEqualTo(1);

        hierarchy.inheritancePossible(newLoader());
        assertThat(hierarchy.loadersKnown()).isEqualTo(2);
    }

    private ClassLoader newLoader() {
        return new URLClassLoader(new URL[0], getClass().getClassLoader());
    }
}
