package io.resilienceagent.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds the config file, first hit wins: the {@code config=} agent argument, the system property
 * {@code resilience.config}, the environment variable {@code RESILIENCE_AGENT_CONFIG}, then
 * {@code ./resilience.yaml}.
 */
final class ConfigLocator {
    static final String SYSTEM_PROPERTY = "resilience.config";
    static final String ENVIRONMENT_VARIABLE = "RESILIENCE_AGENT_CONFIG";
    static final String DEFAULT_FILE = "resilience.yaml";

    private ConfigLocator() {
    }

    /**
     * The file to load. A location given explicitly is returned even if it does not exist, so the
     * loader reports it; only the implicit {@code ./resilience.yaml} is skipped when absent.
     */
    static Optional<Path> locate(AgentArgs args, Properties properties, Map<String, String> environment,
            Path workingDirectory) {
        if (args.config().isPresent()) {
            return Optional.of(Path.of(args.config().get()));
        }
        String property = properties.getProperty(SYSTEM_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property.strip()));
        }
        String variable = environment.get(ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Optional.of(Path.of(variable.strip()));
        }
        Path fallback = workingDirectory.resolve(DEFAULT_FILE);
        return Files.exists(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    static String searchedPlaces() {
        return "the config= agent argument, the system property " + SYSTEM_PROPERTY + ", the environment variable "
                + ENVIRONMENT_VARIABLE + " and ./" + DEFAULT_FILE;
    }
}
