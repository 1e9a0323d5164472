package io.resilienceagent.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;

/**
 * The benchmarks' single entry point: {@code java -jar benchmarks/target/benchmarks.jar [all|jmh|startup|large]}
 * (default {@code all}). {@code all} runs the JMH suite ({@link JmhSuite}), then the start-up measurement
 * ({@link StartupMeasurement}), and writes {@code results/jmh.json}, {@code results/startup.json} and
 * {@code results/summary.md}. {@code large} runs only the large-application start-up measurement
 * ({@link LargeAppMeasurement}: the Spring Boot sample and a generated application of 20,000 classes,
 * a few minutes) and writes {@code large-app.json} and {@code summary.md}. Settings: see {@link BenchSettings}.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "all" : args[0].toLowerCase(Locale.ROOT);
        if (!mode.equals("all") && !mode.equals("jmh") && !mode.equals("startup") && !mode.equals("large")) {
            System.err.println("usage: java -jar benchmarks.jar [all|jmh|startup|large]"
                    + "  (-Dquick -Dforks=N -Dbench=REGEX -Dagent.jar=PATH -Dresults.dir=DIR -Dstartup.runs=N"
                    + " -Dspring.jar=PATH -Dlarge.runs=N -Dlarge.warmups=N -Dlarge.classes=N -Dlarge.patterns=N)");
            System.exit(2);
        }
        BenchSettings settings = new BenchSettings();
        System.out.println("# agent jar: " + settings.agentJar);
        System.out.println("# results:   " + settings.resultsDir);
        Collection<RunResult> jmh = null;
        StartupMeasurement.Result startup = null;
        LargeAppMeasurement.Result large = null;
        if (mode.equals("all") || mode.equals("jmh")) {
            jmh = JmhSuite.run(settings);
        }
        if (mode.equals("all") || mode.equals("startup")) {
            startup = StartupMeasurement.run(settings);
        }
        if (mode.equals("large")) {
            large = LargeAppMeasurement.run(settings);
        }
        Path summary = Report.write(settings, jmh, startup, large);
        System.out.println();
        System.out.println(java.nio.file.Files.readString(summary));
        System.out.println("# wrote " + summary);
    }
}
