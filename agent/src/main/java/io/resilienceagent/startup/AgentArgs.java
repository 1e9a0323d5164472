package io.resilienceagent.startup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code -javaagent:resilience-agent.jar=ARGS} string: comma-separated {@code key=value} pairs,
 * {@code config=PATH}, {@code onConfigError=exit|continue}, {@code reload=on|off}, {@code cache=DIR} (the
 * woven-class cache), {@code jitHints=on|off} (compiler directives for the weaver's code, see
 * {@code JitHints}), and {@code report=PATH}, which the command line's {@code attach} passes to learn how
 * the start went. A path may hold commas.
 *
 * @param config the config file named on the command line, if any
 * @param exitOnConfigError whether a bad config stops the JVM (the default) or leaves it uninstrumented
 * @param watch whether the agent watches its config file and reloads it when it changes (the default)
 * @param report where to write how the start went (one line, or the config problems), if anywhere
 * @param cache the directory of the woven-class cache, if any
 * @param jitHints whether the agent asks the JIT to compile its per-class code with C1 only (the default)
 */
record AgentArgs(Optional<String> config, boolean exitOnConfigError, boolean watch, Optional<String> report,
        Optional<String> cache, boolean jitHints) {
    static final AgentArgs DEFAULTS = new AgentArgs(Optional.empty(), true, true, Optional.empty(), Optional.empty(), true);
    private static final String VALID = "valid arguments are config=PATH, onConfigError=exit|continue, reload=on|off, "
            + "cache=DIR and jitHints=on|off";

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
        boolean watch = true;
        Optional<String> report = Optional.empty();
        Optional<String> cache = Optional.empty();
        boolean jitHints = true;
        Set<String> given = new HashSet<>();
        for (String part : parts(arguments)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("agent argument '" + part + "' is not key=value; " + VALID
                        + ", separated by commas");
            }
            String key = keyOf(part);
            String value = part.substring(eq + 1).strip();
            if (!given.add(key)) {
                throw new IllegalArgumentException("agent argument '" + key + "' is given twice; give it once");
            }
            switch (key) {
                case "config" -> config = Optional.of(requirePath(key, value, "a file", "/etc/app/resilience.yaml"));
                case "onConfigError" -> exit = Optional.of(parseOnConfigError(value));
                case "reload" -> watch = parseOnOff(key, value, "watch the config file");
                case "report" -> report = Optional.of(value);
                case "cache" -> cache = Optional.of(requirePath(key, value, "a directory", "/var/cache/resilience-agent"));
                case "jitHints" -> jitHints = parseOnOff(key, value, "compile the agent's per-class code with C1 only");
                default -> throw new IllegalArgumentException("unknown agent argument '" + key + "'; " + VALID);
            }
        }
        return new AgentArgs(config, exit.orElse(true), watch, report, cache, jitHints);
    }

    private static String requirePath(String key, String value, String what, String example) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + "= needs " + what + ", such as " + key + "=" + example);
        }
        return value;
    }

    /** The key of a {@code key=value} part, without the blanks around it. */
    private static String keyOf(String part) {
        int eq = part.indexOf('=');
        return eq < 0 ? "" : part.substring(0, eq).strip();
    }

    /**
     * The comma-separated parts; a comma inside a path ({@code config=conf,v2/resilience.yaml}) stays in
     * it, unless what follows the comma starts like an argument ({@code word=}) or is blank.
     */
    private static List<String> parts(String arguments) {
        List<String> parts = new ArrayList<>();
        for (String piece : arguments.split(",", -1)) {
            String last = parts.isEmpty() ? "" : parts.get(parts.size() - 1);
            String lastKey = keyOf(last);
            boolean inPath = lastKey.equals("config") || lastKey.equals("report") || lastKey.equals("cache");
            if (inPath && !piece.isBlank() && !startsLikeArgument(piece)) {
                parts.set(parts.size() - 1, last + "," + piece);
            } else if (!piece.isBlank()) {
                parts.add(piece.strip());
            }
        }
        return parts;
    }

    /** Whether {@code piece} starts with a word and {@code =}, as an argument does (an unknown one is then reported). */
    private static boolean startsLikeArgument(String piece) {
        String trimmed = piece.stripLeading();
        int i = 0;
        while (i < trimmed.length() && (Character.isLetterOrDigit(trimmed.charAt(i)) || trimmed.charAt(i) == '_')) {
            i++;
        }
        return i > 0 && i < trimmed.length() && trimmed.charAt(i) == '=';
    }

    private static boolean parseOnConfigError(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "exit" -> true;
            case "continue" -> false;
            default -> throw new IllegalArgumentException("onConfigError=" + value + " is not valid; use exit or continue");
        };
    }

    private static boolean parseOnOff(String key, String value, String onMeans) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(key + "=" + value + " is not valid; use on (" + onMeans
                    + ", the default) or off");
        };
    }

    /** Whether the argument string asks to continue on config errors, read leniently for error handling. */
    static boolean asksToContinue(String arguments) {
        return arguments != null && arguments.replace(" ", "").toLowerCase(Locale.ROOT).contains("onconfigerror=continue");
    }
}
