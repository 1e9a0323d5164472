package io.resilienceagent.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up of the Spring Boot sample (a fat jar, {@code java -jar}) with and without the agent, the
 * agent configured for its two {@code @Service} methods ({@code large-spring.yaml}), and for them and one
 * wildcard that matches nothing ({@code large-spring-wildcard.yaml}). The app prints
 * {@code STARTED_NANOS} and {@code CPU_NANOS} on {@code ApplicationReadyEvent} and exits
 * ({@code --exit-after-start}). Before timing, one run of each variant calls both services against an
 * {@link UpstreamStub} whose first answers are 503s: they must fail without the agent and succeed with it.
 */
final class SpringBootStartup {
    static final String MARK = "STARTED_NANOS ";

    /** The variants' runs. */
    record Result(TimedRuns.Timed without, TimedRuns.Timed with, TimedRuns.Timed withWildcard) {
        double addedWallMedian() {
            return with.toMark().median() - without.toMark().median();
        }

        double addedCpuMedian() {
            return with.cpu().median() - without.cpu().median();
        }
    }

    private SpringBootStartup() {
    }

    static Result run(BenchSettings settings) throws IOException, InterruptedException {
        Path jar = settings.springJarForRun();
        Path config = BenchSettings.resourceToTempFile("large-spring.yaml", ".yaml");
        Path wildcardConfig = BenchSettings.resourceToTempFile("large-spring-wildcard.yaml", ".yaml");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<TimedRuns.Launch> launches = List.of(
                new TimedRuns.Launch("Spring Boot, without agent",
                        List.of(java, "-jar", jar.toString(), "--exit-after-start")),
                new TimedRuns.Launch("Spring Boot, agent (2 methods)",
                        List.of(java, "-javaagent:" + settings.agentJarForRun() + "=config=" + config, "-jar",
                                jar.toString(), "--exit-after-start")),
                new TimedRuns.Launch("Spring Boot, agent (2 methods and 1 wildcard)",
                        List.of(java, "-javaagent:" + settings.agentJarForRun() + "=config=" + wildcardConfig, "-jar",
                                jar.toString(), "--exit-after-start")));
        verify(launches.get(0).command(), false);
        verify(launches.get(1).command(), true);
        verify(launches.get(2).command(), true);
        List<TimedRuns.Timed> timed = TimedRuns.measure("spring", launches, MARK, settings.largeWarmupRuns,
                settings.largeRuns);
        return new Result(timed.get(0), timed.get(1), timed.get(2));
    }

    private static void verify(List<String> command, boolean expectProtected) throws IOException, InterruptedException {
        try (UpstreamStub upstream = new UpstreamStub()) {
            List<String> verifyCommand = new ArrayList<>(command);
            verifyCommand.add("--self-call");
            verifyCommand.add("--upstream.url=" + upstream.url());
            TimedRuns.Output output = TimedRuns.run(verifyCommand);
            String outcome = expectProtected ? " OK " : " FAILED ";
            boolean asExpected = output.exit() == 0 && output.text().contains(MARK)
                    && output.text().contains("SELF_CALL greeting" + outcome)
                    && output.text().contains("SELF_CALL quote" + outcome)
                    && upstream.requests() == (expectProtected ? 4 : 2);
            if (!asExpected) {
                throw new IllegalStateException("Spring Boot sample: expected both services to be "
                        + (expectProtected ? "retried by the agent" : "unprotected") + " (exit " + output.exit()
                        + ", upstream saw " + upstream.requests() + " requests): " + String.join(" ", verifyCommand)
                        + "\n" + output.text());
            }
            System.out.println("# checked: " + (expectProtected ? "with the agent both services retry a 503"
                    : "without the agent a 503 fails both services") + " (" + upstream.requests() + " upstream requests)");
        }
    }
}
