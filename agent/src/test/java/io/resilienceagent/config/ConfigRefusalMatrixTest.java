package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of broken config file is refused by {@link ConfigLoader#load} with a ConfigException
 * whose message names the file, the line, the column and the key, fits on one screen and quotes
 * no more than a snippet of the file, within seconds and a bounded amount of memory.
 */
class ConfigRefusalMatrixTest {
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);
    private static final long ALLOCATION_LIMIT = 256L * 1024 * 1024;
    private static final int MAX_ECHOED_RUN = NodeText.MAX_QUOTED + 4;
    private static final long FIFTY_MEGABYTES = 50L * 1024 * 1024;
    private static final String RETRY = "services:\n  api:\n    retry:\n      ";
    private static final String BREAKER = "services:\n  api:\n    circuitBreaker:\n      ";
    private static final String TRIPWIRE_TAG = "!!" + Tripwire.class.getName();

    static final AtomicBoolean TRIPWIRE_TOUCHED = new AtomicBoolean();

    /** Sets {@link #TRIPWIRE_TOUCHED} if YAML loading ever initialises or constructs it. */
    public static final class Tripwire {
        static {
            TRIPWIRE_TOUCHED.set(true);
        }

        public Tripwire(String ignored) {
            TRIPWIRE_TOUCHED.set(true);
        }
    }

    @TempDir
    Path dir;

    @FunctionalInterface
    interface FileMaker {
        Path make(Path dir) throws IOException;
    }

    /**
     * Where and what: line 0 means a problem about the file as a whole, without position or key.
     * {@code problems} is how many problems the file has in all, the expected one among them.
     */
    record Expected(int line, int column, String keyPath, String messageStart, int problems) {
        static Expected at(int line, int column, String keyPath, String messageStart) {
            return new Expected(line, column, keyPath, messageStart, 1);
        }

        static Expected wholeFile(String messageStart) {
            return new Expected(0, 0, "", messageStart, 1);
        }

        Expected amongProblems(int count) {
            return new Expected(line, column, keyPath, messageStart, count);
        }
    }

    record Refusal(ConfigException exception, long allocatedBytes) {
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                broken("unknown key with did-you-mean", text(RETRY + "maxAtempts: 3\n"),
                        Expected.at(4, 7, "services.api.retry.maxAtempts", "unknown key; did you mean 'maxAttempts'? Valid keys: ")),
                broken("boolean for a whole number", text(RETRY + "maxAttempts: true\n"),
                        Expected.at(4, 20, "services.api.retry.maxAttempts",
                                "wrong type: expected a whole number >= 1, found the boolean true")),
                broken("string for a number", text(RETRY + "multiplier: fast\n"),
                        Expected.at(4, 19, "services.api.retry.multiplier", "wrong type: expected a number > 0, found the string 'fast'")),
                broken("list for a mapping", text("services:\n  api:\n    retry: [3, 1s]\n"),
                        Expected.at(3, 12, "services.api.retry", "wrong type: expected a mapping with the keys maxAttempts, ")),
                broken("mapping for a list", text(RETRY + "retryOnStatus: { from: 500, to: 599 }\n"),
                        Expected.at(4, 22, "services.api.retry.retryOnStatus",
                                "wrong type: expected a list of HTTP statuses and ranges such as [408, 429, \"500-599\"] (write [] for none), found a mapping")),
                broken("zero count", text(BREAKER + "failureThreshold: 0\n"),
                        Expected.at(4, 25, "services.api.circuitBreaker.failureThreshold", "expected a whole number >= 1, found 0")),
                broken("negative count", text(BREAKER + "halfOpenMaxCalls: -2\n"),
                        Expected.at(4, 25, "services.api.circuitBreaker.halfOpenMaxCalls", "expected a whole number >= 1, found -2")),
                broken("negative duration", text(BREAKER + "recoveryTimeout: -30s\n"),
                        Expected.at(4, 24, "services.api.circuitBreaker.recoveryTimeout", "a duration cannot be negative, found '-30s'")),
                broken("bad duration string", text(RETRY + "minWait: 5 parsecs\n"),
                        Expected.at(4, 16, "services.api.retry.minWait",
                                "expected a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5, found '5 parsecs'")),
                broken("duration with an exponent that would take minutes to compute", text(BREAKER + "recoveryTimeout: 1e-99999999\n"),
                        Expected.at(4, 24, "services.api.circuitBreaker.recoveryTimeout", "expected a duration such as 250ms")),
                broken("minWait greater than maxWait after merging defaults",
                        text("defaults:\n  retry: { maxWait: 5s }\nservices:\n  api:\n    retry:\n      minWait: 30s\n"),
                        Expected.at(5, 5, "services.api.retry",
                                "minWait 30s (set here) is greater than maxWait 5s (from defaults); make minWait <= maxWait")),
                broken("unknown jitter", text(RETRY + "jitter: gaussian\n"),
                        Expected.at(4, 15, "services.api.retry.jitter",
                                "unknown jitter 'gaussian'; valid values: none, full, equal, decorrelated")),
                broken("service used in methods but missing in services",
                        text("services:\n  claude_api: {}\nmethods:\n  \"com.example.claude.ClaudeClient.complete\": claude_apo\n"),
                        Expected.at(4, 47, "methods.com.example.claude.ClaudeClient.complete",
                                "service 'claude_apo' is not defined under services; did you mean 'claude_api'?")),
                broken("invalid method pattern", text("services:\n  api: {}\nmethods:\n  \"justAMethod\": api\n"),
                        Expected.at(4, 3, "methods.justAMethod", "invalid method pattern: expected a fully qualified class name")),
                broken("duplicate keys", text(RETRY + "maxAttempts: 3\n      minWait: 1s\n      maxAttempts: 4\n"),
                        Expected.at(6, 7, "services.api.retry.maxAttempts", "duplicate key 'maxAttempts' (first at line 4)")),
                broken("a line of a million characters (reading it would allocate 2 GB)",
                        text(RETRY + "maxAttempts: " + "1".repeat(1_000_000) + "\n"),
                        Expected.at(4, 65_537, "", "this line is 1000019 characters long; the limit is 65536, far more than "
                                + "any setting needs; break it over several lines")),
                broken("a comment line of a million characters", text(RETRY + "maxAttempts: 2\n# " + "a ".repeat(500_000)),
                        Expected.at(5, 65_537, "", "this line is 1000002 characters long")),
                broken("a count of more digits than a number is read with",
                        text(RETRY + "maxAttempts: " + "1".repeat(1_000) + "\n"),
                        Expected.at(4, 20, "services.api.retry.maxAttempts", "expected a whole number from 1 to 2147483647")),
                broken("a multiplier of more digits than a number is read with",
                        text(RETRY + "multiplier: 1." + "1".repeat(60) + "\n"),
                        Expected.at(4, 19, "services.api.retry.multiplier", "expected a number > 0, found 1.111")),
                broken("a bare number of seconds of more digits than a number is read with",
                        text(RETRY + "minWait: 0." + "1".repeat(60) + "\n"),
                        Expected.at(4, 16, "services.api.retry.minWait", "expected a duration such as 250ms")),
                broken("status range above 599", text(RETRY + "retryOnStatus: [\"600-700\"]\n"),
                        Expected.at(4, 23, "services.api.retry.retryOnStatus[0]", "HTTP status 600 is outside 100-599")),
                broken("status range running backwards", text(RETRY + "retryOnStatus: [408, \"599-500\"]\n"),
                        Expected.at(4, 28, "services.api.retry.retryOnStatus[1]", "the range '599-500' runs backwards")),
                broken("document that is a list", text("- services\n- methods\n"),
                        Expected.at(1, 1, "", "wrong type: expected a mapping with the sections defaults, services and methods")),
                broken("missing services section", text("defaults:\n  retry: { maxAttempts: 2 }\n"),
                        Expected.at(1, 1, "services", "missing the required section 'services'")),
                broken("script engine gadget tag", text("services:\n  api: {}\nevil: !!javax.script.ScriptEngineManager "
                                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n"),
                        Expected.at(3, 7, "evil", "the YAML tag '!!javax.script.ScriptEngineManager' is not allowed: tags that create Java objects")
                                .amongProblems(4)),
                broken("tag naming a test class", text(BREAKER + "openException: " + TRIPWIRE_TAG + " [\"boom\"]\n"),
                        Expected.at(4, 22, "services.api.circuitBreaker.openException",
                                "the YAML tag '!!io.resilienceagent.config.ConfigRefusalMatrixTest$Tripwire' is not allowed")),
                broken("local tag", text("services:\n  api:\n    retry: { jitter: !foo full }\n"),
                        Expected.at(3, 22, "services.api.retry.jitter", "the YAML tag '!foo' is not allowed")),
                broken("merge key", text("services:\n  a: &base\n    retry: { maxAttempts: 2 }\n  b:\n    <<: *base\n"),
                        Expected.at(5, 5, "services.b.<<", "merge keys ('<<') are not supported")),
                broken("tab indentation", text("services:\n\tapi: {}\n"),
                        Expected.at(2, 1, "", "YAML syntax error: a tab character cannot indent YAML; use spaces")),
                broken("indentation that does not line up", text("services:\n  api: {}\n    retry: 3\n"),
                        Expected.at(3, 5, "", "YAML syntax error: the indentation does not match the lines above")),
                broken("unclosed quote", text("services:\n  api: {}\nmethods:\n  \"com.example.A.a: api\n"),
                        Expected.at(5, 1, "", "YAML syntax error: a quoted value is not closed; add the closing quote")),
                broken("multiple documents", text("services:\n  api: {}\n---\nservices:\n  other: {}\n"),
                        Expected.at(3, 1, "", "a second YAML document starts here")),
                broken("alias bomb (billion laughs, 9 levels)", text(billionLaughs()),
                        Expected.at(5, 26, "", "more than 20 aliases (*name) refer to lists or mappings; this looks like an alias bomb")),
                broken("21 aliases of one list, one per line", text(aliasesOnePerLine(21)),
                        Expected.at(23, 6, "", "more than 20 aliases (*name) refer to lists or mappings")),
                broken("nesting 60 levels deep", text("services: {}\nx: " + "[".repeat(60) + "]".repeat(60) + "\n"),
                        Expected.at(2, 54, "", "lists and mappings are nested more than 50 levels deep")),
                broken("200 000 tiny values", text("services: {}\nx: [" + "1,\n".repeat(200_000) + "1]\n"),
                        Expected.at(2 + 99_995, 1, "", "the document has more than 100000 values")),
                broken("tag under long keys nested 45 deep", text(deepTaggedValue()),
                        Expected.at(48, 54, "x." + "k".repeat(38) + "..." + "k".repeat(48) + "....value",
                                "the YAML tag '!!binary' is not allowed").amongProblems(2)),
                broken("10 000-character jitter", text(RETRY + "jitter: " + "x".repeat(10_000) + "\n"),
                        Expected.at(4, 15, "services.api.retry.jitter", "unknown jitter '" + "x".repeat(NodeText.MAX_QUOTED) + "...'")),
                broken("300-character unknown key", text(RETRY + "k".repeat(300) + ": 1\n"),
                        Expected.at(4, 7, "services.api.retry." + "k".repeat(NodeText.MAX_QUOTED) + "...", "unknown key; valid keys: ")),
                broken("50 MB file", ConfigRefusalMatrixTest::fiftyMegabytes,
                        Expected.wholeFile("the file is " + FIFTY_MEGABYTES + " bytes; the limit is 1 MiB")),
                broken("binary garbage (a PNG)", ConfigRefusalMatrixTest::png,
                        Expected.at(1, 1, "", "the file is not UTF-8 text (byte 0x89 at offset 0); is this a binary file?")),
                broken("random bytes with NULs", ConfigRefusalMatrixTest::asciiGarbage,
                        Expected.at(2, 1, "", "the file contains the character U+0000, which YAML does not allow")),
                broken("invalid UTF-8 after a multi-byte character on the same line",
                        bytes(concat("services:\n  \u00fc_caf".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9}, ": {}\n".getBytes(StandardCharsets.UTF_8))),
                        Expected.at(2, 8, "", "the file is not UTF-8 text (byte 0xE9 at offset 18)")),
                broken("UTF-16 with byte order mark", bytes("\uFEFFservices: {}\n".getBytes(StandardCharsets.UTF_16LE)),
                        Expected.at(1, 1, "", "the file is not UTF-8 text (byte 0xFF at offset 0)")),
                broken("empty file", text(""), Expected.at(1, 1, "", SchemaReader.EMPTY_FILE)),
                broken("comments only", text("# resilience-agent config\n\n   # to do\n"), Expected.at(1, 1, "", SchemaReader.EMPTY_FILE)),
                broken("missing file", d -> d.resolve("missing.yaml"), Expected.wholeFile("file not found; check the path")),
                broken("directory", d -> Files.createDirectory(d.resolve("conf.d")),
                        Expected.wholeFile("this is a directory; point to the YAML file itself")),
                broken("unreadable file", ConfigRefusalMatrixTest::unreadable,
                        Expected.wholeFile("cannot read the file: permission denied")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFileIsRefusedQuicklyWithAOneScreenMessageNamingFileLineAndKey(
            String scenario, FileMaker maker, Expected expected) throws IOException {
        Path file = maker.make(dir);

        Refusal refusal = assertTimeoutPreemptively(TIME_LIMIT, () -> refuse(file));

        ConfigException e = refusal.exception();
        String message = e.getMessage();
        assertThat(message).startsWith("Invalid resilience-agent config " + file + " (" + expected.problems()
                + (expected.problems() == 1 ? " problem):" : " problems):"));
        assertThat(e.problems()).hasSize(expected.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo(file.toString()))
                .anySatisfy(problem -> {
                    assertThat(problem.line()).as("line").isEqualTo(expected.line());
                    assertThat(problem.column()).as("column").isEqualTo(expected.column());
                    assertThat(problem.keyPath()).as("key path").isEqualTo(expected.keyPath());
                    assertThat(problem.message()).startsWith(expected.messageStart());
                });
        String location = expected.line() == 0 ? file.toString() : file + ":" + expected.line() + ":" + expected.column();
        assertThat(message).contains("  " + location + ": " + (expected.keyPath().isEmpty() ? "" : expected.keyPath() + ": ")
                + expected.messageStart());
        assertThat(message.lines()).hasSizeLessThanOrEqualTo(ConfigFuzzing.MAX_MESSAGE_LINES)
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(ConfigFuzzing.MAX_MESSAGE_LINE_LENGTH));
        assertThat(longestRunEchoed(message, contentOf(file))).as("characters of the file echoed in a row")
                .isLessThanOrEqualTo(MAX_ECHOED_RUN);
        if (refusal.allocatedBytes() >= 0) {
            assertThat(refusal.allocatedBytes()).as("bytes allocated while refusing").isLessThan(ALLOCATION_LIMIT);
        }
    }

    @Test
    void fiftyMegabyteFileIsRefusedByItsSizeWithoutReadingIt() throws IOException {
        Path file = fiftyMegabytes(dir);

        Refusal refusal = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refuse(file));

        assertThat(refusal.exception().problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("the file is 52428800 bytes"));
        assumeTrue(refusal.allocatedBytes() >= 0, "this JVM does not count allocated bytes");
        assertThat(refusal.allocatedBytes()).as("bytes allocated while refusing").isLessThan(1024 * 1024);
    }

    @Test
    void aliasBombIsRefusedInBoundedMemory() throws IOException {
        Path file = Files.writeString(dir.resolve("lol.yaml"), billionLaughs());

        Refusal refusal = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refuse(file));

        assertThat(refusal.exception().problems().get(0).message()).contains("alias bomb");
        assumeTrue(refusal.allocatedBytes() >= 0, "this JVM does not count allocated bytes");
        assertThat(refusal.allocatedBytes()).as("bytes allocated while refusing").isLessThan(4 * 1024 * 1024);
    }

    @Test
    void aTagNamingAClassNeitherInitialisesNorConstructsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("tag.yaml"), "services:\n  api: {}\nx: " + TRIPWIRE_TAG + " [\"boom\"]\n");

        Refusal refusal = refuse(file);

        assertThat(refusal.exception().problems()).anySatisfy(problem -> assertThat(problem.message()).contains("is not allowed"));
        assertThat(TRIPWIRE_TOUCHED).isFalse();
    }

    private static Refusal refuse(Path file) {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long before = threads == null ? -1 : threads.getCurrentThreadAllocatedBytes();
        try {
            ConfigLoader.load(file);
        } catch (ConfigException e) {
            long allocated = threads == null ? -1 : threads.getCurrentThreadAllocatedBytes() - before;
            return new Refusal(e, allocated);
        }
        throw new AssertionError(file + " was accepted");
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads;
        }
        return null;
    }

    /** The length of the longest run of characters that the message and the file share. */
    static int longestRunEchoed(String message, String content) {
        int longest = 0;
        for (int start = 0; start < message.length(); start++) {
            int length = longest + 1;
            while (start + length <= message.length() && content.contains(message.substring(start, start + length))) {
                longest = length++;
            }
        }
        return longest;
    }

    private static String contentOf(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(ConfigLoader.MAX_FILE_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static Arguments broken(String scenario, FileMaker maker, Expected expected) {
        return Arguments.of(scenario, maker, expected);
    }

    private static FileMaker text(String content) {
        return d -> Files.writeString(d.resolve("resilience.yaml"), content);
    }

    private static FileMaker bytes(byte[] content) {
        return d -> Files.write(d.resolve("resilience.yaml"), content);
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

    private static String aliasesOnePerLine(int aliases) {
        StringBuilder yaml = new StringBuilder("services: {}\nbase: &b [1]\n");
        for (int i = 1; i <= aliases + 1; i++) {
            yaml.append('a').append(i).append(": *b\n");
        }
        return yaml.toString();
    }

    private static String deepTaggedValue() {
        StringBuilder yaml = new StringBuilder("services: {}\nx:\n");
        for (int depth = 0; depth < 45; depth++) {
            yaml.append(" ".repeat(depth + 1)).append("k".repeat(70)).append(depth).append(":\n");
        }
        return yaml.append(" ".repeat(46)).append("value: !!binary aGk=\n").toString();
    }

    static Path fiftyMegabytes(Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        ByteBuffer block = ByteBuffer.wrap(("#".repeat(63) + "\n").repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < FIFTY_MEGABYTES; written += block.capacity()) {
                channel.write(block.rewind());
            }
        }
        return file;
    }

    private static Path png(Path dir) throws IOException {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return Files.write(dir.resolve("logo.png"), bytes);
    }

    private static Path asciiGarbage(Path dir) throws IOException {
        byte[] garbage = new byte[4096];
        Random random = new Random(11);
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) random.nextInt(0x80);
        }
        garbage[0] = 0;
        return Files.write(dir.resolve("garbage.yaml"), concat("services: {}\n".getBytes(StandardCharsets.US_ASCII), garbage));
    }

    private static Path unreadable(Path dir) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path file = Files.writeString(dir.resolve("secret.yaml"), "services: {}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root, which reads any file");
        return file;
    }
}
