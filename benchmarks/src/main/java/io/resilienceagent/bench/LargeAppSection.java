package io.resilienceagent.bench;

import io.resilienceagent.bench.generated.GeneratedApp;
import java.util.List;
import java.util.Locale;

/**
 * The large-application part of {@code summary.md}: the Spring Boot sample's and the generated
 * application's start-up tables, the cost per 1,000 loaded classes, and a verdict per target of the
 * start-up issue (Spring Boot <= 150 ms added; <= 3 ms CPU per 1,000 classes with 2 patterns, <= 6 ms
 * with 500).
 */
final class LargeAppSection {
    static final double MAX_SPRING_ADDED_MILLIS = 150;

    private final StringBuilder out = new StringBuilder();

    private LargeAppSection() {
    }

    /** The section's Markdown; its verdicts are added to {@code verdicts}. */
    static String render(LargeAppMeasurement.Result r, List<String> verdicts) {
        LargeAppSection section = new LargeAppSection();
        section.line(String.format(Locale.ROOT, "## Large applications: start-up (%d runs per variant, rotating order, "
                + "after %d discarded warm-up run%s each)", r.runs(), r.warmups(), r.warmups() == 1 ? "" : "s"));
        section.line("");
        section.spring(r.spring(), verdicts);
        section.generated(r.generated(), verdicts);
        return section.out.toString();
    }

