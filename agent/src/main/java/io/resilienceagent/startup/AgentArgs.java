package io.resilienceagent.startup;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code -javaagent:resilience-agent.jar=ARGS} string: comma-separated {@code key=value} pairs,
 * {@code config=PATH} and {@code onConfigError=exit|continue}.
 *
 * @param config the config file named on the command line, if any
 * @param exitOnConfigError whether a bad config stops the JVM (the default) or leaves it uninstrumented
 */
record AgentArgs(Optional<String> config, boolean exitOnConfigError) {
    static final AgentArgs DEFAULTS = new AgentArgs(Optional.empty(), true);

    /**
     * Parses the argument string.
     *
     * @throws IllegalArgumentException naming the bad part and the accepted forms; the returned
     *     defaults still apply, so the caller knows how to fail
     */
    static AgentArgs parse(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return DEFAULTS;
        }
        Optional<String> config = Optional.empty();
        Optional<Boolean> exit = Optional.empty();
        for (String part : arguments.split(",")) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("agent argument '" + trimmed + "' is not key=value; "
                        + "use config=PATH and onConfigError=exit|continue, separated by commas");
            }
            String key = trimmed.substring(0, eq).strip();
            String value = trimmed.substring(eq + 1).strip();
            switch (key) {
                case "config" -> config = Optional.of(value);
                case "onConfigError" -> exit = Optional.of(parseOnConfigError(value));
                default -> throw new IllegalArgumentException("unknown agent argument '" + key
                        + "'; valid arguments are config=PATH and onConfigError=exit|continue");
            }
        }
        return new AgentArgs(config, exit.orElse(true));
    }

    private static boolean parseOnConfigError(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "exit" -> true;
            case "continue" -> false;
            default -> throw new IllegalArgumentException("onConfigError=" + value + " is not valid; use exit or continue");
        };
    }

    /** Whether the argument string asks to continue on config errors, read leniently for error handling. */
    static boolean asksToContinue(String arguments) {
        return arguments != null && arguments.replace(" ", "").toLowerCase(Locale.ROOT).contains("onconfigerror=continue");
    }
}
