package io.resilienceagent.it.harness;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outside JMX tools operators use, as the JMX tests run them: jmxterm (uber jar) and the Prometheus
 * jmx_exporter java agent, both copied into {@code target/tools} by the module's pom, and the shipped
 * rules file {@code jmx-exporter/resilience-agent.yaml}.
 */
public final class JmxTools {
    private static final Duration JMXTERM_TIMEOUT = Duration.ofSeconds(60);

    private JmxTools() {
    }

    /** {@code org.cyclopsgroup:jmxterm:1.0.4:jar:uber}. */
    public static Path jmxtermJar() {
        return tool("jmxterm.jar");
    }

    /** {@code io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1}. */
    public static Path jmxExporterJar() {
        return tool("jmx-exporter.jar");
    }

    /** The jmx_exporter rules file the repository ships. */
    public static Path rulesFile() {
        Path rules = Artifacts.projectRoot().resolve("jmx-exporter").resolve("resilience-agent.yaml");
        if (!Files.isRegularFile(rules)) {
            fail(rules + " does not exist");
        }
        return rules;
    }

    /** {@code -javaagent:<jmx_exporter>=127.0.0.1:<port>:<rules>}: metrics on the loopback interface only. */
    public static String jmxExporterAgent(int port) {
        return "-javaagent:" + jmxExporterJar() + "=127.0.0.1:" + port + ":" + rulesFile();
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one non-interactive jmxterm run printed. */
    public record JmxtermRun(List<String> command, String input, int exitCode, String stdout, String stderr) {
        public List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        public String describe() {
            return "jmxterm: " + String.join(" ", command) + "\nexit code: " + exitCode + "\n--- stdin ---\n" + input
                    + "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr + "--- end ---";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Runs jmxterm on {@code jdk}, non-interactively ({@code -n -v silent}), with these commands on its
     * stdin followed by {@code quit}; kills it after a timeout. In pid mode ({@code open <pid>}) on JDK 9
     * and later jmxterm needs {@code --add-exports jdk.jconsole/sun.tools.jconsole=ALL-UNNAMED}.
     */
    public static JmxtermRun jmxterm(Jdk jdk, String... commands) {
        List<String> command = List.of(jdk.java().toString(),
                "--add-exports", "jdk.jconsole/sun.tools.jconsole=ALL-UNNAMED",
                "-jar", jmxtermJar().toString(), "-n", "-v", "silent");
        StringBuilder input = new StringBuilder();
        for (String c : commands) {
            input.append(c).append('\n');
        }
        input.append("quit\n");
        Path in = null;
        Path out = null;
        Path err = null;
        try {
            in = Files.writeString(Files.createTempFile("jmxterm-", ".in"), input, StandardCharsets.UTF_8);
            out = Files.createTempFile("jmxterm-", ".out");
            err = Files.createTempFile("jmxterm-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            Process process = builder.start();
            boolean finished = process.waitFor(JMXTERM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            JmxtermRun run = new JmxtermRun(command, input.toString(), finished ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            if (!finished) {
                fail("jmxterm did not finish within " + JMXTERM_TIMEOUT.toSeconds() + " s and was killed\n" + run.describe());
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            for (Path p : new Path[] {in, out, err}) {
                if (p != null) {
                    p.toFile().delete();
                }
            }
        }
    }

    /** Where the pom put a tool: the system property's value, which must be an existing file. */
    private static Path tool(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            fail("System property " + property + " is not set; run the tests through Maven (the pom copies the tool "
                    + "into target/tools and sets it)");
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            fail(path + " does not exist: run the tests through Maven (its generate-test-resources phase copies it)");
        }
        return path;
    }
}
