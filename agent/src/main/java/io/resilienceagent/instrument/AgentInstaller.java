package io.resilienceagent.instrument;

import io.resilienceagent.config.AgentVersion;
import io.resilienceagent.config.ConfigException;
import io.resilienceagent.config.ConfigLoader;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.jmx.JmxExporter;
import io.resilienceagent.log.AgentLog;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import io.resilienceagent.policy.TransitionLog;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the agent arguments and the config file, builds the services, and installs the class-file
 * transformer. A bad config stops the JVM before {@code main} (exit status 1), or with
 * {@code onConfigError=continue} leaves the application running uninstrumented; either way the
 * problem is printed. An agent attached to a running JVM never stops it.
 */
public final class AgentInstaller {
    /** The config file of the running agent; set once, so a second start is refused. */
    private static volatile Path runningConfig;

    private AgentInstaller() {
    }

    static synchronized void install(String arguments, Instrumentation instrumentation, boolean attached,
            long startedNanos) {
        if (runningConfig != null) {
            AgentLog.warn("resilience-agent is already running in this JVM (config " + runningConfig
                    + "); ignoring the second start");
            return;
        }
        long injected = System.nanoTime();
        AgentArgs args;
        try {
            args = AgentArgs.parse(arguments);
        } catch (IllegalArgumentException e) {
            failStartup("resilience-agent: " + e.getMessage(), !AgentArgs.asksToContinue(arguments) && !attached);
            return;
        }
        Optional<Path> configFile = ConfigLocator.locate(args, System.getProperties(), System.getenv(), Path.of(""));
        if (configFile.isEmpty()) {
            failStartup("resilience-agent: no config file found; looked at " + ConfigLocator.searchedPlaces()
                    + ". Pass one with -javaagent:resilience-agent.jar=config=/path/resilience.yaml",
                    args.exitOnConfigError() && !attached);
            return;
        }
        ResilienceConfig config;
        try {
            config = ConfigLoader.load(configFile.get());
        } catch (ConfigException e) {
            failStartup(e.getMessage(), args.exitOnConfigError() && !attached);
            return;
        }
        long configRead = System.nanoTime();
        try {
            instrument(config, configFile.get(), instrumentation);
            runningConfig = configFile.get().toAbsolutePath();
            long done = System.nanoTime();
            AgentLog.debug("resilience-agent started in " + millis(startedNanos, done) + " ms (bootstrap classes "
                    + millis(startedNanos, injected) + " ms, config " + millis(injected, configRead) + " ms, transformer "
                    + millis(configRead, done) + " ms)");
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("resilience-agent could not install its transformer, the application runs unprotected: " + e);
        }
    }

    private static void instrument(ResilienceConfig config, Path configFile, Instrumentation jvm) {
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, new TransitionLog());
        MethodSelector selector = new MethodSelector(config.methods());
        Supplier<ResilienceInstrumentation> weaving = new Lazy<>(() -> new ResilienceInstrumentation(registry, selector));
        new ResilienceTransformer(selector, weaving).install(jvm);
        JmxExporter.registerLater(AgentVersion.current(), configFile.toAbsolutePath().toString(), registry,
                selector::unmatchedPatterns, () -> isLoaded(jvm, System.getProperty("java.util.logging.manager")));
        int services = config.services().size();
        AgentLog.info("resilience-agent " + AgentVersion.current() + " protecting " + services
                + (services == 1 ? " service" : " services") + " (config " + configFile + ")");
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
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
}
