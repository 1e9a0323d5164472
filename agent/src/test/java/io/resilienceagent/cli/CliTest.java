package io.resilienceagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validatePrintsOkAndExitsZeroForAGoodFile() throws IOException {
        Path file = Files.writeString(dir.resolve("resilience.yaml"),
                "services:\n  api: {}\nmethods:\n  com.example.Client.call: api\n");

        assertThat(run("validate", file.toString())).isZero();
        assertThat(out()).isEqualTo("OK" + System.lineSeparator());
        assertThat(err()).isEmpty();
    }

    @Test
    void validatePrintsEveryProblemAndExitsOneForABadFile() throws Exception {
        Path file = Path.of(CliTest.class.getResource("/config/misspelt-key.yaml").toURI());

        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(out()).startsWith("Invalid resilience-agent config " + file + " (2 problems):")
                .contains(file + ":4:7: services.claude_api.retry.maxAtempts: unknown key; did you mean 'maxAttempts'?")
                .contains(file + ":7:25: services.agent_http.circuitBreaker.failureThreshold: expected a whole number >= 1, found 0");
        assertThat(err()).isEmpty();
    }

    @Test
    void validateRefusesAPatternThatCanNeverBeWovenAndSaysWhatToName() throws IOException {
        Path file = Files.writeString(dir.resolve("jdk.yaml"), "services:\n  api: {}\nmethods:\n"
                + "  java.net.http.HttpClient.send: api\n  java.net.HttpURLConnection.getInputStream: api\n");

        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(out()).contains(file + ":5:3: methods.java.net.HttpURLConnection.getInputStream: this pattern can never "
                + "match: JDK classes (java.*, jdk.*, sun.*, the JDK's javax.* and com.sun.* packages) are never instrumented; "
                + "name the application method that calls this one instead (the JDK methods that can be protected are "
                + "java.net.http.HttpClient.send and .sendAsync)").doesNotContain(":4:");
    }

    @Test
    void validateOfAMissingFileExitsOne() {
        Path file = dir.resolve("missing.yaml");

        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(out()).contains(file + ": file not found");
    }

    @Test
    void validateWithoutAFileIsAUsageError() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(err()).contains("validate needs exactly one argument");
    }

    @Test
    void versionPrintsNameAndVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out()).matches("resilience-agent \\d+\\.\\d+\\S*" + System.lineSeparator());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: java -jar resilience-agent.jar").contains("validate FILE").contains("--version");
    }

    @Test
    void noArgumentsPrintsUsageAndExitsTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Usage: java -jar resilience-agent.jar");
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownCommandPrintsUsageAndExitsTwo() {
        assertThat(run("check", "x.yaml")).isEqualTo(2);
        assertThat(err()).startsWith("Unknown command 'check'.").contains("Usage:");
    }
}
