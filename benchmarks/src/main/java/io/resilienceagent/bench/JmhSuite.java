package io.resilienceagent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every JMH benchmark in one go, in four passes that differ only in thread count and in whether
 * the forked JVM gets the agent:
 * <ol>
 *   <li>1 thread, no agent: baseline, resilience4j, Failsafe (success, open breaker, retry, async success);
 *   <li>1 thread, {@code -javaagent}: the agent (success, open breaker, retry, async success);
 *   <li>2 threads, no agent: baseline, resilience4j, Failsafe (success, async success);
 *   <li>2 threads, {@code -javaagent}: the agent (success, async success).
 * </ol>
 * The async success path is two benchmarks: a future already complete when the method returns
 * ({@code AsyncDoneBenchmark}) and one completed right after ({@code AsyncPendingBenchmark}).
 * Benchmarks named {@code agent} or {@code agentBudget} run only with the agent, all others only without it. Every fork gets
 * the same heap settings and the GC profiler (bytes allocated per operation).
 */
final class JmhSuite {
    private static final String PACKAGE = "io\\.resilienceagent\\.bench\\.jmh\\.";
    private static final String AGENT_METHOD = "\\.agent(Budget)?$";
    /** The suite; {@code HotPathPartsBenchmark} is a diagnostic run by hand. */
    private static final String SUITE = "(SuccessPathBenchmark|OpenBreakerBenchmark|RetryPathBenchmark|AsyncDoneBenchmark"
            + "|AsyncPendingBenchmark)";
    /** What runs with 2 threads sharing one breaker: the success paths. */
    private static final String TWO_THREADS = "(SuccessPathBenchmark|AsyncDoneBenchmark|AsyncPendingBenchmark)";

    private JmhSuite() {
    }

    static List<RunResult> run(BenchSettings settings) throws IOException, RunnerException {
        Path config = BenchSettings.resourceToTempFile("bench.yaml", ".yaml");
        String javaagent = "-javaagent:" + settings.agentJarForRun() + "=config=" + config;
        System.out.println("# agent: " + javaagent);

        List<RunResult> all = new ArrayList<>();
        all.addAll(pass(settings, 1, null, PACKAGE + SUITE + "\\..*"));
        all.addAll(pass(settings, 1, javaagent, PACKAGE + SUITE + AGENT_METHOD));
        all.addAll(pass(settings, 2, null, PACKAGE + TWO_THREADS + "\\..*"));
        all.addAll(pass(settings, 2, javaagent, PACKAGE + TWO_THREADS + AGENT_METHOD));

        Files.createDirectories(settings.resultsDir);
        Path json = settings.resultsDir.resolve("jmh.json");
        try (PrintStream out = new PrintStream(Files.newOutputStream(json), true, "UTF-8")) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(all);
        }
        System.out.println("# wrote " + json);
        return all;
    }

    private static Collection<RunResult> pass(BenchSettings settings, int threads, String javaagent, String pattern)
            throws RunnerException {
        String include = "^" + (settings.benchFilter.isEmpty() ? "" : "(?=.*(?:" + settings.benchFilter + "))") + pattern;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .threads(threads)
                .forks(settings.forks)
                .warmupIterations(settings.warmupIterations)
                .warmupTime(TimeValue.seconds(settings.warmupSeconds))
                .measurementIterations(settings.measurementIterations)
                .measurementTime(TimeValue.seconds(settings.measurementSeconds))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .jvmArgs("-Xms512m", "-Xmx512m");
        if (javaagent == null) {
            options.exclude(AGENT_METHOD);
        } else {
            // every retry logs a WARN line at the default level; see BENCHMARKS.md
            options.jvmArgsAppend(javaagent, "-Dresilience.logLevel=ERROR");
        }
        System.out.println("# pass: threads=" + threads + ", agent=" + (javaagent != null) + ", include=" + include);
        try {
            return new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            return List.of();
        }
    }
}
