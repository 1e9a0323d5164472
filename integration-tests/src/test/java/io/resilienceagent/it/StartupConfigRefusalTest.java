package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of broken config file, given to a real JVM at start-up, is refused before {@code main}
 * runs: exit status 1, one screen on stderr naming the file, the line, the column and the key, within
 * seconds, in a JVM with a 64 MB heap. The object-constructing tag points its class loader at WireMock,
 * so had SnakeYAML built the objects, the server would have seen the class loader's requests.
 */
class StartupConfigRefusalTest extends WireMockTestBase {
    /** The harness kills the child after this long; a refusal must come far sooner. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final long WELL_WITHIN_MS = 10_000;
    private static final int ONE_SCREEN_LINES = 30;
    private static final long FIFTY_MEGABYTES = 50L * 1024 * 1024;

    private static final String RETRY = "services:\n  api:\n    retry:\n      ";
    private static final String BREAKER = "services:\n  api:\n    circuitBreaker:\n      ";
    private static final String METHODS = "methods:\n  \"com.example.app.ApiClient.get\": api\n";

    /** Writes the broken file (or makes the broken path) into a fresh directory. */
    @FunctionalInterface
    interface FileMaker {
        Path make(Path dir, String baseUrl) throws IOException;
    }

    /**
     * One broken config. {@code line} 0 means a problem about the file as a whole (missing, too large, a
     * directory...), reported as {@code FILE: message}; otherwise {@code FILE:LINE:COLUMN: KEY: message},
     * where KEY is absent for YAML-level problems that belong to no key.
     */
    record Case(String name, FileMaker maker, int line, int column, String keyPath, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> matrix() {
        List<Case> cases = List.of(
                at("unknown key with did-you-mean", text("unknown-key.yaml", RETRY + "maxAtempts: 3\n" + METHODS),
                        4, 7, "services.api.retry.maxAtempts", "unknown key; did you mean 'maxAttempts'? Valid keys: "),
                at("wrong type", text("wrong-type.yaml", RETRY + "maxAttempts: true\n"),
                        4, 20, "services.api.retry.maxAttempts", "wrong type: expected a whole number >= 1, found the boolean true"),
                at("zero count", text("zero-count.yaml", BREAKER + "failureThreshold: 0\n"),
                        4, 25, "services.api.circuitBreaker.failureThreshold", "expected a whole number >= 1, found 0"),
                at("negative duration", text("negative-duration.yaml", BREAKER + "recoveryTimeout: -30s\n"),
                        4, 24, "services.api.circuitBreaker.recoveryTimeout", "a duration cannot be negative, found '-30s'"),
                at("minWait greater than maxWait",
                        text("min-over-max.yaml", "defaults:\n  retry: { maxWait: 5s }\nservices:\n  api:\n    retry:\n      minWait: 30s\n"),
                        5, 5, "services.api.retry", "minWait 30s (set here) is greater than maxWait 5s (from defaults)"),
                at("unknown jitter", text("unknown-jitter.yaml", RETRY + "jitter: gaussian\n"),
                        4, 15, "services.api.retry.jitter", "unknown jitter 'gaussian'; valid values: none, full, equal, decorrelated"),
                at("service missing from services",
                        text("missing-service.yaml", "services:\n  claude_api: {}\nmethods:\n  \"com.example.claude.ClaudeClient.complete\": claude_apo\n"),
                        4, 47, "methods.com.example.claude.ClaudeClient.complete",
                        "service 'claude_apo' is not defined under services; did you mean 'claude_api'?"),
                at("invalid method pattern", text("bad-pattern.yaml", "services:\n  api: {}\nmethods:\n  \"justAMethod\": api\n"),
                        4, 3, "methods.justAMethod", "invalid method pattern"),
                at("duplicate key", text("duplicate-key.yaml", RETRY + "maxAttempts: 3\n      minWait: 1s\n      maxAttempts: 4\n"),
                        6, 7, "services.api.retry.maxAttempts", "duplicate key 'maxAttempts' (first at line 4)"),
                at("bad status range", text("bad-status.yaml", RETRY + "retryOnStatus: [\"600-700\"]\n"),
                        4, 23, "services.api.retry.retryOnStatus[0]", "HTTP status 600 is outside 100-599"),
                at("YAML syntax error: unclosed bracket", text("unclosed-bracket.yaml", RETRY + "retryOnStatus: [500, 503\n" + METHODS),
                        5, 8, "", "YAML syntax error: expected ',' or ']', but got : (while parsing a flow sequence)"),
                at("tab indentation", text("tabs.yaml", "services:\n\tapi: {}\n"),
                        2, 1, "", "YAML syntax error: a tab character cannot indent YAML; use spaces"),
                at("object-constructing tag (ScriptEngineManager gadget)",
                        (dir, base) -> Files.writeString(dir.resolve("gadget.yaml"), "services:\n  api: {}\n"
                                + "evil: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\""
                                + base + "/gadget/\"]]]]\n"),
                        3, 7, "evil", "the YAML tag '!!javax.script.ScriptEngineManager' is not allowed"),
                at("local tag", text("local-tag.yaml", "services:\n  api:\n    retry: { jitter: !foo full }\n"),
                        3, 22, "services.api.retry.jitter", "the YAML tag '!foo' is not allowed"),
                at("alias bomb (billion laughs)", text("lol.yaml", billionLaughs()),
                        5, 26, "", "more than 20 aliases (*name) refer to lists or mappings; this looks like an alias bomb"),
                at("nesting 60 levels deep", text("deep.yaml", "services: {}\nx: " + "[".repeat(60) + "]".repeat(60) + "\n"),
                        2, 54, "", "lists and mappings are nested more than 50 levels deep"),
                wholeFile("50 MB file", StartupConfigRefusalTest::fiftyMegabytes,
                        "the file is " + FIFTY_MEGABYTES + " bytes; the limit is 1 MiB"),
                at("binary garbage (a PNG)", StartupConfigRefusalTest::png,
                        1, 1, "", "the file is not UTF-8 text (byte 0x89 at offset 0); is this a binary file?"),
                at("control characters (NUL)", StartupConfigRefusalTest::nulGarbage,
                        2, 1, "", "the file contains the character U+0000, which YAML does not allow"),
                at("invalid UTF-8", (dir, base) -> Files.write(dir.resolve("latin1.yaml"), concat(
                                "services:\n  \u00fc_caf".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9},
                                ": {}\n".getBytes(StandardCharsets.UTF_8))),
                        2, 8, "", "the file is not UTF-8 text (byte 0xE9 at offset 18)"),
                at("empty file", text("empty.yaml", ""),
                        1, 1, "", "the file is empty; it needs at least a `services` section"),
                at("comments only", text("comments.yaml", "# resilience-agent config\n\n   # to do\n"),
                        1, 1, "", "the file is empty; it needs at least a `services` section"),
                wholeFile("missing file", (dir, base) -> dir.resolve("no-such-resilience.yaml"), "file not found; check the path"),
                wholeFile("a directory", (dir, base) -> Files.createDirectory(dir.resolve("conf.d")),
                        "this is a directory; point to the YAML file itself"),
                wholeFile("unreadable file", StartupConfigRefusalTest::unreadable, "cannot read the file: permission denied"),
                at("multiple documents", text("two-docs.yaml", "services:\n  api: {}\n---\nservices:\n  other: {}\n"),
                        3, 1, "", "a second YAML document starts here"),
                at("merge key", text("merge.yaml", "services:\n  a: &base\n    retry: { maxAttempts: 2 }\n  b:\n    <<: *base\n"),
                        5, 5, "services.b.<<", "merge keys ('<<') are not supported"));
        return Jdk.all().flatMap(jdk -> cases.stream().map(c -> Arguments.of(jdk, c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("matrix")
    void brokenConfigIsRefusedAtStartUpBeforeMain(Jdk jdk, Case broken, @TempDir Path dir) throws IOException {
        Path file = broken.maker().make(dir, baseUrl()).toAbsolutePath();

        ChildResult run = ChildJvm.on(jdk).withConfig(file).jvmOption("-Xmx64m").timeout(TIMEOUT)
                .app(baseUrl(), "get /never").run();

        assertThat(run.exitCode()).as("exit status%n%s", run.describe()).isEqualTo(1);
        assertThat(run.stdout() + run.stderr()).as("main must never run%n%s", run.describe()).doesNotContain("MAIN STARTED");
        assertThat(run.elapsedMs()).as("refused in bounded time%n%s", run.describe()).isLessThan(WELL_WITHIN_MS);
        assertThat(run.stderrLines()).as("one screen%n%s", run.describe()).hasSizeLessThanOrEqualTo(ONE_SCREEN_LINES);
        assertThat(run.stderr()).as(run::describe)
                .contains("Invalid resilience-agent config " + file + " (")
                .doesNotContain("OutOfMemoryError")
                .doesNotContain("\tat ");
        String expected = broken.line() == 0
                ? "  " + file + ": " + broken.message()
                : "  " + file + ":" + broken.line() + ":" + broken.column() + ": "
                        + (broken.keyPath().isEmpty() ? "" : broken.keyPath() + ": ") + broken.message();
        assertThat(run.stderrLines()).as("the line naming file, position and key%n%s", run.describe())
                .anySatisfy(line -> assertThat(line).startsWith(expected));
        assertThat(wireMock.getAllServeEvents()).as("nothing was constructed or called").isEmpty();
    }

    private static Case at(String name, FileMaker maker, int line, int column, String keyPath, String message) {
        return new Case(name, maker, line, column, keyPath, message);
    }

    private static Case wholeFile(String name, FileMaker maker, String message) {
        return new Case(name, maker, 0, 0, "", message);
    }

    private static FileMaker text(String fileName, String content) {
        return (dir, base) -> Files.writeString(dir.resolve(fileName), content);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Ten levels of lists of nine aliases: 9^9 strings if expanded. */
    static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("services: {}\nlol0: &lol0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("lol").append(level).append(": &lol").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append("*lol").append(level - 1);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    /** 50 MB of YAML comments, written in 1 MB blocks; the per-invocation temp dir deletes it afterwards. */
    private static Path fiftyMegabytes(Path dir, String base) throws IOException {
        Path file = dir.resolve("huge.yaml");
        ByteBuffer block = ByteBuffer.wrap(("#".repeat(63) + "\n").repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < FIFTY_MEGABYTES; written += block.capacity()) {
                channel.write(block.rewind());
            }
        }
        assertThat(Files.size(file)).isEqualTo(FIFTY_MEGABYTES);
        return file;
    }

    private static Path png(Path dir, String base) throws IOException {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return Files.write(dir.resolve("logo.png"), bytes);
    }

    private static Path nulGarbage(Path dir, String base) throws IOException {
        byte[] garbage = new byte[4096];
        Random random = new Random(11);
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) random.nextInt(0x80);
        }
        garbage[0] = 0;
        return Files.write(dir.resolve("garbage.yaml"), concat("services: {}\n".getBytes(StandardCharsets.US_ASCII), garbage));
    }

    /** Skipped where permissions do not stop the reader, as for root. */
    private static Path unreadable(Path dir, String base) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path file = Files.writeString(dir.resolve("secret.yaml"), "services: {}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root, which reads any file: chmod 000 cannot make a file unreadable");
        return file;
    }
}
