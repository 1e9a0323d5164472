package io.resilienceagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JVM start to end of {@code main} of a small app ({@code io.resilienceagent.bench.startup.StartupApp}:
 * two client classes, each method named in the two-method {@code startup.yaml}, each called once),
 * without the agent, with it, and (diagnostic) with a config whose two patterns match nothing.
 *
 * <p>The app's three classes are copied to a temporary directory that is its whole class path. Each
 * run is a fresh {@code java} process (the same {@code java} that runs this program, no extra flags);
 * runs rotate through the variants, after a few discarded warm-up runs of each (page cache).
 * Two times per run:
 * <ul>
 *   <li><b>to end of main</b>: from just before {@code ProcessBuilder.start()} to the
 *       {@code System.nanoTime()} the app prints as its last act (CLOCK_MONOTONIC is system-wide on Linux);
 *   <li><b>process</b>: from just before start to {@code waitFor()} returning (includes JVM shutdown);
 *   <li><b>CPU</b>: the CPU time of all the app JVM's threads at the end of main (JIT and GC threads
 *       included), which other processes on the machine inflate much less than wall time.
 * </ul>
 */
final class StartupMeasurement {
    private static final String APP_PACKAGE = "io/resilienceagent/bench/startup/";
    private static final String[] APP_CLASSES = {"StartupApp", "GreetingClient", "QuoteClient"};
    private static final String MAIN_CLASS = "io.resilienceagent.bench.startup.StartupApp";
    private static final String END_MARK = "END_OF_MAIN_NANOS ";
    private static final String CPU_MARK = "CPU_NANOS ";

    /** Median, minimum and maximum of a set of runs, in milliseconds. */
    record Stats(double median, double min, double max, double[] samples) {
        static Stats of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Stats(median, sorted[0], sorted[n - 1], sorted);
        }
    }

    /** One way of starting the app, and its measured runs. */
    record Variant(String label, List<String> command, Stats toEndOfMain, Stats process, Stats cpu) {
    }

    record Result(int runs, Variant without, Variant with, Variant noMatch, long agentJarBytes) {
        double addedMedianMillis() {
            return with.toEndOfMain.median - without.toEndOfMain.median;
        }

        double addedMinMillis() {
            return with.toEndOfMain.min - without.toEndOfMain.min;
        }

        double addedCpuMedianMillis() {
            return with.cpu.median - without.cpu.median;
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
        List<List<String>> commands = List.of(
                List.of(java, "-cp", classes.toString(), MAIN_CLASS),
                agentCommand(java, agentJar, "startup.yaml", classes),
                agentCommand(java, agentJar, "startup-nomatch.yaml", classes));
        String[] labels = {"without agent", "with agent (2 methods)", "agent, patterns match nothing"};

        verify(commands.get(0), false);
        verify(commands.get(1), true);
        verify(commands.get(2), false);

        for (int i = 0; i < settings.startupWarmupRuns; i++) {
            for (List<String> command : commands) {
                once(command);
            }
        }
        List<List<Double>> toMain = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Double>> process = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < settings.startupRuns; i++) {
            for (int k = 0; k < commands.size(); k++) {
                int v = (i + k) % commands.size(); // rotate the order from round to round
                double[] t = once(commands.get(v));
                toMain.get(v).add(t[0]);
                process.get(v).add(t[1]);
                cpu.get(v).add(t[2]);
                System.out.printf(Locale.ROOT,
                        "# startup run %2d %-30s to end of main %7.1f ms, process %7.1f ms, CPU %7.1f ms%n",
                        i + 1, labels[v], t[0], t[1], t[2]);
            }
        }
        Variant[] variants = new Variant[3];
        for (int v = 0; v < 3; v++) {
            variants[v] = new Variant(labels[v], commands.get(v), Stats.of(toMain.get(v)), Stats.of(process.get(v)),
                    Stats.of(cpu.get(v)));
        }
        Result result = new Result(settings.startupRuns, variants[0], variants[1], variants[2],
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
        Process process = new ProcessBuilder(verifyCommand).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        boolean instrumented = exit == 0 && output.contains(END_MARK);
        if (instrumented != expectInstrumented) {
            throw new IllegalStateException("start-up app " + (expectInstrumented ? "is not" : "is")
                    + " instrumented (exit " + exit + "): " + String.join(" ", verifyCommand) + "\n" + output);
        }
    }

    /** One run: {to end of main, whole process, CPU time to end of main} in milliseconds. */
    private static double[] once(List<String> command) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("resilience-startup", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            long end = System.nanoTime();
            String output = new String(out, StandardCharsets.UTF_8);
            int mark = output.indexOf(END_MARK);
            if (exit != 0 || mark < 0) {
                throw new IllegalStateException("start-up run failed (exit " + exit + "): " + String.join(" ", command)
                        + "\n" + output + Files.readString(stderr));
            }
            long endOfMain = number(output, END_MARK);
            long cpuNanos = number(output, CPU_MARK);
            return new double[] {(endOfMain - start) / 1e6, (end - start) / 1e6, cpuNanos / 1e6};
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static long number(String output, String mark) {
        int at = output.indexOf(mark);
        if (at < 0) {
            throw new IllegalStateException("no " + mark.strip() + " in: " + output);
        }
        int start = at + mark.length();
        int end = output.indexOf('\n', start);
        return Long.parseLong(output.substring(start, end < 0 ? output.length() : end).strip());
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
        Variant[] variants = {r.without, r.with, r.noMatch};
        for (int i = 0; i < variants.length; i++) {
            Variant v = variants[i];
            json.append("    {\"label\": ").append(quote(v.label))
                    .append(", \"command\": ").append(quote(String.join(" ", v.command)))
                    .append(",\n     \"toEndOfMainMillis\": ").append(stats(v.toEndOfMain))
                    .append(",\n     \"processMillis\": ").append(stats(v.process))
                    .append(",\n     \"cpuToEndOfMainMillis\": ").append(stats(v.cpu))
                    .append("}").append(i + 1 < variants.length ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Files.writeString(settings.resultsDir.resolve("startup.json"), json);
    }

    private static String stats(Stats s) {
        StringBuilder samples = new StringBuilder();
        for (double v : s.samples) {
            samples.append(samples.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
        }
        return String.format(Locale.ROOT, "{\"median\": %.1f, \"min\": %.1f, \"max\": %.1f, \"samples\": [%s]}",
                s.median, s.min, s.max, samples);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
