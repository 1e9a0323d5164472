package io.resilienceagent.it.reload;

import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent jar's command line as an operator runs it, {@code java -jar resilience-agent.jar COMMAND ...},
 * on a given JDK and in a given working directory (against which a relative {@code config=} path resolves).
 */
final class AgentCli {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Jdk jdk;
    private final Path workingDirectory;
    private final Duration timeout;

    AgentCli(Jdk jdk, Path workingDirectory) {
        this(jdk, workingDirectory, TIMEOUT);
    }

    private AgentCli(Jdk jdk, Path workingDirectory, Duration timeout) {
        this.jdk = jdk;
        this.workingDirectory = workingDirectory;
        this.timeout = timeout;
    }

    /** The same command line, killed (and the test failed) if a command runs longer than {@code timeout}. */
    AgentCli withTimeout(Duration timeout) {
        return new AgentCli(jdk, workingDirectory, timeout);
    }

    /** Runs one command to completion: exit status, stdout and stderr. */
    ChildResult run(Object... args) {
        String[] words = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            words[i] = String.valueOf(args[i]);
        }
        return ChildJvm.on(jdk).jar(Artifacts.agentJar(), words).workingDirectory(workingDirectory).timeout(timeout).run();
    }
}
