package io.resilienceagent.bench;

import io.resilienceagent.bench.generated.GeneratedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The large-application start-up measurement ({@code benchmarks.jar large}): the Spring Boot sample
 * ({@link SpringBootStartup}) and the generated application ({@link GeneratedAppStartup}), written to
 * {@code large-app.json} in the results directory.
 */
final class LargeAppMeasurement {
    /** Both parts, with the settings they ran with. */
    record Result(int runs, int warmups, long agentJarBytes, SpringBootStartup.Result spring,
            GeneratedAppStartup.Result generated) {
    }

    private LargeAppMeasurement() {
    }

    static Result run(BenchSettings settings) throws IOException, InterruptedException {
        SpringBootStartup.Result spring = SpringBootStartup.run(settings);
        GeneratedAppStartup.Result generated = GeneratedAppStartup.run(settings);
        Result result = new Result(settings.largeRuns, settings.largeWarmupRuns, Files.size(settings.agentJarForRun()),
                spring, generated);
        Path file = settings.resultsDir.resolve("large-app.json");
        Files.createDirectories(settings.resultsDir);
        Files.writeString(file, json(result));
        System.out.println("# wrote " + file);
        return result;
    }

    private static String json(Result r) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"runsPerVariant\": ").append(r.runs).append(",\n");
        json.append("  \"warmupRunsPerVariant\": ").append(r.warmups).append(",\n");
        json.append("  \"agentJarBytes\": ").append(r.agentJarBytes).append(",\n");
        SpringBootStartup.Result s = r.spring;
        json.append("  \"springBoot\": {\n");
        json.append("    \"addedWallMedianMillis\": ").append(JsonText.millis(s.addedWallMedian())).append(",\n");
        json.append("    \"addedCpuMedianMillis\": ").append(JsonText.millis(s.addedCpuMedian())).append(",\n");
        variants(json, List.of(s.without(), s.with(), s.withWildcard()));
        json.append("  },\n");
        GeneratedAppStartup.Result g = r.generated;
        json.append("  \"generated\": {\n");
        json.append("    \"classes\": ").append(g.classes()).append(", \"jarBytes\": ").append(g.jarBytes()).append(",\n");
        json.append("    \"configs\": [\n");
        for (int i = 0; i < g.configs().size(); i++) {
            GeneratedApp.ConfigFile c = g.configs().get(i);
            double[] interval = g.netCpuPerThousandInterval(i + 1);
            json.append(String.format(Locale.ROOT, "      {\"label\": %s, \"patterns\": %d, \"mix\": %s, \"instrumentedMethods\": %d, "
                    + "\"cpuPer1000ClassesMillis\": %.2f, \"cpuPer1000ClassesNetOfFixedMillis\": %.2f, "
                    + "\"cpuPer1000ClassesNetOfFixedInterval90Millis\": [%.2f, %.2f], "
                    + "\"fixedCpuMillis\": %.1f, \"addedWallMedianMillis\": %.1f}%s%n", JsonText.quote(c.label()), c.patterns(),
                    JsonText.quote(c.mix()), c.coveredTargets().size(), g.cpuPerThousand(i + 1), g.netCpuPerThousand(i + 1),
                    interval[0], interval[1],
                    g.fixedCpu(i + 1), g.addedWallMedian(i + 1), i + 1 < g.configs().size() ? "," : ""));
        }
        json.append("    ],\n");
        int noop = g.noop();
        json.append(String.format(Locale.ROOT, "    \"noopTransformer\": {\"cpuPer1000ClassesMillis\": %.2f, "
                + "\"cpuPer1000ClassesNetOfFixedMillis\": %.2f, \"fixedCpuMillis\": %.1f},%n", g.cpuPerThousand(noop),
                g.netCpuPerThousand(noop), g.fixedCpu(noop)));
        int floor = g.asmFloor();
        double[] floorInterval = g.netCpuPerThousandInterval(floor);
        json.append(String.format(Locale.ROOT, "    \"asmFloor\": {\"rewrites\": %s, \"methods\": %d, \"cpuPer1000ClassesMillis\": %.2f, "
                + "\"cpuPer1000ClassesNetOfFixedMillis\": %.2f, \"cpuPer1000ClassesNetOfFixedInterval90Millis\": [%.2f, %.2f], "
                + "\"fixedCpuMillis\": %.1f},%n", JsonText.quote(g.configs().get(1).label()),
                g.configs().get(1).coveredTargets().size(), g.cpuPerThousand(floor), g.netCpuPerThousand(floor),
                floorInterval[0], floorInterval[1], g.fixedCpu(floor)));
        int cache = g.warmCache();
        double[] cacheInterval = g.netCpuPerThousandInterval(cache);
        json.append(String.format(Locale.ROOT, "    \"wovenClassCacheWarm\": {\"config\": %s, \"cpuPer1000ClassesMillis\": %.2f, "
                + "\"cpuPer1000ClassesNetOfFixedMillis\": %.2f, \"cpuPer1000ClassesNetOfFixedInterval90Millis\": [%.2f, %.2f], "
                + "\"fixedCpuMillis\": %.1f, \"addedWallMedianMillis\": %.1f},%n", JsonText.quote(g.configs().get(1).label()),
                g.cpuPerThousand(cache), g.netCpuPerThousand(cache), cacheInterval[0], cacheInterval[1], g.fixedCpu(cache),
                g.addedWallMedian(cache)));
        List<TimedRuns.Timed> all = new ArrayList<>(g.loaded());
        all.addAll(g.idle());
        variants(json, all);
        json.append("  }\n}\n");
        return json.toString();
    }

    private static void variants(StringBuilder json, List<TimedRuns.Timed> variants) {
        json.append("    \"variants\": [\n");
        for (int i = 0; i < variants.size(); i++) {
            json.append("      ").append(variants.get(i).json("      ")).append(i + 1 < variants.size() ? ",\n" : "\n");
        }
        json.append("    ]\n");
    }
}
