package io.resilienceagent.it.harness;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM, optionally with the agent, waits for it (killing it after a timeout), and
 * returns its exit code and full stdout and stderr.
 *
 * <pre>
 * ChildResult r = ChildJvm.on(jdk).withConfig(yaml).main(HttpApp.class, baseUrl, "get /x").run();
 * </pre>
 *
 * The child's working directory is a fresh empty directory unless {@link #workingDirectory} says
 * otherwise, and {@code RESILIENCE_AGENT_CONFIG} is removed from its environment, so no stray
 * {@code ./resilience.yaml} or outer setting changes what the agent loads.
 */
public final class ChildJvm {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** What {@link #asUser} runs the child with. */
    public static final String RUNUSER = "/usr/sbin/runuser";

    private final Jdk jdk;
    private String agentArgs;
    private boolean attachAgent;
    private final List<String> optionsBeforeAgent = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> launch = new ArrayList<>();
    private final List<Path> libraries = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workingDirectory;
    private String user;
    private Duration timeout = DEFAULT_TIMEOUT;

    private ChildJvm(Jdk jdk) {
        this.jdk = jdk;
        // Faster start-up for short-lived children; neither changes what the agent does.
        jvmOptions.add("-XX:TieredStopAtLevel=1");
        jvmOptions.add("-XX:+UseSerialGC");
    }

    public static ChildJvm on(Jdk jdk) {
        return new ChildJvm(jdk);
    }

    /** Attaches the agent with {@code config=<file>}. */
    public ChildJvm withConfig(Path config) {
        return withAgentArgs("config=" + config.toAbsolutePath());
    }

    /** Attaches the agent with this exact argument string ({@code null} or empty: no argument). */
    public ChildJvm withAgentArgs(String args) {
        this.attachAgent = true;
        this.agentArgs = args;
        return this;
    }

    /** Runs without {@code -javaagent} (the default until a {@code with...} method is called). */
    public ChildJvm withoutAgent() {
        this.attachAgent = false;
        this.agentArgs = null;
        return this;
    }

    public ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /**
     * An option placed before the agent's {@code -javaagent} on the command line, where plain
     * {@link #jvmOption}s go after it: another java agent that must be attached first (agents' premain
     * methods run in command-line order).
     */
    public ChildJvm jvmOptionBeforeAgent(String option) {
        optionsBeforeAgent.add(option);
        return this;
    }

    public ChildJvm systemProperty(String key, String value) {
        return jvmOption("-D" + key + "=" + value);
    }

    public ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public ChildJvm workingDirectory(Path dir) {
        this.workingDirectory = dir;
        return this;
    }

    /**
     * Runs the child as another user ({@value #RUNUSER} {@code -u USER --}, which needs root): a deployment where
     * files the agent reads belong to someone else. Give it a {@link #workingDirectory} that user may enter.
     */
    public ChildJvm asUser(String user) {
        this.user = user;
        return this;
    }

    public ChildJvm timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * Puts jars of this module's test class path on the child's class path too: those whose file names
     * start with one of {@code jarNamePrefixes} (a real client library and its dependencies, say
     * {@code "okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-"}). Call before {@link #main}.
     */
    public ChildJvm withLibraries(String... jarNamePrefixes) {
        libraries.addAll(Artifacts.testLibraries(jarNamePrefixes));
        return this;
    }

    /** Runs {@code mainClass} from this module's test classes (and the {@link #withLibraries} jars). */
    public ChildJvm main(Class<?> mainClass, String... args) {
        return main(mainClass, List.of(), args);
    }

    /** Runs {@code mainClass} from this module's test classes, with {@code extraClassPath} after them on the class path. */
    public ChildJvm main(Class<?> mainClass, List<Path> extraClassPath, String... args) {
        List<String> classPath = new ArrayList<>();
        classPath.add(Artifacts.testClasses().toString());
        extraClassPath.forEach(entry -> classPath.add(entry.toString()));
        libraries.forEach(library -> classPath.add(library.toString()));
        launch.clear();
        launch.add("-cp");
        launch.add(String.join(File.pathSeparator, classPath));
        launch.add(mainClass.getName());
        launch.addAll(List.of(args));
        return this;
    }

    /** Runs the test application {@code com.example.app.HttpApp} with these steps. */
    public ChildJvm app(String baseUrl, String... steps) {
        String[] args = new String[steps.length + 1];
        args[0] = baseUrl;
        System.arraycopy(steps, 0, args, 1, steps.length);
        return main(com.example.app.HttpApp.class, args);
    }

    /** Runs {@code java -jar jar args}. */
    public ChildJvm jar(Path jar, String... args) {
        launch.clear();
        launch.add("-jar");
        launch.add(jar.toString());
        launch.addAll(List.of(args));
        return this;
    }

    public List<String> command() {
        List<String> command = new ArrayList<>();
        if (user != null) {
            command.addAll(List.of(RUNUSER, "-u", user, "--"));
        }
        command.add(jdk.java().toString());
        command.addAll(optionsBeforeAgent);
        if (attachAgent) {
            String agent = "-javaagent:" + Artifacts.agentJar();
            command.add(agentArgs == null || agentArgs.isEmpty() ? agent : agent + "=" + agentArgs);
        }
        command.addAll(jvmOptions);
        command.addAll(launch);
        return command;
    }

    /** Runs the child to completion; fails the test (with everything it printed) if it outlives the timeout. */
    public ChildResult run() {
        if (launch.isEmpty()) {
            throw new IllegalStateException("call main(...) or jar(...) first");
        }
        List<String> command = command();
        Path out = null;
        Path err = null;
        Path cwd = null;
        try {
            out = Files.createTempFile("child-", ".out");
            err = Files.createTempFile("child-", ".err");
            cwd = workingDirectory != null ? workingDirectory : Files.createTempDirectory("child-cwd-");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("RESILIENCE_AGENT_CONFIG");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            ChildResult result = new ChildResult(command, finished ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), elapsedMs);
            if (!finished) {
                fail("child JVM did not finish within " + timeout.toSeconds() + " s and was killed\n" + result.describe());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
            if (workingDirectory == null && cwd != null) {
                deleteTreeQuietly(cwd);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    private static void deleteTreeQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(ChildJvm::deleteQuietly);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
