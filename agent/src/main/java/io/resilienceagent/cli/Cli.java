package io.resilienceagent.cli;

import io.resilienceagent.config.AgentVersion;
import io.resilienceagent.config.ConfigException;
import io.resilienceagent.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The command line of the agent jar ({@code java -jar resilience-agent.jar ...}): check a config
 * file before deploying it, or print the version.
 */
public final class Cli {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "Usage: java -jar resilience-agent.jar <command>",
            "",
            "Commands:",
            "  validate FILE   check a config file; prints OK or every problem, exits 0 (valid) or 1 (invalid)",
            "  --version       print the version",
            "  --help          print this help",
            "",
            "Attach the agent to an application with:",
            "  java -javaagent:resilience-agent.jar=config=resilience.yaml -jar app.jar");

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status: 0 success, 1 invalid config, 2 wrong usage. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String command = args[0];
        switch (command) {
            case "--help", "-h", "help" -> {
                out.println(USAGE_TEXT);
                return OK;
            }
            case "--version", "-V", "version" -> {
                out.println("resilience-agent " + AgentVersion.current());
                return OK;
            }
            case "validate" -> {
                if (args.length != 2) {
                    err.println("validate needs exactly one argument, the config file: "
                            + "java -jar resilience-agent.jar validate resilience.yaml");
                    return USAGE;
                }
                return validate(args[1], out);
            }
            default -> {
                err.println("Unknown command '" + clip(command) + "'.");
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
    }

    private static int validate(String file, PrintStream out) {
        try {
            ConfigLoader.load(Path.of(file));
            out.println("OK");
            return OK;
        } catch (ConfigException e) {
            out.println(e.getMessage());
            return INVALID;
        } catch (InvalidPathException e) {
            out.println(ConfigException.of(file, "not a valid file path: " + e.getReason()).getMessage());
            return INVALID;
        }
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
