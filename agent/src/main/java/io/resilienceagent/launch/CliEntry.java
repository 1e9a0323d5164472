package io.resilienceagent.launch;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's {@code Main-Class}: runs the command-line interface ({@code io.resilienceagent.cli.Cli})
 * inside the agent class loader, where the rest of the agent lives.
 */
public final class CliEntry {
    private CliEntry() {
    }

    /** {@code java -jar resilience-agent.jar validate FILE | --version | --help}. */
    public static void main(String[] args) throws Throwable {
        try {
            Class.forName("io.resilienceagent.cli.Cli", true, AgentEntry.agentLoader())
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
