package io.resilienceagent.instrument;

import java.lang.instrument.Instrumentation;

/**
 * Where the agent starts inside its own class loader, called (reflectively) by
 * {@link io.resilienceagent.launch.AgentEntry}. It starts reading the config on a thread of its own,
 * puts the bootstrap classes in the bootstrap class loader (before anything can refer to them) and warms
 * up the weaver meanwhile, then hands the config over to {@link AgentInstaller}.
 */
public final class AgentStart {
    private AgentStart() {
    }

    /**
     * Starts the agent once per JVM.
     *
     * @param arguments the text after {@code =} in {@code -javaagent:resilience-agent.jar=...}, or null
     * @param attached true when attached to a running JVM, which a bad config must never stop
     * @param startedNanos {@link System#nanoTime()} when the JVM called the agent, for the DEBUG timing line
     */
    public static synchronized void start(String arguments, Instrumentation instrumentation, boolean attached,
            long startedNanos) {
        if (AgentInstaller.isRunning()) {
            return;
        }
        StartupTimeline timeline = new StartupTimeline(startedNanos);
        ConfigReading config = ConfigReading.start(arguments);
        if (!BootstrapInjector.inject(instrumentation)) {
            return;
        }
        timeline.injected();
        StartupWarmUp.run();
        timeline.warmedUp();
        AgentInstaller.install(config, instrumentation, attached, timeline);
    }
}