    private void spring(SpringBootStartup.Result s, List<String> verdicts) {
        line("### Spring Boot sample (`samples/spring-boot-app`, fat jar, `java -jar`; agent configured for its two "
                + "`@Service` methods)");
        line("");
        line("| | to ApplicationReadyEvent: median | min | max | whole process: median | CPU at ready: median | min | max | classes loaded |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (TimedRuns.Timed v : List.of(s.without(), s.with(), s.withWildcard())) {
            line(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |",
                    v.label(), v.toMark().median(), v.toMark().min(), v.toMark().max(), v.process().median(),
                    v.cpu().median(), v.cpu().min(), v.cpu().max(), count(v.loadedClasses())));
        }
        line(String.format(Locale.ROOT, "| **added by the agent** | **%.1f ms** | %.1f ms | | %.1f ms | **%.1f ms** | %.1f ms | | |",
                s.addedWallMedian(), s.with().toMark().min() - s.without().toMark().min(),
                s.with().process().median() - s.without().process().median(), s.addedCpuMedian(),
                s.with().cpu().min() - s.without().cpu().min()));
        line("");
        line(String.format(Locale.ROOT, "One wildcard more (`com.partner.*.client.*Client.call`, matching no class here): "
                + "%+.1f ms wall and %+.1f ms CPU (medians) against the 2 methods alone.",
                s.withWildcard().toMark().median() - s.with().toMark().median(),
                s.withWildcard().cpu().median() - s.with().cpu().median()));
        line("");
        line("Wall time added depends on whether a second CPU is free: part of the agent's extra CPU (compiling its "
                + "code, its JMX registration one second after start) runs beside Spring's main thread. Read it with "
                + "the CPU column.");
        line("");
        verdicts.add(String.format(Locale.ROOT, "Spring Boot sample, start-up added (median, JVM start to "
                + "ApplicationReadyEvent): %.1f ms (target <= %.0f ms): **%s**; CPU added %.1f ms",
                s.addedWallMedian(), MAX_SPRING_ADDED_MILLIS, verdict(s.addedWallMedian(), MAX_SPRING_ADDED_MILLIS, "ms"),
                s.addedCpuMedian()));
    }

    private void generated(GeneratedAppStartup.Result g, List<String> verdicts) {
        line(String.format(Locale.ROOT, "### Generated application (%,d classes in 200 packages, each loaded and "
                + "initialised by `main`; jar %,d bytes)", g.classes(), g.jarBytes()));
        line("");
        line("\"idle\": the same jar, no generated class loaded: the agent's fixed cost. Every run reads its CPU 2.5 s "
                + "after `main` starts (at the end of loading if later), so the agent's background work (its JMX "
                + "registration a second after start) counts alike in loaded and idle runs.");
        line("");
        line("| | to end of loading: median | min | max | CPU: median | min | max | classes loaded |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (List<TimedRuns.Timed> group : List.of(g.loaded(), g.idle())) {
            for (TimedRuns.Timed v : group) {
                line(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |",
                        v.label(), v.toMark().median(), v.toMark().min(), v.toMark().max(), v.cpu().median(),
                        v.cpu().min(), v.cpu().max(), count(v.loadedClasses())));
            }
        }
        line("");
        line("| agent | wall added: median | CPU added: median | CPU added per 1,000 classes (added / " + g.classes() / 1000
                + ") | fixed CPU (idle runs) | **CPU per 1,000 loaded classes** (added less fixed, / " + g.classes() / 1000
                + ") | its 90% interval | methods instrumented |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int v = 1; v <= g.warmCache(); v++) {
            String label = v == g.noop() ? "no-op transformer (the JVM's floor)"
                    : v == g.asmFloor() ? "ASM floor: " + g.configs().get(1).label() + "' methods rewritten unchanged"
                    : v == g.warmCache() ? g.configs().get(1).label() + ", woven-class cache warm (`cache=DIR`, a second start)"
                    : g.configs().get(v - 1).label();
            String instrumented = v == g.warmCache() ? String.valueOf(g.configs().get(1).coveredTargets().size())
                    : v >= g.noop() ? "0" : String.valueOf(g.configs().get(v - 1).coveredTargets().size());
            double cpuAdded = g.loaded().get(v).cpu().median() - g.loaded().get(0).cpu().median();
            double[] interval = g.netCpuPerThousandInterval(v);
            line(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.2f ms | %.1f ms | **%.2f ms** | %.2f to %.2f ms | %s |",
                    label, g.addedWallMedian(v), cpuAdded, g.cpuPerThousand(v), g.fixedCpu(v), g.netCpuPerThousand(v),
                    interval[0], interval[1], instrumented));
        }
        line("");
        line("The targets are on the cost per loaded class: the CPU added less the fixed cost (start-up before `main`, "
                + "the JMX registration one second later), which the idle runs measure. The no-op transformer row is what "
                + "the JVM charges any agent with a class-file transformer (it copies every class file for it); the ASM floor "
                + "row adds to it the least an ASM-based weaver does to rewrite the methods the " + g.configs().get(1).label()
                + " cover (each class found by its exact name, read, those methods decoded and encoded again unchanged, "
                + "nothing analysed, checked or added). The woven-class cache row is the same agent and config as the "
                + g.configs().get(1).label() + " row, started with a cache that an earlier start filled: its woven "
                + "classes are read from the cache, not woven. The interval "
                + "is a bootstrap of the four medians each figure is made of (the runs of each variant drawn again with "
                + String.format(Locale.ROOT, "replacement, %,d times): where 90%% of the figures fell, i.e. how far ",
                        GeneratedAppStartup.RESAMPLES)
                + "the figure moves from one run of this benchmark to the next.");
        line("");
        for (GeneratedApp.ConfigFile c : g.configs()) {
            line("- " + c.label() + ": " + c.mix() + ".");
        }
        line("");
        for (int i = 0; i < g.configs().size(); i++) {
            String label = g.configs().get(i).label();
            double target = g.configs().get(i).targetMillis();
            if (Double.isNaN(target)) {
                continue;
            }
            double[] interval = g.netCpuPerThousandInterval(i + 1);
            verdicts.add(String.format(Locale.ROOT, "Generated app, CPU per 1,000 loaded classes, %s: %.2f ms "
                    + "(90%% interval %.2f to %.2f ms; target <= %.0f ms): **%s** (no-op transformer: %.2f ms%s); all CPU "
                    + "added / %d: %.2f ms, of it fixed %.1f ms; wall added %.1f ms", label, g.netCpuPerThousand(i + 1),
                    interval[0], interval[1], target, verdict(g.netCpuPerThousand(i + 1), target, "ms"),
                    g.netCpuPerThousand(g.noop()), i == 1 ? largeConfigFloorAndCache(g) : "",
                    g.classes() / 1000, g.cpuPerThousand(i + 1), g.fixedCpu(i + 1), g.addedWallMedian(i + 1)));
        }
    }

    /** For the large config's verdict: its ASM floor and its figure with the woven-class cache warm. */
    private static String largeConfigFloorAndCache(GeneratedAppStartup.Result g) {
        double[] interval = g.netCpuPerThousandInterval(g.asmFloor());
        double[] cached = g.netCpuPerThousandInterval(g.warmCache());
        return String.format(Locale.ROOT, "; ASM floor of its methods: %.2f ms, 90%% interval %.2f to %.2f ms; "
                + "with the woven-class cache warm: %.2f ms, 90%% interval %.2f to %.2f ms",
                g.netCpuPerThousand(g.asmFloor()), interval[0], interval[1], g.netCpuPerThousand(g.warmCache()), cached[0],
                cached[1]);
    }

    private static String verdict(double value, double target, String unit) {
        return value <= target ? "met" : String.format(Locale.ROOT, "missed by %.2f %s", value - target, unit);
    }

    private static String count(long n) {
        return n < 0 ? "" : String.format(Locale.ROOT, "%,d", n);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
