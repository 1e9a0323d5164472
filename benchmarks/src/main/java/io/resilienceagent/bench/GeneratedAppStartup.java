package io.resilienceagent.bench;

import io.resilienceagent.bench.generated.GeneratedApp;
import io.resilienceagent.bench.noop.AsmFloorAgent;
import io.resilienceagent.bench.noop.NoopAgentJar;
import io.resilienceagent.bench.noop.NoopTransformerAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Start-up of a generated application of {@code large.classes} classes ({@link GeneratedApp}, written
 * to a temporary directory at run time) that loads and initialises all of them: without the agent,
 * with the 2-pattern config, the 500-pattern config, the 500-pattern config's exact names only, and the
 * 2-pattern config with one wildcard.
 * Each variant also runs "idle" (no class loaded), which gives the agent's fixed cost, so that the cost
 * per loaded class can be told apart from it; every run reads its CPU time at the same moment, 2.5 s
 * after {@code main} starts. Before timing, a verify run of each variant calls every method a config
 * may name with its first call failing: exactly the methods the config covers must survive, and the
 * agent's MXBean must list exactly that many instrumented methods. A last variant runs a Java agent
 * whose transformer changes nothing ({@link NoopTransformerAgent}): the JVM's own cost of any
 * transformer-based agent, the floor under the agent's. One more runs an agent that rewrites with ASM,
 * unchanged, the methods the large config covers ({@link AsmFloorAgent}): the floor under weaving them.
 * The last runs the large config with the woven-class cache ({@code cache=DIR}) that its verify run
 * filled, as a second start of the application finds it; a second verify run checks that every woven
 * class came from the cache.
 */
final class GeneratedAppStartup {
    static final String MARK = "STARTED_NANOS ";
    /** Bootstrap resamples behind each interval. */
    static final int RESAMPLES = 2_000;

    /**
     * Timed variants in the order without, each config, no-op transformer agent, ASM floor agent, the large
     * config with a warm woven-class cache, then the same idle. Variant {@code v}: 0 without, 1 to
     * {@code configs.size()} the configs, {@link #noop()} the no-op agent, {@link #asmFloor()} the ASM floor
     * agent, {@link #warmCache()} the warm cache.
     *
     * @param configs the small config, the large one, the large one's exact names only, the small one and a wildcard
     */
    record Result(int classes, long jarBytes, List<GeneratedApp.ConfigFile> configs, List<TimedRuns.Timed> loaded,
            List<TimedRuns.Timed> idle) {
        /** The no-op transformer agent's variant. */
        int noop() {
            return configs.size() + 1;
        }

        /** The ASM floor agent's variant, rewriting the methods the large config covers. */
        int asmFloor() {
            return configs.size() + 2;
        }

        /** The large config's variant with the woven-class cache its verify run filled. */
        int warmCache() {
            return configs.size() + 3;
        }

        /** CPU added per 1,000 loaded classes, all of it: (with - without) / (classes / 1000). */
        double cpuPerThousand(int variant) {
            return (loaded.get(variant).cpu().median() - loaded.get(0).cpu().median()) / (classes / 1000.0);
        }

        /** The same, less the fixed cost (the idle runs' difference): what each loaded class costs. */
        double netCpuPerThousand(int variant) {
            return (loaded.get(variant).cpu().median() - loaded.get(0).cpu().median() - fixedCpu(variant))
                    / (classes / 1000.0);
        }

        /**
         * A 90% bootstrap interval of {@link #netCpuPerThousand}: the four medians it is made of, each
         * recomputed from as many runs drawn with replacement from its own, {@link #RESAMPLES} times (a
         * fixed seed, so that the interval follows from the samples in the results file). It shows how far
         * the figure moves from one run of this benchmark to the next on the same machine.
         */
        double[] netCpuPerThousandInterval(int variant) {
            SplittableRandom random = new SplittableRandom(variant);
            double[] estimates = new double[RESAMPLES];
            for (int i = 0; i < RESAMPLES; i++) {
                estimates[i] = (loaded.get(variant).cpu().resampledMedian(random) - loaded.get(0).cpu().resampledMedian(random)
                        - idle.get(variant).cpu().resampledMedian(random) + idle.get(0).cpu().resampledMedian(random))
                        / (classes / 1000.0);
            }
            Arrays.sort(estimates);
            return new double[] {estimates[RESAMPLES / 20], estimates[RESAMPLES - RESAMPLES / 20 - 1]};
        }

        double addedWallMedian(int variant) {
            return loaded.get(variant).toMark().median() - loaded.get(0).toMark().median();
        }

        double fixedCpu(int variant) {
            return idle.get(variant).cpu().median() - idle.get(0).cpu().median();
        }
    }

    private GeneratedAppStartup() {
    }

