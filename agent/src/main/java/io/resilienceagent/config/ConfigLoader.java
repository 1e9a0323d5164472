package io.resilienceagent.config;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a resilience-agent YAML config into an immutable, validated {@link ResilienceConfig}. Every
 * problem in the file is reported at once, with file, line, column, key and a fix, in a
 * {@link ConfigException}. The YAML is only composed into nodes, never into objects from tags, and
 * size, aliases and nesting are bounded, so a hostile file costs little.
 */
public final class ConfigLoader {
    /** The largest config file accepted, in bytes (1 MiB). */
    public static final int MAX_FILE_BYTES = 1_048_576;

    private ConfigLoader() {
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws ConfigException when the file is missing, unreadable, too large, not UTF-8 text, not
     *         valid YAML or not a valid config; the message lists every problem
     */
    public static ResilienceConfig load(Path file) throws ConfigException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        return parse(read(file, source), source, Optional.of(file));
    }

    /**
     * Validates config text that did not come from a file; {@code source()} of the result is empty.
     *
     * @param sourceName what to call the text in messages, such as {@code <inline>}
     * @throws ConfigException when the text is not a valid config; the message lists every problem
     */
    public static ResilienceConfig parse(String yaml, String sourceName) throws ConfigException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        long bytes = utf8Length(yaml);
        if (bytes > MAX_FILE_BYTES) {
            throw tooLarge(sourceName, bytes);
        }
        return parse(yaml, sourceName, Optional.empty());
    }

    private static ResilienceConfig parse(String yaml, String source, Optional<Path> file) throws ConfigException {
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        Optional<Node> root = YamlReader.compose(text, source);
        Problems problems = new Problems(source);
        if (root.isPresent()) {
            YamlHygiene.check(root.get(), problems);
        }
        Optional<ResilienceConfig> config = new SchemaReader(problems).read(root, file);
        if (config.isEmpty() || !problems.isEmpty()) {
            throw problems.toException();
        }
        return config.get();
    }

    private static String read(Path file, String source) throws ConfigException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw ConfigException.of(source, "file not found; check the path (relative paths start from "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException | SecurityException e) {
            throw ConfigException.of(source, "cannot read the file: " + describe(e));
        }
        if (attributes.isDirectory()) {
            throw ConfigException.of(source, "this is a directory; point to the YAML file itself, such as "
                    + file.resolve("resilience.yaml"));
        }
        if (!attributes.isRegularFile()) {
            // a pipe would block start-up (or the watcher) until something writes to it
            throw ConfigException.of(source, "this is not a regular file but a pipe, socket or device; point to the "
                    + "YAML file itself, such as resilience.yaml");
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw tooLarge(source, attributes.size());
        }
        byte[] bytes;
        // java.io rather than Files.newInputStream: the NIO channel classes and native libraries behind it
        // cost milliseconds at start-up, before main, and nothing else in the agent needs them
        try (InputStream in = new FileInputStream(file.toFile())) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (FileNotFoundException e) {
            if (!Files.isReadable(file)) {
                throw ConfigException.of(source, "cannot read the file: permission denied; make it readable by the user "
                        + "that runs the JVM");
            }
            throw ConfigException.of(source, "cannot read the file: " + describe(e));
        } catch (IOException | SecurityException e) {
            throw ConfigException.of(source, "cannot read the file: " + describe(e));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooLarge(source, Math.max(bytes.length, file.toFile().length())); // it grew since its size was read
        }
        return decode(bytes, source);
    }

    /** The one message for a config over the size limit, whether it is a file or text. */
    private static ConfigException tooLarge(String source, long bytes) {
        return ConfigException.of(source, "the file is " + bytes + " bytes; the limit is 1 MiB (" + MAX_FILE_BYTES
                + " bytes), far more than any config needs; is this the right file?");
    }

    /** The length of the text in UTF-8, without encoding it. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static String decode(byte[] bytes, String source) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            Problems problems = new Problems(source);
            String lineHead = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
            int column = lineHead.codePointCount(0, lineHead.length()) + 1;
            problems.add(line, column, "", String.format("the file is not UTF-8 text (byte 0x%02X at "
                    + "offset %d); is this a binary file? Save the config as UTF-8", bytes[offset] & 0xFF, offset));
            throw problems.toException();
        }
        return out.flip().toString();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + NodeText.clip(message));
    }
}
