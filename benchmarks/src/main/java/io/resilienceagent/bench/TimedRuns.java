package io.resilienceagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times fresh JVMs: each run is one {@code java} process, started from here, that prints a mark line
 * ({@code END_OF_MAIN_NANOS} or {@code STARTED_NANOS}, a {@link System#nanoTime()} value, which on
 * Linux is a system-wide monotonic clock) and then {@code CPU_NANOS} (CPU time of all its threads so
 * far, JIT and GC included), and optionally {@code LOADED_CLASSES}. Runs rotate through the variants,
 * after discarded warm-up runs of each (page cache, JIT of this harness), so that a change in the
 * machine's load spreads over all variants alike. Every start-up measurement uses this one loop.
 */
final class TimedRuns {
    static final String CPU_MARK = "CPU_NANOS ";
    static final String LOADED_MARK = "LOADED_CLASSES ";

    /** One way of starting an application. */
    record Launch(String label, List<String> command) {
    }

    /**
     * A launch's measured runs: start to mark, whole process (includes JVM shut-down), CPU at the mark.
     *
     * @param loadedClasses as the application printed it in its last run, -1 when it prints none
     */
    record Timed(String label, List<String> command, Stats toMark, Stats process, Stats cpu, long loadedClasses) {
        /** The variant as a JSON object, for the results files. */
        String json(String indent) {
            return "{\"label\": " + JsonText.quote(label) + ", \"command\": " + JsonText.quote(String.join(" ", command))
                    + (loadedClasses >= 0 ? ", \"loadedClasses\": " + loadedClasses : "")
                    + ",\n" + indent + " \"toMarkMillis\": " + toMark.json()
                    + ",\n" + indent + " \"processMillis\": " + process.json()
                    + ",\n" + indent + " \"cpuMillis\": " + cpu.json() + "}";
        }
    }

    private TimedRuns() {
    }

    /** Runs each launch {@code warmups} times (discarded), then {@code runs} rounds in rotating order. */
    static List<Timed> measure(String name, List<Launch> launches, String mark, int warmups, int runs)
            throws IOException, InterruptedException {
        for (int i = 0; i < warmups; i++) {
            for (Launch launch : launches) {
                once(launch.command(), mark);
            }
        }
        int n = launches.size();
        List<List<Double>> toMark = new ArrayList<>();
        List<List<Double>> process = new ArrayList<>();
        List<List<Double>> cpu = new ArrayList<>();
        long[] loaded = new long[n];
        for (int v = 0; v < n; v++) {
            toMark.add(new ArrayList<>());
            process.add(new ArrayList<>());
            cpu.add(new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < n; k++) {
                int v = (i + k) % n; // rotate the order from round to round
                double[] t = once(launches.get(v).command(), mark);
                toMark.get(v).add(t[0]);
                process.get(v).add(t[1]);
                cpu.get(v).add(t[2]);
                loaded[v] = (long) t[3];
                System.out.printf(Locale.ROOT, "# %s run %2d %-34s to %s %7.1f ms, process %7.1f ms, CPU %7.1f ms%n",
                        name, i + 1, launches.get(v).label(), mark.strip(), t[0], t[1], t[2]);
            }
        }
        List<Timed> timed = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            Launch launch = launches.get(v);
            timed.add(new Timed(launch.label(), launch.command(), Stats.of(toMark.get(v)), Stats.of(process.get(v)),
                    Stats.of(cpu.get(v)), loaded[v]));
        }
        return timed;
    }

    /** One run: {to mark, whole process, CPU at the mark, loaded classes or -1}, times in milliseconds. */
    static double[] once(List<String> command, String mark) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("resilience-startup", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            long end = System.nanoTime();
            String output = new String(out, StandardCharsets.UTF_8);
            if (exit != 0 || !output.contains(mark)) {
                throw new IllegalStateException("start-up run failed (exit " + exit + "): " + String.join(" ", command)
                        + "\n" + output + Files.readString(stderr));
            }
            long marked = number(output, mark);
            long cpuNanos = number(output, CPU_MARK);
            long loaded = output.contains(LOADED_MARK) ? number(output, LOADED_MARK) : -1;
            return new double[] {(marked - start) / 1e6, (end - start) / 1e6, cpuNanos / 1e6, loaded};
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** What a process printed (stdout and stderr merged) and its exit status. */
    record Output(int exit, String text) {
    }

    /** Runs a command to its end, for the checks made before anything is timed. */
    static Output run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Output(process.waitFor(), text);
    }

    /** The number after {@code mark} on its line. */
    static long number(String output, String mark) {
        int at = output.indexOf(mark);
        if (at < 0) {
            throw new IllegalStateException("no " + mark.strip() + " in: " + output);
        }
        int start = at + mark.length();
        int end = output.indexOf('\n', start);
        return Long.parseLong(output.substring(start, end < 0 ? output.length() : end).strip());
    }
}