    static Result run(BenchSettings settings) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("resilience-generated-app");
        try {
            long start = System.nanoTime();
            GeneratedApp app = GeneratedApp.write(dir, settings.generatedClasses, settings.largePatterns);
            System.out.printf("# generated %d classes into %s (%d bytes) in %d ms%n", app.classCount(), app.jar(),
                    Files.size(app.jar()), (System.nanoTime() - start) / 1_000_000);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<TimedRuns.Launch> loaded = new ArrayList<>();
            List<TimedRuns.Launch> idle = new ArrayList<>();
            loaded.add(new TimedRuns.Launch("generated, without agent", List.of(java, "-jar", app.jar().toString())));
            idle.add(new TimedRuns.Launch("idle, without agent", List.of(java, "-jar", app.jar().toString(), "idle")));
            for (GeneratedApp.ConfigFile config : app.configs()) {
                String agent = "-javaagent:" + settings.agentJarForRun() + "=config=" + config.path();
                loaded.add(new TimedRuns.Launch("generated, agent, " + config.label(),
                        List.of(java, agent, "-jar", app.jar().toString())));
                idle.add(new TimedRuns.Launch("idle, agent, " + config.label(),
                        List.of(java, agent, "-jar", app.jar().toString(), "idle")));
            }
            String noop = "-javaagent:" + NoopAgentJar.write(dir);
            loaded.add(new TimedRuns.Launch("generated, no-op transformer agent", List.of(java, noop, "-jar", app.jar().toString())));
            idle.add(new TimedRuns.Launch("idle, no-op transformer agent", List.of(java, noop, "-jar", app.jar().toString(), "idle")));
            GeneratedApp.ConfigFile large = app.configs().get(1);
            Path floorTargets = dir.resolve("asm-floor-targets.txt");
            Files.write(floorTargets, large.coveredTargets());
            String floor = "-javaagent:" + NoopAgentJar.writeAsmFloor(dir) + "=" + floorTargets;
            loaded.add(new TimedRuns.Launch("generated, ASM floor agent", List.of(java, floor, "-jar", app.jar().toString())));
            idle.add(new TimedRuns.Launch("idle, ASM floor agent", List.of(java, floor, "-jar", app.jar().toString(), "idle")));
            String cached = "-javaagent:" + settings.agentJarForRun() + "=config=" + large.path() + ",cache="
                    + dir.resolve("woven-class-cache");
            loaded.add(new TimedRuns.Launch("generated, agent, " + large.label() + ", woven-class cache warm",
                    List.of(java, cached, "-jar", app.jar().toString())));
            idle.add(new TimedRuns.Launch("idle, agent, " + large.label() + ", woven-class cache warm",
                    List.of(java, cached, "-jar", app.jar().toString(), "idle")));
            verify(app, loaded.get(0), Set.of(), null);
            for (int i = 0; i < app.configs().size(); i++) {
                Set<String> covered = app.configs().get(i).coveredTargets();
                verify(app, loaded.get(i + 1), covered, "INSTRUMENTED_METHODS " + covered.size());
            }
            // the floor changes no method, and says how many it rewrote: one per method the large config covers
            verify(app, new TimedRuns.Launch("ASM floor agent", List.of(java, floor + ",report", "-jar", app.jar().toString())),
                    Set.of(), "ASM_FLOOR_REWRITTEN " + large.coveredTargets().size());
            // the first fills the cache; the second must take every woven class from it
            verify(app, loaded.get(loaded.size() - 1), large.coveredTargets(), "INSTRUMENTED_METHODS " + large.coveredTargets().size());
            verifyFromCache(loaded.get(loaded.size() - 1), large.coveredTargets());
            List<TimedRuns.Launch> all = new ArrayList<>(loaded);
            all.addAll(idle);
            List<TimedRuns.Timed> timed = TimedRuns.measure("generated", all, MARK, settings.largeWarmupRuns,
                    settings.largeRuns);
            return new Result(app.classCount(), Files.size(app.jar()), app.configs(), timed.subList(0, loaded.size()),
                    timed.subList(loaded.size(), timed.size()));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Runs {@code launch} (the agent with a filled woven-class cache) once more: each covered class must come from the cache. */
    private static void verifyFromCache(TimedRuns.Launch launch, Set<String> covered) throws IOException, InterruptedException {
        Set<String> classes = new TreeSet<>();
        for (String target : covered) {
            classes.add(target.substring(0, target.indexOf('#')));
        }
        List<String> command = new ArrayList<>(launch.command());
        command.add(1, "-Dresilience.logLevel=DEBUG");
        TimedRuns.Output output = TimedRuns.run(command);
        List<String> missing = new ArrayList<>();
        for (String type : classes) {
            if (!output.text().contains("Woven code of " + type + " read from the woven-class cache\n")) {
                missing.add(type);
            }
        }
        if (output.exit() != 0 || !missing.isEmpty()) {
            throw new IllegalStateException("generated app: woven code not read from the woven-class cache for " + missing
                    + " (exit " + output.exit() + "): " + String.join(" ", command) + "\n" + output.text());
        }
        System.out.println("# checked: " + launch.label() + ": the woven code of all " + classes.size()
                + " woven classes read from the cache");
    }

    /**
     * Runs {@code launch} in verify mode: exactly the {@code covered} targets must be retried, and the output
     * must hold {@code agentLine}, what the agent reports of itself (null: nothing to report).
     */
    private static void verify(GeneratedApp app, TimedRuns.Launch launch, Set<String> covered, String agentLine)
            throws IOException, InterruptedException {
        List<String> command = launch.command();
        List<String> verifyCommand = new ArrayList<>(command);
        verifyCommand.add("verify");
        TimedRuns.Output output = TimedRuns.run(verifyCommand);
        List<String> wrong = new ArrayList<>();
        for (String target : app.targets()) {
            String expected = "VERIFY " + target + (covered.contains(target) ? " OK" : " FAILED");
            if (!output.text().contains(expected + "\n") && !output.text().contains(expected + " ")) {
                wrong.add(target + (covered.contains(target) ? " is not retried" : " is retried"));
            }
        }
        if (output.exit() != 0 || !wrong.isEmpty() || (agentLine != null && !output.text().contains(agentLine + "\n"))) {
            throw new IllegalStateException("generated app: expected exactly " + covered.size() + " of "
                    + app.targets().size() + " methods instrumented" + (agentLine == null ? "" : " and " + agentLine)
                    + " (exit " + output.exit() + "; " + wrong + "): " + String.join(" ", verifyCommand) + "\n" + output.text());
        }
        System.out.println("# checked: " + launch.label() + ": " + covered.size() + " of " + app.targets().size()
                + " candidate methods instrumented, as configured" + (agentLine == null ? "" : "; " + agentLine));
    }
}
