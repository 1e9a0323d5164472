package io.resilienceagent.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a config file, precise enough to jump to it in an editor.
 *
 * @param source the file (or other source name) the problem is in
 * @param line 1-based line, or 0 when the problem has no position (a missing file, for example)
 * @param column 1-based column, or 0 when the problem has no position
 * @param keyPath where in the document, such as {@code services.claude_api.retry.maxAttempts};
 *                empty when the problem concerns the file as a whole
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(String source, int line, int column, String keyPath, String message)
        implements Serializable {
    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
    }

    /** A problem about the whole source, without a position or key. */
    public static ConfigProblem ofSource(String source, String message) {
        return new ConfigProblem(source, 0, 0, "", message);
    }

    /** Whether the problem points at a line and column. */
    public boolean hasPosition() {
        return line > 0;
    }

    /** {@code source:line:column}, or just {@code source} when there is no position. */
    public String location() {
        return hasPosition() ? source + ":" + line + ":" + column : source;
    }

    /** {@code source:line:column: keyPath: message}, the form editors and terminals link to. */
    @Override
    public String toString() {
        return location() + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
