package io.resilienceagent.startup;

import io.resilienceagent.config.ConfigException;
import io.resilienceagent.config.ConfigLoader;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.reload.ConfigWatcher;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads the agent arguments and the config file on a thread of its own, so that {@code premain} can
 * define the bootstrap classes and warm up the weaver meanwhile: reading the config is the longest step
 * of start-up (the YAML parser runs cold). The outcome is the config, or the problem to print.
 */
final class ConfigReading implements Callable<ConfigReading.Outcome> {
    private final String arguments;
    private final FutureTask<Outcome> task;

    private ConfigReading(String arguments) {
        this.arguments = arguments;
        this.task = new FutureTask<>(this);
    }

    /** Starts reading; if no thread can be started, reads on the calling thread instead. */
    static ConfigReading start(String arguments) {
        ConfigReading reading = new ConfigReading(arguments);
        try {
            Thread thread = new Thread(reading.task, "resilience-agent-config");
            thread.setDaemon(true);
            thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            reading.task.run();
        }
        return reading;
    }

    /** Waits for the outcome; an unexpected failure of the reading is thrown here, as if read on this thread. */
    Outcome outcome() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Outcome call() {
        long started = System.nanoTime();
        AgentArgs args;
        try {
            args = AgentArgs.parse(arguments);
        } catch (IllegalArgumentException e) {
            return Outcome.problem(AgentArgs.DEFAULTS, "resilience-agent: " + e.getMessage(), !AgentArgs.asksToContinue(arguments));
        }
        Optional<Path> configFile;
        try {
            configFile = ConfigLocator.locate(args, System.getProperties(),
                    args.config().isPresent() ? Map.of() : System.getenv(), Path.of(""));
        } catch (InvalidPathException e) {
            return Outcome.problem(args, "resilience-agent: the config location is not a valid path: " + e.getMessage()
                    + "; pass one with -javaagent:resilience-agent.jar=config=/path/resilience.yaml",
                    args.exitOnConfigError());
        }
        if (configFile.isEmpty()) {
            return Outcome.problem(args, "resilience-agent: no config file found; looked at " + ConfigLocator.searchedPlaces()
                    + ". Pass one with -javaagent:resilience-agent.jar=config=/path/resilience.yaml",
                    args.exitOnConfigError());
        }
        try {
            ConfigWatcher.Fingerprint read = ConfigWatcher.Fingerprint.of(configFile.get());
            ResilienceConfig config = ConfigLoader.load(configFile.get());
            return new Outcome(args, config, configFile.get(), read, null, false, System.nanoTime() - started);
        } catch (ConfigException e) {
            return Outcome.problem(args, e.getMessage(), args.exitOnConfigError());
        }
    }

    /**
     * What reading found.
     *
     * @param args the agent's arguments (the defaults when they could not be read)
     * @param config the config, or null when there is a problem
     * @param read the config file as it was just before it was read, for the watcher; null when there is a problem
     * @param problem what to print when there is no config
     * @param stopJvm whether the problem stops the JVM (onConfigError=exit), unless the agent was attached
     * @param readNanos how long the reading took, for the DEBUG timing line
     */
    record Outcome(AgentArgs args, ResilienceConfig config, Path file, ConfigWatcher.Fingerprint read, String problem,
            boolean stopJvm, long readNanos) {
        static Outcome problem(AgentArgs args, String message, boolean stopJvm) {
            return new Outcome(args, null, null, null, message, stopJvm, 0);
        }
    }
}
