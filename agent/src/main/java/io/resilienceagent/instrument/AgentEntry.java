package io.resilienceagent.instrument;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points ({@code Premain-Class} and {@code Agent-Class}). Deliberately tiny: it puts
 * the bootstrap classes on the bootstrap class path before any of them can be loaded from the agent
 * jar, then hands over to {@link AgentInstaller}.
 */
public final class AgentEntry {
    private AgentEntry() {
    }

    /** Called before {@code main} for {@code -javaagent:resilience-agent.jar=ARGS}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    /** Called when the agent is attached to a running JVM. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    private static void start(String arguments, Instrumentation instrumentation, boolean attached) {
        long started = System.nanoTime();
        if (!BootstrapInjector.inject(instrumentation)) {
            return;
        }
        AgentInstaller.install(arguments, instrumentation, attached, started);
    }
}
