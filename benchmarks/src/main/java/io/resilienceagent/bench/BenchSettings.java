package io.resilienceagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where things are and how long to run, from system properties:
 * <ul>
 *   <li>{@code agent.jar}: the agent (default {@code ../agent/target/resilience-agent.jar} next to the
 *       {@code benchmarks} directory this jar was built in);
 *   <li>{@code results.dir}: where results go (default {@code benchmarks/results}, or
 *       {@code benchmarks/target/quick-results} for a quick run);
 *   <li>{@code quick}: a short smoke run, numbers not to be trusted;
 *   <li>{@code forks}, {@code bench} (a regex of benchmark names to keep), {@code startup.runs};
 *   <li>for the large-application measurement: {@code spring.jar} (default
 *       {@code ../samples/spring-boot-app/target/spring-boot-app.jar}), {@code large.runs} (8, quick 2),
 *       {@code large.warmups} (1, quick 0), {@code large.classes} (20,000), {@code large.patterns} (500).
 * </ul>
 */
final class BenchSettings {
    final boolean quick = Boolean.getBoolean("quick");
    final Path benchmarksDir = locateBenchmarksDir();
    final Path agentJar = Path.of(System.getProperty("agent.jar",
            benchmarksDir.resolve("../agent/target/resilience-agent.jar").toString())).toAbsolutePath().normalize();
    /** A quick run must not overwrite the results kept in the repository. */
    final Path resultsDir = Path.of(System.getProperty("results.dir",
            benchmarksDir.resolve(quick ? "target/quick-results" : "results").toString())).toAbsolutePath().normalize();
    final int forks = Integer.getInteger("forks", quick ? 1 : 2);
    final int warmupIterations = quick ? 1 : 3;
    final int warmupSeconds = 1;
    final int measurementIterations = quick ? 2 : 5;
    final int measurementSeconds = 1;
    final String benchFilter = System.getProperty("bench", "");
    final int startupRuns = Integer.getInteger("startup.runs", quick ? 5 : 15);
    final int startupWarmupRuns = quick ? 1 : 3;
    final Path springJar = Path.of(System.getProperty("spring.jar",
            benchmarksDir.resolve("../samples/spring-boot-app/target/spring-boot-app.jar").toString()))
            .toAbsolutePath().normalize();
    final int largeRuns = Integer.getInteger("large.runs", quick ? 2 : 8);
    final int largeWarmupRuns = Integer.getInteger("large.warmups", quick ? 0 : 1);
    final int generatedClasses = Integer.getInteger("large.classes", 20_000);
    final int largePatterns = Integer.getInteger("large.patterns", 500);

    private Path agentCopy;
    private Path springCopy;

    /**
     * A private copy of the agent jar, taken once, that every fork and start-up run uses: a rebuild of
     * {@code agent/target} during the run cannot mix two agent versions into one set of results.
     */
    synchronized Path agentJarForRun() throws IOException {
        if (agentCopy == null) {
            agentCopy = privateCopy(agentJar, "resilience-agent.jar",
                    "build it with: mvn -q -pl agent package -DskipTests, or pass -Dagent.jar=PATH");
        }
        return agentCopy;
    }

    /** A private copy of the Spring Boot sample's fat jar, taken once, for the same reason as the agent's. */
    synchronized Path springJarForRun() throws IOException {
        if (springCopy == null) {
            springCopy = privateCopy(springJar, "spring-boot-app.jar",
                    "build it with: mvn -q -pl samples/spring-boot-app package -DskipTests, or pass -Dspring.jar=PATH");
        }
        return springCopy;
    }

    private static Path privateCopy(Path jar, String name, String hint) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("jar not found: " + jar + " (" + hint + ")");
        }
        Path dir = Files.createTempDirectory("resilience-bench-jar");
        Path copy = dir.resolve(name);
        Files.copy(jar, copy);
        dir.toFile().deleteOnExit(); // registered first, deleted last (once the jar inside is gone)
        copy.toFile().deleteOnExit();
        System.out.println("# " + jar + " (" + Files.size(copy) + " bytes) copied to " + copy);
        return copy;
    }

    /** Copies a config shipped in this jar to a temporary file, for the agent's {@code config=} argument. */
    static Path resourceToTempFile(String resource, String suffix) throws IOException {
        Path file = Files.createTempFile("resilience-bench-", suffix);
        file.toFile().deleteOnExit();
        try (InputStream in = BenchSettings.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file.toAbsolutePath();
    }

    /** benchmarks/target/benchmarks.jar or benchmarks/target/classes: two levels up is benchmarks/. */
    private static Path locateBenchmarksDir() {
        try {
            Path codeSource = Path.of(BenchSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = codeSource.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    && target.getParent() != null) {
                return target.getParent().toAbsolutePath();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
