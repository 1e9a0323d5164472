package io.resilienceagent.startup;

import io.resilienceagent.config.AgentVersion;
import io.resilienceagent.jmx.AgentView;
import io.resilienceagent.jmx.JmxExporter;
import io.resilienceagent.log.AgentLog;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import io.resilienceagent.policy.TransitionLog;
import io.resilienceagent.reload.ConfigWatcher;
import io.resilienceagent.reload.LiveConfig;
import io.resilienceagent.weaving.ClassInstrumenter;
import io.resilienceagent.weaving.MethodSelector;
import io.resilienceagent.weaving.ResilienceTransformer;
import io.resilienceagent.weaving.WovenClassCache;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes what {@link ConfigReading} found, builds the services, installs the class-file transformer and
 * starts watching the config file. A bad config stops the JVM before {@code main} (exit status 1), or
 * with {@code onConfigError=continue} leaves the application running uninstrumented; either way the
 * problem is printed. An agent attached to a running JVM never stops it.
 */
public final class AgentInstaller {
    /** Set in the JVM the agent runs in, to its config file: the command line's {@code attach} reads it. */
    public static final String RUNNING_PROPERTY = "io.resilienceagent.running";

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
            report(outcome.args().report(), outcome.problem());
            failStartup(outcome.problem(), outcome.stopJvm() && !attached, attached);
            return;
        }
        try {
            String started = install(outcome, instrumentation, attached);
            runningConfig = outcome.file().toAbsolutePath();
            System.setProperty(RUNNING_PROPERTY, runningConfig.toString());
            report(outcome.args().report(), "OK " + started);
            AgentLog.debug(timeline.done());
        } catch (RuntimeException | LinkageError e) {
            String problem = "resilience-agent could not install its transformer, the application runs unprotected: " + e;
            report(outcome.args().report(), problem);
            AgentLog.error(problem);
        }
    }

    private static String install(ConfigReading.Outcome outcome, Instrumentation jvm, boolean attached) {
        ServiceRegistry registry = new ServiceRegistry(outcome.config(), Timing.SYSTEM, new TransitionLog());
        MethodSelector selector = new MethodSelector(outcome.config().methods());
        WovenClassCache cache = outcome.args().cache().isPresent() ? WovenClassCache.open(outcome.args().cache().get())
                : WovenClassCache.NONE;
        ResilienceTransformer transformer = new ResilienceTransformer(selector, new ClassInstrumenter(registry, selector, cache));
        transformer.install(jvm, attached);
        // the configured methods are protected from here on: what follows failing does not undo that
        try {
            LiveConfig live = new LiveConfig(outcome.file(), outcome.config(), registry, selector, transformer);
            Runtime.getRuntime().addShutdownHook(new UnmatchedPatternsReport(live));
            JmxExporter.registerLater(AgentVersion.current(), live, registry, new LogManagerLoaded(jvm),
                    attached ? 0 : JmxExporter.START_DELAY_MILLIS);
            if (outcome.args().watch()) {
                ConfigWatcher.start(live, outcome.read());
            }
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("resilience-agent protects the configured methods, but could not start all of live reload, "
                    + "its MXBeans and its report of unmatched patterns: " + e);
        }
        int services = outcome.config().services().size();
        String started = "resilience-agent " + AgentVersion.current() + " protecting " + services
                + (services == 1 ? " service" : " services") + " (config " + outcome.file() + ")";
        AgentLog.info(started);
        return started;
    }

    /** Writes how the start went to the file the command line's {@code attach} asked for, if it asked. */
    private static void report(Optional<String> file, String outcome) {
        if (file.isPresent()) {
            try {
                Files.writeString(Path.of(file.get()), outcome, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                AgentLog.warn("resilience-agent could not write its start report to " + file.get() + ": " + e);
            }
        }
    }

    private static boolean isLoaded(Instrumentation jvm, String className) {
        for (Class<?> type : jvm.getAllLoadedClasses()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static void failStartup(String message, boolean exit, boolean attached) {
        System.err.println(message);
        if (exit) {
            System.err.println("resilience-agent: stopping the JVM (onConfigError=exit); "
                    + "pass onConfigError=continue to run the application without the agent instead");
            System.exit(1);
        } else if (attached) {
            System.err.println("resilience-agent: the application runs on without resilience protection "
                    + "(an agent attached to a running JVM never stops it)");
        } else {
            System.err.println("resilience-agent: the application runs without resilience protection (onConfigError=continue)");
        }
    }

    // The classes below are classes rather than lambdas: each lambda costs a generated class before
    // main, and start-up time is one of the agent's targets.

    /**
     * At shutdown, one INFO line naming the patterns that never matched a woven method: a misspelt
     * class or method name otherwise protects nothing without a word.
     */
    private static final class UnmatchedPatternsReport extends Thread {
        private static final int MAX_NAMED = 10;
        private final AgentView agent;

        UnmatchedPatternsReport(AgentView agent) {
            super("resilience-agent-shutdown");
            this.agent = agent;
        }

        @Override
        public void run() {
            List<String> unmatched = agent.unmatchedPatterns();
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
