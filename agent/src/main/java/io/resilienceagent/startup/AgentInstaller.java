package io.resilienceagent.startup;

import io.resilienceagent.config.AgentVersion;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.jmx.JmxExporter;
import io.resilienceagent.log.AgentLog;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import io.resilienceagent.policy.TransitionLog;
import io.resilienceagent.weaving.ClassInstrumenter;
import io.resilienceagent.weaving.MethodSelector;
import io.resilienceagent.weaving.ResilienceTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Takes what {@link ConfigReading} found, builds the services, and installs the class-file
 * transformer. A bad config stops the JVM before {@code main} (exit status 1), or with
 * {@code onConfigError=continue} leaves the application running uninstrumented; either way the
 * problem is printed. An agent attached to a running JVM never stops it.
 */
public final class AgentInstaller {
    /** The config file of the running agent; set once, so a second start is refused. */
    private static volatile Path runningConfig;

    private AgentInstaller() {
    }

    /** Refuses a second start of the agent in one JVM, with one WARN line; false when none is running yet. */
    static boolean refuseSecondStart() {
        if (runningConfig != null) {
            AgentLog.warn("resilience-agent is already running in this JVM (config " + runningConfig
                    + "); ignoring the second start");
            return true;
        }
        return false;
    }

    /**
     * Installs the agent with the config the reading found, or prints its problem (and stops the JVM when
     * the problem asks for that and the agent was not attached).
     */
    static void install(ConfigReading reading, Instrumentation instrumentation, boolean attached, StartupTimeline timeline) {
        ConfigReading.Outcome outcome = reading.outcome();
        timeline.configReady(outcome.readNanos());
        if (outcome.config() == null) {
            failStartup(outcome.problem(), outcome.stopJvm() && !attached);
            return;
        }
        try {
            instrument(outcome.config(), outcome.file(), instrumentation);
            runningConfig = outcome.file().toAbsolutePath();
            AgentLog.debug(timeline.done());
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("resilience-agent could not install its transformer, the application runs unprotected: " + e);
        }
    }

    private static void instrument(ResilienceConfig config, Path configFile, Instrumentation jvm) {
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, new TransitionLog());
        MethodSelector selector = new MethodSelector(config.methods());
        new ResilienceTransformer(selector, new ClassInstrumenter(registry, selector)).install(jvm);
        Runtime.getRuntime().addShutdownHook(new UnmatchedPatternsReport(selector));
        JmxExporter.registerLater(AgentVersion.current(), configFile.toAbsolutePath().toString(), registry,
                new UnmatchedPatterns(selector), new LogManagerLoaded(jvm));
        int services = config.services().size();
        AgentLog.info("resilience-agent " + AgentVersion.current() + " protecting " + services
                + (services == 1 ? " service" : " services") + " (config " + configFile + ")");
    }

    private static boolean isLoaded(Instrumentation jvm, String className) {
        for (Class<?> type : jvm.getAllLoadedClasses()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static void failStartup(String message, boolean exit) {
        System.err.println(message);
        if (exit) {
            System.err.println("resilience-agent: stopping the JVM (onConfigError=exit); "
                    + "pass onConfigError=continue to run the application without the agent instead");
            System.exit(1);
        } else {
            System.err.println("resilience-agent: the application runs without resilience protection (onConfigError=continue)");
        }
    }

    // The suppliers below are classes rather than lambdas: each lambda costs a generated class
    // before main, and start-up time is one of the agent's targets.

    /** The patterns no transformed method has matched yet, for JMX. */
    private static final class UnmatchedPatterns implements Supplier<List<String>> {
        private final MethodSelector selector;

        UnmatchedPatterns(MethodSelector selector) {
            this.selector = selector;
        }

        @Override
        public List<String> get() {
            return selector.unmatchedPatterns();
        }
    }

    /**
     * At shutdown, one INFO line naming the patterns that never matched a woven method: a misspelt
     * class or method name otherwise protects nothing without a word.
     */
    private static final class UnmatchedPatternsReport extends Thread {
        private static final int MAX_NAMED = 10;
        private final MethodSelector selector;

        UnmatchedPatternsReport(MethodSelector selector) {
            super("resilience-agent-shutdown");
            this.selector = selector;
        }

        @Override
        public void run() {
            List<String> unmatched = selector.unmatchedPatterns();
            if (!unmatched.isEmpty()) {
                String named = unmatched.size() <= MAX_NAMED ? String.join(", ", unmatched)
                        : String.join(", ", unmatched.subList(0, MAX_NAMED)) + " and " + (unmatched.size() - MAX_NAMED) + " more";
                AgentLog.info("Patterns that matched no method while the application ran: " + named
                        + " (check the class and method names; JMX UnmatchedPatterns lists them while it runs)");
            }
        }
    }

    /** Whether the class named by {@code java.util.logging.manager} has loaded. */
    private static final class LogManagerLoaded implements Supplier<Boolean> {
        private final Instrumentation jvm;

        LogManagerLoaded(Instrumentation jvm) {
            this.jvm = jvm;
        }

        @Override
        public Boolean get() {
            return isLoaded(jvm, System.getProperty("java.util.logging.manager"));
        }
    }
}
