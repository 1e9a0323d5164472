package io.resilienceagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns the results into {@code results/summary.md}: the tables of BENCHMARKS.md, each of the agent's
 * numbers as a ratio to the direct call and to resilience4j (the async tables also to Failsafe:
 * {@link AsyncSection}), and a verdict per target.
 */
final class Report {
    static final double MAX_OVERHEAD_SHARE = 0.25;
    /** The success path of a service with a retry budget: at most this much over the direct call. */
    static final double MAX_BUDGET_SUCCESS_OVERHEAD_NS = 9;
    static final double MAX_STARTUP_MILLIS = 150;
    static final long MAX_JAR_BYTES = 5L * 1024 * 1024;
    /** gc.alloc.rate.norm below this is measurement noise: no allocation on the path. */
    static final double ZERO_ALLOCATION = 0.5;

    /** One benchmark's numbers. */
    record Row(String group, String name, int threads, double ns, double error, double bytes) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<String> verdicts = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    private Report() {
    }

    static Path write(BenchSettings settings, Collection<RunResult> jmh, StartupMeasurement.Result startup,
            LargeAppMeasurement.Result large) throws IOException {
        Report report = new Report();
        if (jmh != null) {
            for (RunResult result : jmh) {
                report.add(result);
            }
        }
        report.render(settings, startup, large);
        Files.createDirectories(settings.resultsDir);
        Path file = settings.resultsDir.resolve("summary.md");
        Files.writeString(file, report.out);
        return file;
    }

    private void add(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String[] parts = benchmark.split("\\.");
        String group = parts[parts.length - 2].replace("Benchmark", "");
        String name = parts[parts.length - 1];
        int threads = result.getParams().getThreads();
        Result<?> primary = result.getPrimaryResult();
        Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        rows.put(key(group, name, threads), new Row(group, name, threads, primary.getScore(),
                primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()));
    }

    private static String key(String group, String name, int threads) {
        return group + "." + name + "/" + threads;
    }

    private Row row(String group, String name, int threads) {
        return rows.get(key(group, name, threads));
    }

    private void render(BenchSettings settings, StartupMeasurement.Result startup, LargeAppMeasurement.Result large) {
        line("# resilience-agent benchmark results");
        line("");
        line("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs)");
        if (!rows.isEmpty()) {
            line("- JMH: forks " + settings.forks + ", warm-up " + settings.warmupIterations + " x " + settings.warmupSeconds
                    + " s, measurement " + settings.measurementIterations + " x " + settings.measurementSeconds
                    + " s, mode avgt, `-prof gc`" + (settings.quick ? " **(QUICK SMOKE RUN: numbers not reliable)**" : ""));
        } else if (settings.quick) {
            line("- **QUICK SMOKE RUN: numbers not reliable**");
        }
        line("- agent jar: " + settings.agentJar);
        line("");
        if (!rows.isEmpty()) {
            for (int threads : new int[] {1, 2}) {
                successTable(threads);
            }
            openTable();
            retryTable();
            out.append(AsyncSection.render(this::row, verdicts));
        }
        if (startup != null) {
            startupTable(startup);
        }
        if (large != null) {
            out.append(LargeAppSection.render(large, verdicts));
        }
        line("## Targets");
        line("");
        for (String verdict : verdicts) {
            line("- " + verdict);
        }
        line("");
    }

