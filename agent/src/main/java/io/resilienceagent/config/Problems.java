package io.resilienceagent.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one file, so a user sees all of them after one run. */
final class Problems {
    static final int MAX_KEPT = 1000;
    /** With {@link #MAX_KEY_PATH}, keeps each problem line under 500 characters plus the file name. */
    static final int MAX_MESSAGE = 360;
    static final int MAX_KEY_PATH = 100;
    private static final int KEY_PATH_HEAD = 40;

    private final String source;
    private final List<ConfigProblem> kept = new ArrayList<>();
    private int count;

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void add(Node node, String keyPath, String message) {
        add(node.getStartMark(), keyPath, message);
    }

    void add(Mark mark, String keyPath, String message) {
        if (mark == null) {
            add(0, 0, keyPath, message);
        } else {
            add(mark.getLine() + 1, mark.getColumn() + 1, keyPath, message);
        }
    }

    void add(int line, int column, String keyPath, String message) {
        count++;
        if (kept.size() < MAX_KEPT) {
            String bounded = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
            kept.add(new ConfigProblem(source, line, column, boundedPath(keyPath), bounded));
        }
    }

    /** A key path nested deep under long keys keeps its start and its end, which say where to look. */
    static String boundedPath(String keyPath) {
        if (keyPath.length() <= MAX_KEY_PATH) {
            return keyPath;
        }
        int headEnd = KEY_PATH_HEAD;
        int tailStart = keyPath.length() - (MAX_KEY_PATH - KEY_PATH_HEAD - 3);
        if (Character.isLowSurrogate(keyPath.charAt(headEnd))) {
            headEnd--;
        }
        if (Character.isLowSurrogate(keyPath.charAt(tailStart))) {
            tailStart++;
        }
        return keyPath.substring(0, headEnd) + "..." + keyPath.substring(tailStart);
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    ConfigException toException() {
        return new ConfigException(source, kept, count);
    }
}
