package io.resilienceagent.config;

import static io.resilienceagent.config.ConfigFuzzing.forAll;
import static io.resilienceagent.config.ConfigFuzzing.forAllTexts;
import static io.resilienceagent.config.ConfigFuzzing.tries;
import static io.resilienceagent.config.ConfigFuzzing.violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever text or bytes the parser is given, it returns a config or throws a
 * {@link ConfigException} with positions inside the text and a one-screen message; nothing else
 * escapes (no NPE, ClassCastException, SnakeYAML exception, StackOverflowError...), and no input
 * takes seconds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfigParserFuzzTest {
    private static final String SOURCE = "fuzz.yaml";

    private static final List<String> SCHEMA_KEYS = List.of("defaults", "services", "methods", "retry",
            "circuitBreaker", "maxAttempts", "minWait", "maxWait", "multiplier", "jitter", "retryOn", "abortOn",
            "retryOnStatus", "failureThreshold", "recoveryTimeout", "successThreshold", "halfOpenMaxCalls",
            "openException");
    private static final List<String> YAML_TOKENS = List.of(": ", "- ", "? ", "!!", "!!str ", "!!int ", "!!float ",
            "!!binary ", "!!map ", "!!seq ", "!!set ", "!!omap ", "!!timestamp ", "!!python/object:os.system ",
            "!!javax.script.ScriptEngineManager ", "!foo ", "!<tag:example.com,2000:x> ", "&a ", "*a", "&b [1, 2] ",
            "*b", "{", "}", "[", "]", "{}", "[]", ",", "\"", "'", "<<: ", "<<: *a", "\t", "---\n", "...\n", "|",
            "|-\n  ", ">", "%YAML 1.1\n", "%TAG ! tag:example.com,2000:\n", "#", "\n", "\r\n", "\r", "  ", "    ",
            "null", "~", "true", "false", "yes", "off", "@", "`", "%", "\\", "\u0085", "\u2028", "\uFEFF", "\u0000");

    @TempDir
    Path dir;

    @Test
    void arbitraryTextIsEitherAConfigOrACleanConfigError() {
        forAllTexts("arbitrary text", tries(3_000), ConfigParserFuzzTest::arbitraryText, ConfigParserFuzzTest::parseViolation);
    }

    @Test
    void mutatedValidConfigsAreEitherAConfigOrACleanConfigError() {
        List<String> bases = validConfigs();
        AtomicInteger accepted = new AtomicInteger();
        forAllTexts("mutated config", tries(3_000), r -> mutate(bases.get(r.nextInt(bases.size())), r),
                text -> countingAccepted(text, accepted));

        assertThat(accepted).as("mutants still valid, so mutations are not all fatal").hasPositiveValue();
    }

    @Test
    void randomDocumentsBuiltFromSchemaKeysAreEitherAConfigOrACleanConfigError() {
        AtomicInteger accepted = new AtomicInteger();
        forAllTexts("schema-shaped document", tries(3_000), r -> new DocumentGenerator(r).document(),
                text -> countingAccepted(text, accepted));

        assertThat(accepted).as("generated documents that are valid configs").hasPositiveValue();
    }

    @Test
    void arbitraryBytesInAFileAreEitherAConfigOrACleanConfigError() {
        List<String> bases = validConfigs();
        Path file = dir.resolve("fuzz.yaml");
        forAll("file bytes", tries(500), r -> corruptBytes(mutate(bases.get(r.nextInt(bases.size())), r), r),
                bytes -> loadViolation(file, bytes), ConfigFuzzing::smallerBytes, ConfigFuzzing::bytesLiteral);
    }

    @Test
    void theValidConfigsTheMutationsStartFromDoLoad() throws ConfigException {
        for (String config : validConfigs()) {
            assertThat(ConfigLoader.parse(config, SOURCE).services()).isNotEmpty();
        }
    }

    @Test
    void theCheckerCatchesWhatItIsMeantToCatch() {
        assertThat(violation("x", SOURCE, () -> {
            throw new IllegalStateException("boom");
        })).hasValueSatisfying(v -> assertThat(v).startsWith("threw java.lang.IllegalStateException: boom"));
        assertThat(violation("a\nb", SOURCE, () -> {
            throw new ConfigException(SOURCE, List.of(new ConfigProblem(SOURCE, 3, 1, "", "x")));
        })).hasValueSatisfying(v -> assertThat(v).startsWith("line 3 beyond the 2 lines"));
        assertThat(violation("x", SOURCE, () -> {
            throw new ConfigException("other.yaml", List.of(ConfigProblem.ofSource("other.yaml", "x")));
        })).hasValueSatisfying(v -> assertThat(v).startsWith("problem names source other.yaml"));
        assertThat(ConfigFuzzing.smallerTexts("abcd")).startsWith("cd", "ab");
    }

    @Test
    void foundByFuzzingAMultiplierWithATenDigitExponentIsAConfigError() {
        ConfigProblem problem = Yamls.onlyProblem("services:\n 0:\n  retry:\n   multiplier: 6E3988237179");

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(16);
        assertThat(problem.keyPath()).isEqualTo("services.0.retry.multiplier");
        assertThat(problem.message()).isEqualTo("expected a number > 0 written in decimal, such as 2 or 1.5, found '6E3988237179'");
    }

    @Test
    @Timeout(5)
    void foundByFuzzingDurationsWithHugeExponentsAreRefusedAtOnce() {
        for (String duration : List.of("1e-99999999", "1.0e-9999999", "1e9999999999")) {
            ConfigProblem problem = Yamls.onlyProblem("services:\n  api:\n    circuitBreaker: { recoveryTimeout: " + duration + " }\n");

            assertThat(problem.keyPath()).isEqualTo("services.api.circuitBreaker.recoveryTimeout");
            assertThat(problem.message()).isEqualTo("expected " + Durations.FORMS + ", found '" + duration + "'");
        }
    }

    @Test
    void numbersWithShortExponentsAreStillRead() throws ConfigException {
        RetrySettings retry = Yamls.parse("services:\n  api:\n    retry: { multiplier: 1.5e0, minWait: 2.5e-1, maxWait: 1e1 }\n")
                .services().get("api").retry();

        assertThat(retry.multiplier()).isEqualTo(1.5);
        assertThat(retry.minWait()).hasMillis(250);
        assertThat(retry.maxWait()).hasSeconds(10);
    }

    @Test
    void foundByFuzzingInvalidUtf8RightAfterAMultibyteCharacterIsLocated() throws IOException {
        Path file = Files.write(dir.resolve("fuzz.yaml"), new byte[] {(byte) 0xC3, (byte) 0xA4, (byte) 0xFF});

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.column()).isEqualTo(2);
            assertThat(problem.message()).startsWith("the file is not UTF-8 text (byte 0xFF at offset 2)");
        });
    }

    private static Optional<String> parseViolation(String text) {
        return violation(text, SOURCE, () -> ConfigLoader.parse(text, SOURCE));
    }

    private static Optional<String> countingAccepted(String text, AtomicInteger accepted) {
        return violation(text, SOURCE, () -> {
            ResilienceConfig config = ConfigLoader.parse(text, SOURCE);
            accepted.incrementAndGet();
            return config;
        });
    }

    private Optional<String> loadViolation(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return violation(text, file.toString(), () -> ConfigLoader.load(file));
    }

    static List<String> validConfigs() {
        List<String> configs = new ArrayList<>();
        try (InputStream in = ConfigParserFuzzTest.class.getResourceAsStream("/config/two-services.yaml")) {
            configs.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        configs.add("""
                defaults:
                  retry: &r { maxAttempts: 4, minWait: 250ms, maxWait: 1.5s, multiplier: 2, jitter: decorrelated }
                  circuitBreaker: { failureThreshold: 3, openException: com.example.Busy }
                services:
                  a: { retry: *r }
                  b.c-d_e:
                    retry:
                      retryOn: [java.io.IOException, java.net.SocketTimeoutException]
                      abortOn: [com.example.Fatal$Inner]
                      retryOnStatus: [408, 429, "500-504", 599]
                    circuitBreaker:
                      recoveryTimeout: 0.5
                      halfOpenMaxCalls: 1
                      openException: null
                  empty:
                methods:
                  "com.example.*Client.call*(java.lang.String,byte[])": a
                  com.example.Outer$Inner.run: b.c-d_e
                  'com.example.x.Y.z()': empty
                """);
        configs.add("{services: {api: {retry: {maxAttempts: 2, minWait: 0, maxWait: 1h}}}, methods: {a.B.c: api}}\n");
        return configs;
    }

    static String arbitraryText(SplittableRandom r) {
        int length = r.nextInt(8) == 0 ? r.nextInt(2_000) : r.nextInt(200);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int kind = r.nextInt(100);
            if (kind < 35) {
                text.append((char) r.nextInt(0x20, 0x7F));
            } else if (kind < 50) {
                text.append(":-?[]{},#&*!|>'\"%@`".charAt(r.nextInt(19)));
            } else if (kind < 60) {
                text.append(List.of("\n", "\r", "\r\n", "\t", " ", "  ").get(r.nextInt(6)));
            } else if (kind < 65) {
                int c = r.nextInt(0x41);
                text.append((char) (c < 0x20 ? c : c == 0x20 ? 0x7F : 0x80 + c - 0x21));
            } else if (kind < 75) {
                text.append((char) r.nextInt(0x80, 0x10000));
            } else if (kind < 80) {
                text.appendCodePoint(r.nextInt(0x10000, 0x110000));
            } else if (kind < 85) {
                text.append("\uFEFF\u0085\u2028\u2029\uFFFE\uFFFF\uD800\uDC00".charAt(r.nextInt(8)));
            } else {
                text.append(YAML_TOKENS.get(r.nextInt(YAML_TOKENS.size())));
            }
        }
        return text.toString();
    }

    static String mutate(String base, SplittableRandom r) {
        String text = base;
        int mutations = 1 + r.nextInt(r.nextInt(4) == 0 ? 12 : 3);
        for (int i = 0; i < mutations; i++) {
            text = mutateOnce(text, r);
        }
        return text;
    }

    private static String mutateOnce(String text, SplittableRandom r) {
        if (text.isEmpty()) {
            return token(r);
        }
        int at = r.nextInt(text.length() + 1);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int line = r.nextInt(lines.size());
        switch (r.nextInt(12)) {
            case 0 -> {
                return text.substring(0, Math.min(at, text.length() - 1)) + text.substring(Math.min(at, text.length() - 1) + 1);
            }
            case 1 -> {
                int end = Math.min(text.length(), at + r.nextInt(40));
                return text.substring(0, at) + text.substring(end);
            }
            case 2 -> lines.add(line, lines.get(line));
            case 3 -> {
                int other = r.nextInt(lines.size());
                String swapped = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, swapped);
            }
            case 4 -> lines.set(line, " ".repeat(r.nextInt(1, 5)) + lines.get(line));
            case 5 -> lines.set(line, lines.get(line).stripLeading());
            case 6 -> {
                return text.substring(0, at);
            }
            case 7 -> {
                return replaceNumber(text, r);
            }
            case 8 -> lines.add(line, "  ".repeat(r.nextInt(4)) + key(r) + ": " + scalar(r));
            case 9 -> {
                return text.substring(0, at) + (char) r.nextInt(0, 0x3000) + text.substring(at);
            }
            default -> {
                return text.substring(0, at) + token(r) + text.substring(at);
            }
        }
        return String.join("\n", lines);
    }

    private static String replaceNumber(String text, SplittableRandom r) {
        List<int[]> numbers = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                int end = i;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                numbers.add(new int[] {i, end});
                i = end;
            }
        }
        if (numbers.isEmpty()) {
            return text + number(r);
        }
        int[] pick = numbers.get(r.nextInt(numbers.size()));
        return text.substring(0, pick[0]) + number(r) + text.substring(pick[1]);
    }

    static String token(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> number(r);
            case 1 -> duration(r);
            case 2 -> key(r);
            default -> YAML_TOKENS.get(r.nextInt(YAML_TOKENS.size()));
        };
    }

    static String key(SplittableRandom r) {
        String key = SCHEMA_KEYS.get(r.nextInt(SCHEMA_KEYS.size()));
        return switch (r.nextInt(6)) {
            case 0 -> key.substring(1);
            case 1 -> key.toLowerCase();
            case 2 -> randomName(r, 1 + r.nextInt(r.nextInt(10) == 0 ? 300 : 12));
            default -> key;
        };
    }

    static String number(SplittableRandom r) {
        String sign = List.of("", "", "-", "+").get(r.nextInt(4));
        return sign + switch (r.nextInt(14)) {
            case 0 -> "0";
            case 1 -> Integer.toString(r.nextInt(1, 10));
            case 2 -> Integer.toString(r.nextInt(100, 700));
            case 3 -> digits(r, 10 + r.nextInt(40));
            case 4 -> r.nextInt(100) + "." + digits(r, 1 + r.nextInt(4));
            case 5 -> r.nextInt(10) + "e" + List.of("", "-", "+").get(r.nextInt(3)) + digits(r, 1 + r.nextInt(12));
            case 6 -> r.nextInt(10) + "." + r.nextInt(10) + "E-" + digits(r, 1 + r.nextInt(12));
            case 7 -> "." + digits(r, 1 + r.nextInt(3));
            case 8 -> List.of("0x1F", "0o17", "0b101", "017", "0xFFFFFFFFFFFFFFFFFF").get(r.nextInt(5));
            case 9 -> "1_000" + "_000".repeat(r.nextInt(5));
            case 10 -> List.of(".inf", ".nan", ".Inf", ".NaN", "-.inf").get(r.nextInt(5));
            case 11 -> r.nextInt(60) + ":" + r.nextInt(60) + (r.nextBoolean() ? "" : ":" + r.nextInt(60) + ".5");
            case 12 -> "2147483648";
            default -> Long.toString(r.nextLong());
        };
    }

    static String duration(SplittableRandom r) {
        String unit = List.of("ms", "s", "m", "h", "", "S", "MS", " s", "sec", "d", "us").get(r.nextInt(11));
        return number(r) + unit;
    }

    private static String digits(SplittableRandom r, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + r.nextInt(10)));
        }
        return digits.toString();
    }

    private static String randomName(SplittableRandom r, int length) {
        StringBuilder name = new StringBuilder();
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.$-*";
        for (int i = 0; i < length; i++) {
            name.append(chars.charAt(r.nextInt(chars.length())));
        }
        return name.toString();
    }

    static String scalar(SplittableRandom r) {
        return switch (r.nextInt(16)) {
            case 0, 1 -> number(r);
            case 2, 3 -> duration(r);
            case 4 -> List.of("none", "full", "equal", "decorrelated", "FULL", "ful", "random").get(r.nextInt(7));
            case 5 -> List.of("java.io.IOException", "IOException", "com.example.Outer$Inner", "1abc", "a..b").get(r.nextInt(5));
            case 6 -> "[" + List.of("408", "429", "\"500-599\"", "\"599-500\"", "\"600-700\"", "99", "5xx", "\"1-2-3\"")
                    .get(r.nextInt(8)) + "]";
            case 7 -> List.of("null", "~", "", "true", "no", "[]", "{}").get(r.nextInt(7));
            case 8 -> quoted(randomName(r, r.nextInt(r.nextInt(8) == 0 ? 500 : 20)), r);
            case 9 -> quoted(arbitraryText(r), r);
            case 10 -> "*a";
            case 11 -> "&a " + number(r);
            case 12 -> List.of("!!str ", "!!int ", "!!binary ", "!foo ", "!!java.io.File ", "!!float ").get(r.nextInt(6))
                    + number(r);
            default -> randomName(r, 1 + r.nextInt(15));
        };
    }

    /** The text as a YAML double- or single-quoted scalar. */
    static String quoted(String text, SplittableRandom r) {
        if (r.nextBoolean()) {
            return "'" + text.replace("'", "''") + "'";
        }
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp < 0x20 || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }

    static byte[] corruptBytes(String text, SplittableRandom r) {
        if (r.nextInt(10) == 0) {
            byte[] garbage = new byte[r.nextInt(3_000)];
            r.nextBytes(garbage);
            return garbage;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> bad = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {0}, new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xC3, (byte) 0xA4}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        int edits = r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            byte[] insert = bad.get(r.nextInt(bad.size()));
            int at = r.nextInt(bytes.length + 1);
            byte[] next = new byte[bytes.length + insert.length];
            System.arraycopy(bytes, 0, next, 0, at);
            System.arraycopy(insert, 0, next, at, insert.length);
            System.arraycopy(bytes, at, next, at + insert.length, bytes.length - at);
            bytes = next;
        }
        return bytes;
    }

    /** Random documents along the config schema, block or flow style, with anchors, aliases and tags. */
    static final class DocumentGenerator {
        private final SplittableRandom r;
        private final StringBuilder out = new StringBuilder();
        private int anchors;

        DocumentGenerator(SplittableRandom r) {
            this.r = r;
        }

        String document() {
            int sections = 1 + r.nextInt(3);
            List<String> names = List.of("defaults", "services", "methods");
            List<String> services = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                services.add(r.nextInt(10) == 0 ? randomName(r, 1 + r.nextInt(120)) : "svc" + i);
            }
            out.append("services:\n");
            for (String service : services) {
                out.append("  ").append(plainOrQuoted(service)).append(":");
                sections(4, r.nextInt(3));
            }
            for (int i = 0; i < sections; i++) {
                String section = r.nextInt(12) == 0 ? key(r) : names.get(r.nextInt(names.size()));
                out.append(section).append(":");
                switch (section) {
                    case "defaults" -> sections(2, r.nextInt(3));
                    case "methods" -> methods(services);
                    default -> value(2);
                }
            }
            return out.toString();
        }

        private void sections(int indent, int count) {
            if (count == 0) {
                out.append(r.nextBoolean() ? " {}\n" : "\n");
                return;
            }
            decorate();
            out.append('\n');
            for (int i = 0; i < count; i++) {
                String section = r.nextInt(10) == 0 ? key(r) : r.nextBoolean() ? "retry" : "circuitBreaker";
                out.append(" ".repeat(indent)).append(section).append(":");
                if (r.nextInt(8) == 0) {
                    value(indent + 2);
                } else {
                    settings(indent + 2, section.equals("retry"));
                }
            }
        }

        private void settings(int indent, boolean retry) {
            List<String> keys = retry ? SchemaReader.RETRY_KEYS : SchemaReader.BREAKER_KEYS;
            int count = r.nextInt(5);
            boolean flow = r.nextBoolean();
            decorate();
            out.append(flow ? " {" : "\n");
            for (int i = 0; i < count; i++) {
                String key = r.nextInt(10) == 0 ? key(r) : keys.get(r.nextInt(keys.size()));
                String value = r.nextInt(4) == 0 ? scalar(r) : valueFor(key);
                if (flow) {
                    out.append(i == 0 ? "" : ", ").append(plainOrQuoted(key)).append(": ").append(value);
                } else {
                    out.append(" ".repeat(indent)).append(plainOrQuoted(key)).append(": ").append(value).append('\n');
                }
            }
            out.append(flow ? "}\n" : count == 0 ? " {}\n" : "");
        }

        private String valueFor(String key) {
            return switch (key) {
                case "maxAttempts", "failureThreshold", "successThreshold", "halfOpenMaxCalls" -> number(r);
                case "minWait", "maxWait", "recoveryTimeout" -> r.nextBoolean() ? duration(r) : number(r);
                case "multiplier" -> number(r);
                case "jitter" -> List.of("none", "full", "equal", "decorrelated", "Full", "fulll").get(r.nextInt(6));
                case "retryOn", "abortOn" -> "[" + String.join(", ",
                        List.of("java.io.IOException", "com.example.Outer$Inner", "IOException", "1x").subList(0, r.nextInt(5))) + "]";
                case "retryOnStatus" -> statuses();
                case "openException" -> List.of("null", "com.example.Busy", "Busy", "[a.B]").get(r.nextInt(4));
                default -> scalar(r);
            };
        }

        private String statuses() {
            List<String> items = new ArrayList<>();
            for (int i = 0, n = r.nextInt(4); i < n; i++) {
                int from = r.nextInt(50, 700);
                items.add(r.nextBoolean() ? Integer.toString(from) : "\"" + from + "-" + (from + r.nextInt(-20, 120)) + "\"");
            }
            return "[" + String.join(", ", items) + "]";
        }

        private void methods(List<String> services) {
            decorate();
            out.append('\n');
            for (int i = 0, n = r.nextInt(4); i < n; i++) {
                String pattern = List.of("com.example.A.a", "com.example.*Client.*", "com.example.A.a(java.lang.String,int)",
                        "com.example.A.a(int", "justAMethod", "com.example.A$B.c(byte[])", "*.*", ".x").get(r.nextInt(8));
                String service = r.nextInt(5) == 0 ? scalar(r) : services.get(r.nextInt(services.size()));
                out.append("  \"").append(pattern).append("\": ").append(service).append('\n');
            }
        }

        private void value(int indent) {
            switch (r.nextInt(5)) {
                case 0 -> {
                    out.append('\n');
                    for (int i = 0, n = r.nextInt(4); i < n; i++) {
                        out.append(" ".repeat(indent)).append("- ").append(scalar(r)).append('\n');
                    }
                }
                case 1 -> out.append(" [").append(scalar(r)).append(", ").append(scalar(r)).append("]\n");
                case 2 -> out.append(" { ").append(plainOrQuoted(key(r))).append(": ").append(scalar(r)).append(" }\n");
                default -> out.append(' ').append(scalar(r)).append('\n');
            }
        }

        private void decorate() {
            int pick = r.nextInt(12);
            if (pick == 0) {
                out.append(" &a").append(anchors++);
            } else if (pick == 1) {
                out.append(" !!map");
            } else if (pick == 2) {
                out.append(" !local");
            }
        }

        private String plainOrQuoted(String key) {
            return key.matches("[A-Za-z0-9_.$-]+") && !key.startsWith("-") ? key : quoted(key, r);
        }
    }

}