    private void successTable(int threads) {
        Row base = row("SuccessPath", "baseline", threads);
        Row ours = row("SuccessPath", "agent", threads);
        Row r4j = row("SuccessPath", "resilience4j", threads);
        if (base == null && ours == null && r4j == null) {
            return;
        }
        line("## Success path, CLOSED breaker, " + threads + (threads == 1 ? " thread" : " threads sharing one breaker"));
        line("");
        header("overhead vs direct (ns)");
        for (String name : List.of("baseline", "agent", "agentBudget", "resilience4j", "failsafe")) {
            Row r = row("SuccessPath", name, threads);
            if (r != null) {
                tableRow(r, base == null ? "" : fmt(r.ns - base.ns));
            }
        }
        line("");
        if (base != null && ours != null && r4j != null) {
            double oursOverhead = ours.ns - base.ns;
            double r4jOverhead = r4j.ns - base.ns;
            double share = oursOverhead / r4jOverhead;
            line(String.format(Locale.ROOT, "Agent: %.2fx the direct call, %.2fx resilience4j's time; its overhead "
                    + "(%.2f ns) is %.3f of resilience4j's (%.2f ns).", ours.ns / base.ns, ours.ns / r4j.ns,
                    oursOverhead, share, r4jOverhead));
            line("");
            verdicts.add(String.format(Locale.ROOT, "Success-path overhead, %d thread%s: %.2f ns = %.3f of resilience4j's "
                    + "%.2f ns (target <= %.2f): **%s**", threads, threads == 1 ? "" : "s", oursOverhead, share,
                    r4jOverhead, MAX_OVERHEAD_SHARE,
                    share <= MAX_OVERHEAD_SHARE ? "met" : String.format(Locale.ROOT, "missed by %.2f ns",
                            oursOverhead - MAX_OVERHEAD_SHARE * r4jOverhead)));
        }
        if (ours != null && !Double.isNaN(ours.bytes)) {
            verdicts.add(String.format(Locale.ROOT, "Allocation per successful call, %d thread%s: %s B/op (target 0): **%s**",
                    threads, threads == 1 ? "" : "s", fmtBytes(ours.bytes),
                    ours.bytes < ZERO_ALLOCATION ? "met" : "missed"));
        }
        Row budget = row("SuccessPath", "agentBudget", threads);
        if (base != null && budget != null) {
            double overhead = budget.ns - base.ns;
            boolean met = overhead <= MAX_BUDGET_SUCCESS_OVERHEAD_NS && budget.bytes < ZERO_ALLOCATION;
            verdicts.add(String.format(Locale.ROOT, "Success path with a retry budget, %d thread%s: overhead %.2f ns, %s B/op "
                    + "(target <= %.0f ns and 0 B/op): **%s**", threads, threads == 1 ? "" : "s", overhead,
                    fmtBytes(budget.bytes), MAX_BUDGET_SUCCESS_OVERHEAD_NS, met ? "met" : "missed"));
        }
    }

    private void openTable() {
        Row ours = row("OpenBreaker", "agent", 1);
        Row r4j = row("OpenBreaker", "resilience4j", 1);
        Row base = row("SuccessPath", "baseline", 1);
        if (ours == null && r4j == null) {
            return;
        }
        line("## Call rejected by an OPEN breaker, 1 thread");
        line("");
        header("vs resilience4j");
        for (String name : List.of("agent", "resilience4j", "resilience4jNoStackTrace", "failsafe")) {
            Row r = row("OpenBreaker", name, 1);
            if (r != null) {
                tableRow(r, r4j == null ? "" : String.format(Locale.ROOT, "%.3fx", r.ns / r4j.ns));
            }
        }
        line("");
        if (ours != null && r4j != null) {
            line(String.format(Locale.ROOT, "Agent: a rejection costs %.3fx resilience4j's%s.", ours.ns / r4j.ns,
                    base == null ? "" : String.format(Locale.ROOT, " and %.1fx a direct successful call", ours.ns / base.ns)));
            line("");
            verdicts.add(String.format(Locale.ROOT, "OPEN-breaker rejection: %.1f ns vs resilience4j's %.1f ns (%.3fx): **%s**",
                    ours.ns, r4j.ns, ours.ns / r4j.ns, ours.ns < r4j.ns ? "met" : "missed"));
            Row noTrace = row("OpenBreaker", "resilience4jNoStackTrace", 1);
            if (noTrace != null) {
                verdicts.add(String.format(Locale.ROOT, "(for reference) vs resilience4j without a stack trace, %.1f ns: %.3fx",
                        noTrace.ns, ours.ns / noTrace.ns));
            }
        }
    }

