package io.resilienceagent.cli;

import io.resilienceagent.config.AgentVersion;
import io.resilienceagent.config.ConfigException;
import io.resilienceagent.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The command line of the agent jar ({@code java -jar resilience-agent.jar ...}): check a config file
 * before deploying it; see and operate the breakers of a running JVM, reload its config, or attach the
 * agent to it (by process id, through the attach API, as the user who runs it: no JMX flags needed).
 * Exit status 0 on success, 1 when the command failed, 2 for wrong usage.
 */
public final class Cli {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "Usage: java -jar resilience-agent.jar <command>",
            "",
            "Commands:",
            "  validate FILE                check a config file; prints OK or every problem, exits 0 (valid) or 1 (invalid)",
            "  status PID                   one line per service of the agent running in process PID: state and counters",
            "  reset PID SERVICE            close SERVICE's breaker and clear its consecutive failures",
            "  force-open PID SERVICE       open SERVICE's breaker now (it recovers after its recovery timeout)",
            "  reload PID                   reload the config file of the agent in PID now; prints OK or the problems",
            "  attach PID [config=PATH]     load the agent into process PID, started without it",
            "  --version                    print the version",
            "  --help                       print this help",
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
            case "status", "reload", "reset", "force-open", "attach" -> {
                return operate(command, args, out, err);
            }
            default -> {
                err.println("Unknown command '" + clip(command) + "'.");
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
    }

    private static int operate(String command, String[] args, PrintStream out, PrintStream err) {
        int wanted = command.equals("reset") || command.equals("force-open") ? 3 : 2;
        boolean attachWithConfig = command.equals("attach") && args.length == 3;
        if (args.length != wanted && !attachWithConfig) {
            err.println(command + " needs " + (wanted == 3 ? "a process id and a service name" : "a process id")
                    + (command.equals("attach") ? " and optionally config=PATH" : "") + ": java -jar resilience-agent.jar "
                    + command + (wanted == 3 ? " PID SERVICE" : " PID") + (command.equals("attach") ? " [config=PATH]" : ""));
            return USAGE;
        }
        try {
            return switch (command) {
                case "status" -> OperationsCommands.status(args[1], out);
                case "reload" -> OperationsCommands.reload(args[1], out);
                case "reset" -> OperationsCommands.breakerOperation(args[1], args[2], "reset", out);
                case "force-open" -> OperationsCommands.breakerOperation(args[1], args[2], "forceOpen", out);
                default -> AttachCommand.run(args[1], attachWithConfig ? args[2] : null, out);
            };
        } catch (CliFailure failure) {
            err.println(failure.getMessage());
            return failure.status();
        } catch (NoClassDefFoundError noAttachApi) {
            err.println("this Java runtime has no attach API (module jdk.attach); run the command with a JDK's java");
            return INVALID;
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
