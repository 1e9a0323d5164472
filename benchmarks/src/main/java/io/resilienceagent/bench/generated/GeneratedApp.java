package io.resilienceagent.bench.generated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A generated large application, written to a directory: {@code app.jar} (see {@link AppLayout}) and
 * its agent configs, {@code patterns-2.yaml}, {@code patterns-N.yaml}, {@code patterns-N-exact.yaml} and
 * {@code patterns-2-wildcard.yaml} (see {@link PatternConfigs}).
 * The harness's single entry point into this package.
 */
public final class GeneratedApp {
    /**
     * One of the configs written: its name in tables, where it is, how many patterns, which targets it covers,
     * what it holds, and the target CPU per 1,000 loaded classes (NaN: none).
     */
    public record ConfigFile(String label, Path path, int patterns, Set<String> coveredTargets, String mix,
            double targetMillis) {
    }

    private final Path jar;
    private final int classCount;
    private final List<String> targets;
    private final List<ConfigFile> configs;

    private GeneratedApp(Path jar, int classCount, List<String> targets, List<ConfigFile> configs) {
        this.jar = jar;
        this.classCount = classCount;
        this.targets = targets;
        this.configs = configs;
    }

    /** Generates the application of {@code classCount} classes (at least 10,000) and its configs. */
    public static GeneratedApp write(Path dir, int classCount, int largePatterns) throws IOException {
        if (classCount < 10_000) {
            throw new IllegalArgumentException("the generated app needs at least 10,000 classes to hold every kind of "
                    + "target, got " + classCount);
        }
        Path jar = dir.resolve("app.jar");
        AppLayout layout = AppJar.write(jar, classCount);
        List<ConfigFile> configs = new ArrayList<>();
        for (PatternConfigs.Config config : List.of(PatternConfigs.small(layout),
                PatternConfigs.large(layout, largePatterns), PatternConfigs.exactOnly(layout, largePatterns),
                PatternConfigs.smallWithWildcard(layout))) {
            Path file = dir.resolve(config.file());
            Files.writeString(file, config.yaml());
            configs.add(new ConfigFile(config.label(), file, config.patterns(), config.coveredTargets(), config.mix(),
                    config.targetMillis()));
        }
        List<String> targets = new ArrayList<>();
        layout.targets().forEach(t -> targets.add(t.key()));
        return new GeneratedApp(jar, layout.types().size(), targets, configs);
    }

    public Path jar() {
        return jar;
    }

    /** Generated classes, all of which the app loads (its own main class and helper not counted). */
    public int classCount() {
        return classCount;
    }

    /** Every method the app calls in verify mode, {@code class#method}. */
    public List<String> targets() {
        return targets;
    }

    /** The small config, the large one, the large one's exact names only, then the small one and a wildcard. */
    public List<ConfigFile> configs() {
        return configs;
    }
}
