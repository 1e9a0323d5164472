package io.resilienceagent.startup;

import io.resilienceagent.launch.AgentEntry;
import io.resilienceagent.launch.AgentMain;
import java.lang.instrument.Instrumentation;

/**
 * Where the agent starts inside its own class loader: when the launcher initialises this class, it
 * registers itself with {@link AgentEntry}, which then calls {@link #start}. It starts reading the config on a thread of its own,
 * puts the bootstrap classes in the bootstrap class loader (before anything can refer to them) and warms
 * up the weaver meanwhile, starts adding the agent's compiler directives ({@link JitHints}, on a thread of
 * their own), then hands the config over to {@link AgentInstaller}.
 */
public final class AgentStart implements AgentMain {
    static {
        AgentEntry.register(new AgentStart());
    }

    private AgentStart() {
    }

    /** Starts the agent once per JVM; see {@link AgentMain#start}. */
    @Override
    public void start(String arguments, Instrumentation instrumentation, boolean attached, long startedNanos) {
        synchronized (AgentStart.class) {
            startOnce(arguments, instrumentation, attached, startedNanos);
        }
    }

    private static void startOnce(String arguments, Instrumentation instrumentation, boolean attached, long startedNanos) {
        if (AgentInstaller.refuseSecondStart()) {
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
        JitHints.start(instrumentation, arguments);
        AgentInstaller.install(config, instrumentation, attached, timeline);
    }
}