    private void retryTable() {
        Row base = row("RetryPath", "baseline", 1);
        Row ours = row("RetryPath", "agent", 1);
        Row r4j = row("RetryPath", "resilience4j", 1);
        if (base == null && ours == null) {
            return;
        }
        line("## Retry path (first attempt fails, second succeeds, zero wait), 1 thread");
        line("");
        header("overhead vs hand-written retry (ns)");
        for (String name : List.of("baseline", "agent", "agentBudget", "resilience4j", "resilience4jNoSleep", "failsafe",
                "threadSleep0")) {
            Row r = row("RetryPath", name, 1);
            if (r != null) {
                tableRow(r, base == null || name.equals("threadSleep0") ? "" : fmt(r.ns - base.ns));
            }
        }
        line("");
        if (base != null && ours != null && r4j != null) {
            line(String.format(Locale.ROOT, "Agent: %.2fx the hand-written retry, %.3fx resilience4j's time; overhead %.1f ns "
                    + "= %.3f of resilience4j's %.1f ns.", ours.ns / base.ns, ours.ns / r4j.ns, ours.ns - base.ns,
                    (ours.ns - base.ns) / (r4j.ns - base.ns), r4j.ns - base.ns));
            line("");
        }
        Row budget = row("RetryPath", "agentBudget", 1);
        if (ours != null && budget != null) {
            line(String.format(Locale.ROOT, "A retry budget adds %.1f ns and %s B to a retried call (agentBudget - agent).",
                    budget.ns - ours.ns, fmtBytes(budget.bytes - ours.bytes)));
            line("");
            verdicts.add(String.format(Locale.ROOT, "(measured, no target) the retry budget's cost on the retry path: %.1f ns, %s B",
                    budget.ns - ours.ns, fmtBytes(budget.bytes - ours.bytes)));
        }
    }

    private void startupTable(StartupMeasurement.Result s) {
        line("## Start-up (" + s.runs() + " runs per variant, rotating order)");
        line("");
        line("| | to end of main: median | min | max | whole process: median | min | CPU to end of main: median |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        for (TimedRuns.Timed v : List.of(s.without(), s.with(), s.noMatch())) {
            line(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |", v.label(),
                    v.toMark().median(), v.toMark().min(), v.toMark().max(),
                    v.process().median(), v.process().min(), v.cpu().median()));
        }
        line(String.format(Locale.ROOT, "| **added by the agent (2 methods)** | **%.1f ms** | %.1f ms | | %.1f ms | %.1f ms | %.1f ms |",
                s.addedMedianMillis(), s.addedMinMillis(),
                s.with().process().median() - s.without().process().median(),
                s.with().process().min() - s.without().process().min(), s.addedCpuMedianMillis()));
        line(String.format(Locale.ROOT, "| of which instrumenting (with minus match-nothing) | %.1f ms | %.1f ms | | | | %.1f ms |",
                s.with().toMark().median() - s.noMatch().toMark().median(),
                s.with().toMark().min() - s.noMatch().toMark().min(),
                s.with().cpu().median() - s.noMatch().cpu().median()));
        line("");
        line(String.format(Locale.ROOT, "Agent jar: %d bytes = %.2f MiB (%.2f MB).", s.agentJarBytes(),
                s.agentJarBytes() / 1048576.0, s.agentJarBytes() / 1e6));
        line("");
        verdicts.add(String.format(Locale.ROOT, "Start-up added (median, JVM start to end of main, 2-method config): %.1f ms "
                + "(target <= %.0f ms): **%s**", s.addedMedianMillis(), MAX_STARTUP_MILLIS,
                s.addedMedianMillis() <= MAX_STARTUP_MILLIS ? "met" : String.format(Locale.ROOT, "missed by %.1f ms",
                        s.addedMedianMillis() - MAX_STARTUP_MILLIS)));
        verdicts.add(String.format(Locale.ROOT, "Agent jar size: %d bytes = %.2f MiB (target <= 5 MiB = %d bytes): **%s**",
                s.agentJarBytes(), s.agentJarBytes() / 1048576.0, MAX_JAR_BYTES,
                s.agentJarBytes() <= MAX_JAR_BYTES ? "met" : String.format(Locale.ROOT, "missed by %d bytes",
                        s.agentJarBytes() - MAX_JAR_BYTES)));
    }

    private void header(String extra) {
        line("| benchmark | ns/op | ± (99.9 %) | B/op | " + extra + " |");
        line("|---|---:|---:|---:|---:|");
    }

    private void tableRow(Row r, String extra) {
        line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", r.name, fmt(r.ns), fmt(r.error), fmtBytes(r.bytes), extra));
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmtBytes(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v < ZERO_ALLOCATION ? String.format(Locale.ROOT, "%.0f (%.3g)", 0.0, v) : String.format(Locale.ROOT, "%.0f", v);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
