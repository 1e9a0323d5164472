package io.resilienceagent.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one typed value from a YAML node, or reports why it cannot: wrong type, out of range, or
 * malformed. An empty result always means a problem was recorded (or was already, for a bad tag).
 * Numbers, durations and statuses are read from the text as the key wants it; only when that fails is
 * the text typed as YAML 1.1 would ({@link YamlReader#typeOf}), to say what was found.
 */
final class ValueReader {
    static final String COUNT = "a whole number >= 1";
    static final String NUMBER = "a number > 0";
    static final String CLASS_NAMES = "a list of fully qualified exception class names such as [java.io.IOException]";
    static final String CLASS_NAME = "a fully qualified class name such as java.lang.IllegalStateException, or null";
    static final String EXCEPTION_NAME = "a fully qualified exception class name such as java.io.IOException";
    static final String METHOD_NAME = "a method name such as getHttpStatus";
    static final String METHOD_NAMES = METHOD_NAME + ", or a list of them";
    static final String STATUSES = "a list of HTTP statuses and ranges such as [408, 429, \"500-599\"]";

    /** The longest number read: parsing takes time growing with the square of its length (seconds for 1 MB). */
    private static final int MAX_NUMBER_CHARS = 40;
    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(?:0|[1-9][0-9_]*)");
    /** At most three exponent digits: BigDecimal arithmetic on 1e-99999999 takes minutes, and no setting needs it. */
    private static final Pattern DECIMAL_NUMBER = Pattern.compile("[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]{1,3})?");

    private final Problems problems;

    ValueReader(Problems problems) {
        this.problems = problems;
    }

    /** One key of a mapping: its text, its node, its value and its key path. */
    record Entry(String key, Node keyNode, Node value, String path) {
    }

    /**
     * A mapping's entries in file order, the first of each key (YamlHygiene reports duplicates and merge
     * keys); none for {@code null}, and none after reporting a value that is no mapping.
     */
    List<Entry> entries(Node node, String path, String expected) {
        if (YamlReader.isNull(node) || !YamlHygiene.hasAllowedTag(node)) {
            return List.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            wrongType(node, path, expected);
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (YamlReader.isMergeKey(key)) {
                continue;
            }
            if (!(key instanceof ScalarNode scalar)) {
                problems.add(key, path, "a key must be a plain name, found " + NodeText.describe(key));
            } else if (seen.add(scalar.getValue())) {
                entries.add(new Entry(scalar.getValue(), key, tuple.getValueNode(), YamlHygiene.child(path, scalar.getValue())));
            }
        }
        return entries;
    }

    void unknownKey(Entry entry, List<String> validKeys) {
        problems.add(entry.keyNode(), entry.path(), KeySuggestions.unknownKey(entry.key(), validKeys));
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE}: attempts and thresholds. */
    Optional<Integer> count(Node node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        String text = textOf(node, Tag.INT, Tag.INT);
        if (text == null || !DECIMAL_INT.matcher(text).matches()) {
            return Tag.INT.equals(YamlReader.typeOf(node))
                    ? problem(node, path, "expected " + COUNT + " written in plain decimal digits, found " + NodeText.quote(text))
                    : wrongType(node, path, COUNT);
        }
        if (text.length() > MAX_NUMBER_CHARS) {
            return problem(node, path, "expected a whole number from 1 to " + Integer.MAX_VALUE + ", found " + NodeText.clip(text));
        }
        BigInteger value = new BigInteger(text.replace("_", ""));
        if (value.signum() <= 0) {
            return problem(node, path, "expected " + COUNT + ", found " + NodeText.clip(text));
        }
        if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            return problem(node, path, "expected a whole number from 1 to " + Integer.MAX_VALUE + ", found " + NodeText.clip(text));
        }
        return Optional.of(value.intValue());
    }

    /**
     * A finite number, written as an int or a float, above 0 (or from 0 when {@code zeroAllowed}) and at
     * most {@code max}; {@code expected} says so in messages.
     */
    Optional<Double> number(Node node, String path, String expected, boolean zeroAllowed, double max) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        String text = textOf(node, Tag.INT, Tag.FLOAT);
        if (text == null || !DECIMAL_NUMBER.matcher(text).matches()) {
            Tag type = YamlReader.typeOf(node);
            return Tag.INT.equals(type) || Tag.FLOAT.equals(type)
                    ? problem(node, path, "expected " + expected + " written in decimal, such as 2 or 1.5, found " + NodeText.quote(text))
                    : wrongType(node, path, expected);
        }
        if (text.length() > MAX_NUMBER_CHARS) {
            return problem(node, path, "expected " + expected + ", found " + NodeText.clip(text));
        }
        BigDecimal value = new BigDecimal(text.replace("_", ""));
        double asDouble = value.doubleValue();
        boolean aboveMin = zeroAllowed ? value.signum() >= 0 : value.signum() > 0 && asDouble > 0;
        if (!aboveMin || !Double.isFinite(asDouble) || asDouble > max) {
            return problem(node, path, "expected " + expected + ", found " + NodeText.clip(text));
        }
        return Optional.of(asDouble);
    }

    /** A duration; {@code zeroAllowed} decides whether {@code 0} is accepted. */
    Optional<Duration> duration(Node node, String path, boolean zeroAllowed) {
        return duration(node, path, zeroAllowed, Durations.FORMS);
    }

    /** A duration greater than 0, or {@code null} for none; the outer empty means a problem was reported. */
    Optional<Optional<Duration>> optionalDuration(Node node, String path) {
        if (YamlReader.isNull(node)) {
            return Optional.of(Optional.empty());
        }
        Optional<Duration> duration = duration(node, path, false, Durations.FORMS + ", or null");
        return duration.isPresent() ? Optional.of(duration) : Optional.empty();
    }

    private Optional<Duration> duration(Node node, String path, boolean zeroAllowed, String expected) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        String text = node instanceof ScalarNode scalar ? scalar.getValue() : "";
        Duration duration;
        try {
            if (text.length() > MAX_NUMBER_CHARS) {
                throw new IllegalArgumentException("expected " + expected + ", found " + NodeText.quote(text));
            } else if (textOf(node, Tag.INT, Tag.FLOAT) != null && DECIMAL_NUMBER.matcher(text).matches()) {
                duration = Durations.ofSeconds(new BigDecimal(text.replace("_", "")), text);
            } else if (textOf(node, Tag.STR, Tag.STR) != null) {
                duration = Durations.parse(text);
            } else {
                throw new IllegalArgumentException("expected " + Durations.FORMS + ", found " + NodeText.quote(text));
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            Tag type = YamlReader.typeOf(node);
            return Tag.STR.equals(type) || Tag.INT.equals(type) || Tag.FLOAT.equals(type)
                    ? problem(node, path, e.getMessage())
                    : wrongType(node, path, expected);
        }
        if (!zeroAllowed && duration.isZero()) {
            return problem(node, path, "expected a duration greater than 0, such as 30s, found " + NodeText.clip(text));
        }
        return Optional.of(duration);
    }

    /** One of the {@link Jitter} names, in any letter case. */
    Optional<Jitter> jitter(Node node, String path) {
        Optional<String> text = string(node, path, "one of " + Jitter.NAMES);
        try {
            return text.isPresent() ? Optional.of(Jitter.parse(text.get())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return problem(node, path, e.getMessage());
        }
    }

    /** A list of exception class names; {@code []} is fine. */
    Optional<List<String>> classNames(Node node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!(node instanceof SequenceNode sequence)) {
            return wrongType(node, path, CLASS_NAMES + " (write [] for none)");
        }
        return names(sequence.getValue(), path, true);
    }

    /** A class name, or {@code null} for none; the outer empty means a problem was reported. */
    Optional<Optional<String>> optionalClassName(Node node, String path) {
        if (YamlReader.isNull(node)) {
            return Optional.of(Optional.empty());
        }
        Optional<String> name = name(node, path, true, CLASS_NAME);
        return name.isPresent() ? Optional.of(name) : Optional.empty();
    }

    /** A method name, or a list of them: the {@code retry.statusAccessor} names. */
    Optional<List<String>> methodNames(Node node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (node instanceof SequenceNode sequence) {
            return names(sequence.getValue(), path, false);
        }
        if (!Tag.STR.equals(YamlReader.typeOf(node))) {
            return wrongType(node, path, METHOD_NAMES);
        }
        Optional<String> name = name(node, path, false, METHOD_NAME);
        return name.isPresent() ? Optional.of(List.of(name.get())) : Optional.empty();
    }

    private Optional<List<String>> names(List<Node> items, String path, boolean classes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Optional<String> name = name(items.get(i), path + "[" + i + "]", classes, classes ? EXCEPTION_NAME : METHOD_NAME);
            if (name.isPresent()) {
                names.add(name.get());
            }
        }
        return names.size() == items.size() ? Optional.of(List.copyOf(names)) : Optional.empty();
    }

    /** A fully qualified class name, or a method name (of a public no-argument method that returns a status). */
    private Optional<String> name(Node node, String path, boolean qualifiedClass, String expected) {
        Optional<String> text = string(node, path, expected);
        if (text.isEmpty()) {
            return text;
        }
        String name = text.get().strip();
        try {
            return Optional.of(qualifiedClass ? JavaNames.requireQualifiedName(name, expected) : JavaNames.requireMethodName(name));
        } catch (IllegalArgumentException e) {
            return problem(node, path, e.getMessage());
        }
    }

    /** HTTP statuses and ranges; {@code []} means no status is retried. */
    Optional<StatusSet> statuses(Node node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!(node instanceof SequenceNode sequence)) {
            return wrongType(node, path, STATUSES + " (write [] for none)");
        }
        StatusSet.Builder builder = StatusSet.builder();
        boolean valid = true;
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            valid &= status(items.get(i), path + "[" + i + "]", builder);
        }
        return valid ? Optional.of(builder.build()) : Optional.empty();
    }

    private boolean status(Node node, String path, StatusSet.Builder builder) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return false;
        }
        String text = textOf(node, Tag.INT, Tag.STR);
        try {
            builder.add(text == null ? "" : text);
            return true;
        } catch (IllegalArgumentException e) {
            Tag type = YamlReader.typeOf(node);
            if (Tag.INT.equals(type) || Tag.STR.equals(type)) {
                problem(node, path, e.getMessage());
            } else {
                wrongType(node, path, StatusSet.FORM);
            }
            return false;
        }
    }

    /** The text of a YAML string ({@code yes} is no string: YAML 1.1 makes it a boolean), or a wrong-type problem. */
    private Optional<String> string(Node node, String path, String expected) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!Tag.STR.equals(YamlReader.typeOf(node))) {
            return wrongType(node, path, expected);
        }
        return Optional.of(((ScalarNode) node).getValue());
    }

    /** A scalar's text, if it is untagged or tagged as one of the two; otherwise null. */
    private static String textOf(Node node, Tag one, Tag other) {
        boolean readable = YamlReader.isUntyped(node) || one.equals(node.getTag()) || other.equals(node.getTag());
        return node instanceof ScalarNode scalar && readable ? scalar.getValue() : null;
    }

    <T> Optional<T> wrongType(Node node, String path, String expected) {
        return problem(node, path, "wrong type: expected " + expected + ", found " + NodeText.describe(node));
    }

    private <T> Optional<T> problem(Node node, String path, String message) {
        problems.add(node, path, message);
        return Optional.empty();
    }
}
