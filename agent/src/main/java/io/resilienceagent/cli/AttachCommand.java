package io.resilienceagent.cli;

import io.resilienceagent.config.ConfigException;
import io.resilienceagent.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * {@code attach PID [config=PATH]}: loads the agent into a JVM started without it, and tells the
 * operator whether it started or why not. A config given here is checked first (a relative path is
 * resolved against this command's working directory); then the agent writes how its start went to a
 * file this command reads, so the outcome is not only in the application's output.
 */
final class AttachCommand {
    private static final long REPORT_WAIT_MILLIS = 30_000;

    private AttachCommand() {
    }

    static int run(String pid, String configArgument, PrintStream out) throws CliFailure {
        Path config = null;
        if (configArgument != null) {
            if (!configArgument.startsWith("config=") || configArgument.length() == "config=".length()) {
                throw new CliFailure(Cli.USAGE, "the second argument of attach is config=PATH, not '" + configArgument + "'");
            }
            config = resolve(configArgument.substring("config=".length()));
            try {
                ConfigLoader.load(config);
            } catch (ConfigException e) {
                out.println(e.getMessage());
                return Cli.INVALID;
            }
        }
        try (TargetJvm target = TargetJvm.attach(pid)) {
            String running = target.runningAgentConfig();
            if (running != null) {
                throw new CliFailure(Cli.INVALID, "resilience-agent is already running in process " + pid + " (config "
                        + running + "); to apply a changed config use: java -jar resilience-agent.jar reload " + pid);
            }
            // in a directory of this user's alone (the target JVM runs as the same user): no one else can
            // put a file, or a link, where the agent writes its report
            Path reportDirectory = Files.createTempDirectory("resilience-agent-attach-");
            Path report = reportDirectory.resolve("report.txt");
            try {
                String arguments = (config == null ? "" : "config=" + config + ",") + "report=" + report;
                target.loadAgent(agentJar(), arguments);
                String outcome = awaitReport(report);
                if (outcome.startsWith("OK ")) {
                    out.println("Started in process " + pid + ": " + outcome.substring(3));
                    return Cli.OK;
                }
                out.println(outcome);
                return Cli.INVALID;
            } finally {
                Files.deleteIfExists(report);
                Files.deleteIfExists(reportDirectory);
            }
        } catch (IOException e) {
            throw new CliFailure(Cli.INVALID, "cannot attach to process " + pid + ": " + e.getMessage());
        }
    }

    private static Path resolve(String path) throws CliFailure {
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new CliFailure(Cli.USAGE, "config=" + path + " is not a valid path: " + e.getReason());
        }
    }

    /** The agent writes its outcome once its start has run; loading returns before that on some JVMs. */
    private static String awaitReport(Path report) throws IOException, CliFailure {
        long deadline = System.nanoTime() + REPORT_WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (Files.exists(report) && Files.size(report) > 0) {
                return Files.readString(report, StandardCharsets.UTF_8).strip();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new CliFailure(Cli.INVALID, "the agent did not report its start within " + REPORT_WAIT_MILLIS / 1000
                + " s; see the application's standard error");
    }

    /** The jar this command runs from: the agent jar. */
    private static String agentJar() throws CliFailure {
        try {
            CodeSource source = Class.forName("io.resilienceagent.launch.AgentEntry").getProtectionDomain().getCodeSource();
            return Path.of(source.getLocation().toURI()).toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            throw new CliFailure(Cli.INVALID, "cannot tell where the agent jar is: " + e);
        }
    }
}
