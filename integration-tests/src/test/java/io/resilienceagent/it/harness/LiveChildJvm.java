package io.resilienceagent.it.harness;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A child JVM that keeps running while the test talks to it: commands go to its stdin one line at a
 * time, its stdout is read line by line (with timeouts), stderr is collected. For applications such as
 * {@link com.example.app.InteractiveApp}.
 *
 * <pre>
 * try (LiveChildJvm child = LiveChildJvm.start(ChildJvm.on(jdk).withConfig(yaml)
 *         .main(InteractiveApp.class, baseUrl))) {
 *     CallResult r = child.call("get /x");
 * }
 * </pre>
 *
 * {@link #close()} asks the application to quit, and kills it (and anything it started) if it does not.
 */
public final class LiveChildJvm implements AutoCloseable {
    /** How long one call, or the start-up line, may take before the test fails. */
    public static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> command;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Path cwd;
    private final List<Thread> pumps = new java.util.ArrayList<>();
    private final AtomicInteger marks = new AtomicInteger();

    private LiveChildJvm(List<String> command) throws IOException {
        this.command = command;
        this.cwd = Files.createTempDirectory("live-child-cwd-");
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().remove("RESILIENCE_AGENT_CONFIG");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        this.process = builder.start();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), "stdout", line -> {
            stdout.append(line).append('\n');
            stdoutLines.add(line);
        });
        pump(process.getErrorStream(), "stderr", line -> stderr.append(line).append('\n'));
    }

    /** Starts {@code child.command()} and waits for the application's {@code READY} line. */
    public static LiveChildJvm start(ChildJvm child) {
        return start(child.command());
    }

    /** Starts this exact command and waits for the application's {@code READY} line. */
    public static LiveChildJvm start(List<String> command) {
        return start(command, "READY");
    }

    /**
     * Starts {@code child.command()} and waits for the first stdout line containing {@code readyText}: for
     * an application that announces itself in its own words (Spring Boot's {@code Started SpringApp in}).
     */
    public static LiveChildJvm start(ChildJvm child, String readyText) {
        return start(child.command(), line -> line.contains(readyText), "containing '" + readyText + "'");
    }

    private static LiveChildJvm start(List<String> command, String readyPrefix) {
        return start(command, line -> line.startsWith(readyPrefix), "starting with '" + readyPrefix + "'");
    }

    private static LiveChildJvm start(List<String> command, Predicate<String> ready, String readyLine) {
        LiveChildJvm live;
        try {
            live = new LiveChildJvm(List.copyOf(command));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        try {
            live.awaitLine(ready, readyLine);
        } catch (RuntimeException | Error e) {
            live.close();
            throw e;
        }
        return live;
    }

    public long pid() {
        return process.pid();
    }

    public List<String> command() {
        return command;
    }

    /** Sends one command line and returns the next {@code RESULT} line the application prints. */
    public CallResult call(String commandLine) {
        send(commandLine);
        return CallResult.parse(awaitLine("RESULT "));
    }

    /** Writes one line to the application's stdin. */
    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            fail("could not write '" + line + "' to the child JVM: " + e + "\n" + describe());
        }
    }

    /** Skips stdout lines up to the next that starts with {@code prefix}, and returns it. */
    public String awaitLine(String prefix) {
        return awaitLine(line -> line.startsWith(prefix), "starting with '" + prefix + "'");
    }

    private String awaitLine(Predicate<String> wanted, String description) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? stdoutLines.poll(Math.min(left, 200_000_000L), TimeUnit.NANOSECONDS) : null;
                if (line != null && wanted.test(line)) {
                    return line;
                }
                if (line == null && (!process.isAlive() && stdoutLines.isEmpty() || System.nanoTime() >= deadline)) {
                    Thread.sleep(100); // let the pumps take the last output
                    fail("no stdout line " + description + " within " + STEP_TIMEOUT.toSeconds() + " s"
                            + (process.isAlive() ? "" : " (the child exited)") + "\n" + describe());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the child printed on stderr so far. */
    public String stderr() {
        return stderr.toString();
    }

    /**
     * The agent's log lines read so far: stderr lines that start with one of its levels. A line the agent
     * printed a moment ago may still be in the pipe; {@link #caughtUp()} first when that matters.
     */
    public List<String> agentLog() {
        return stderr().lines().filter(l -> l.matches("^(DEBUG|INFO |WARN |ERROR) .*")).toList();
    }

    /**
     * Waits until everything the child printed on stderr before this call has been read, so that
     * {@link #agentLog()} then holds every line the agent logged before, say, a JMX operation returned.
     * For applications that take {@code mark-stderr TOKEN} ({@code com.example.support.StderrMark}).
     */
    public LiveChildJvm caughtUp() {
        int token = marks.incrementAndGet();
        send("mark-stderr " + token);
        String mark = "MARK " + token;
        try {
            await("the line '" + mark + "' on the child's stderr", STEP_TIMEOUT, () -> stderr().lines().anyMatch(mark::equals));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + describe(), e);
        }
        return this;
    }

    /** Waits until {@code condition} holds, checking every 20 ms, and fails the test after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Everything about the child so far, for assertion messages. */
    public String describe() {
        return "child JVM (pid " + process.pid() + "): " + String.join(" ", command)
                + (process.isAlive() ? "\nstill running" : "\nexit code: " + process.exitValue())
                + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr + "--- end ---";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Sends {@code quit}, waits up to 30 s for the child to exit (its shutdown hooks included) and for
     * everything it printed to be read, and returns its exit code.
     */
    public int quit() {
        try {
            stdin.write("quit\n");
            stdin.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("the child did not exit within 30 s of quit\n" + describe());
            }
            for (Thread pump : pumps) {
                pump.join(10_000);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asks the child to stop as a service manager would (SIGTERM: shutdown hooks run) and waits up to
     * 10 s for it to exit and for everything it printed to be read; for applications that do not read
     * {@code quit} from stdin.
     */
    public void terminate() {
        process.destroy();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                for (Thread pump : pumps) {
                    pump.join(10_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends {@code quit}, closes stdin, and kills the child if it has not exited 5 s later. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    stdin.write("quit\n");
                    stdin.close();
                } catch (IOException ignored) {
                    // already gone
                }
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            try (var paths = Files.walk(cwd)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }

    private void pump(InputStream stream, String name, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "live-child-" + name);
        thread.setDaemon(true);
        thread.start();
        pumps.add(thread);
    }
}
