package io.resilienceagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JVM start to end of {@code main} of a small app ({@code com.example.bench.startup.StartupApp}:
 * two client classes, each method named in the two-method {@code startup.yaml}, each called once),
 * without the agent, with it, and (diagnostic) with a config whose two patterns match nothing.
 *
 * <p>The app's three classes are copied to a temporary directory that is its whole class path. Each
 * run is a fresh {@code java} process (the same {@code java} that runs this program, no extra flags);
 * runs rotate through the variants, after a few discarded warm-up runs of each (page cache); see
 * {@link TimedRuns}. Per run:
 * <ul>
 *   <li><b>to end of main</b>: from just before {@code ProcessBuilder.start()} to the
 *       {@code System.nanoTime()} the app prints as its last act (CLOCK_MONOTONIC is system-wide on Linux);
 *   <li><b>process</b>: from just before start to {@code waitFor()} returning (includes JVM shutdown);
 *   <li><b>CPU</b>: the CPU time of all the app JVM's threads at the end of main (JIT and GC threads
 *       included), which other processes on the machine inflate much less than wall time.
 * </ul>
 */
final class StartupMeasurement {
    private static final String APP_PACKAGE = "com/example/bench/startup/";
    private static final String[] APP_CLASSES = {"StartupApp", "GreetingClient", "QuoteClient"};
    private static final String MAIN_CLASS = "com.example.bench.startup.StartupApp";
    private static final String END_MARK = "END_OF_MAIN_NANOS ";

    record Result(int runs, TimedRuns.Timed without, TimedRuns.Timed with, TimedRuns.Timed noMatch,
            long agentJarBytes) {
        double addedMedianMillis() {
            return with.toMark().median() - without.toMark().median();
        }

        double addedMinMillis() {
            return with.toMark().min() - without.toMark().min();
        }

        double addedCpuMedianMillis() {
            return with.cpu().median() - without.cpu().median();
        }
    }

    private StartupMeasurement() {
    }

    static Result run(BenchSettings settings) throws IOException, InterruptedException {
        Path agentJar = settings.agentJarForRun();
        Path classes = Files.createTempDirectory("resilience-startup-app");
        for (String name : APP_CLASSES) {
            Path file = classes.resolve(APP_PACKAGE + name + ".class");
            Files.createDirectories(file.getParent());
            try (InputStream in = StartupMeasurement.class.getResourceAsStream("/" + APP_PACKAGE + name + ".class")) {
                if (in == null) {
                    throw new IOException("missing class " + name);
                }
                Files.copy(in, file);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<TimedRuns.Launch> launches = List.of(
                new TimedRuns.Launch("without agent", List.of(java, "-cp", classes.toString(), MAIN_CLASS)),
                new TimedRuns.Launch("with agent (2 methods)", agentCommand(java, agentJar, "startup.yaml", classes)),
                new TimedRuns.Launch("agent, patterns match nothing",
                        agentCommand(java, agentJar, "startup-nomatch.yaml", classes)));

        verify(launches.get(0).command(), false);
        verify(launches.get(1).command(), true);
        verify(launches.get(2).command(), false);

        List<TimedRuns.Timed> timed = TimedRuns.measure("startup", launches, END_MARK, settings.startupWarmupRuns,
                settings.startupRuns);
        Result result = new Result(settings.startupRuns, timed.get(0), timed.get(1), timed.get(2),
                Files.size(agentJar));
        write(settings, result);
        return result;
    }

    private static List<String> agentCommand(String java, Path agentJar, String config, Path classes)
            throws IOException {
        Path file = BenchSettings.resourceToTempFile(config, ".yaml");
        return List.of(java, "-javaagent:" + agentJar + "=config=" + file, "-cp", classes.toString(), MAIN_CLASS);
    }

    /** The app in verify mode survives its failing first call only when the agent retries it. */
    private static void verify(List<String> command, boolean expectInstrumented) throws IOException, InterruptedException {
        List<String> verifyCommand = new ArrayList<>(command);
        verifyCommand.add("verify");
        TimedRuns.Output output = TimedRuns.run(verifyCommand);
        boolean instrumented = output.exit() == 0 && output.text().contains(END_MARK);
        if (instrumented != expectInstrumented) {
            throw new IllegalStateException("start-up app " + (expectInstrumented ? "is not" : "is")
                    + " instrumented (exit " + output.exit() + "): " + String.join(" ", verifyCommand) + "\n"
                    + output.text());
        }
    }

    private static void write(BenchSettings settings, Result r) throws IOException {
        Files.createDirectories(settings.resultsDir);
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"runsPerVariant\": ").append(r.runs).append(",\n");
        json.append("  \"agentJarBytes\": ").append(r.agentJarBytes).append(",\n");
        json.append(String.format(Locale.ROOT, "  \"addedByAgentMedianMillis\": %.1f,%n", r.addedMedianMillis()));
        json.append(String.format(Locale.ROOT, "  \"addedByAgentMinMillis\": %.1f,%n", r.addedMinMillis()));
        json.append("  \"variants\": [\n");
        List<TimedRuns.Timed> variants = List.of(r.without, r.with, r.noMatch);
        for (int i = 0; i < variants.size(); i++) {
            TimedRuns.Timed v = variants.get(i);
            json.append("    {\"label\": ").append(JsonText.quote(v.label()))
                    .append(", \"command\": ").append(JsonText.quote(String.join(" ", v.command())))
                    .append(",\n     \"toEndOfMainMillis\": ").append(v.toMark().json())
                    .append(",\n     \"processMillis\": ").append(v.process().json())
                    .append(",\n     \"cpuToEndOfMainMillis\": ").append(v.cpu().json())
                    .append("}").append(i + 1 < variants.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Files.writeString(settings.resultsDir.resolve("startup.json"), json);
    }
}
