package io.resilienceagent.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one typed value from a YAML node, or reports why it cannot: wrong type, out of range, or
 * malformed. An empty result always means a problem was recorded (or was already, for a bad tag).
 */
final class ValueReader {
    static final String COUNT = "a whole number >= 1";
    static final String NUMBER = "a number > 0";
    static final String CLASS_NAMES = "a list of fully qualified exception class names such as [java.io.IOException]";
    static final String CLASS_NAME = "a fully qualified class name such as java.lang.IllegalStateException, or null";
    static final String METHOD_NAMES = "a method name such as getHttpStatus, or a list of them";
    static final String STATUSES = "a list of HTTP statuses and ranges such as [408, 429, \"500-599\"]";
    static final String STATUS = "an HTTP status (" + StatusSet.MIN + "-" + StatusSet.MAX + ") or a range such as \"500-599\"";
    static final String JITTER_VALUES = jitterValues();

    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(?:0|[1-9][0-9_]*)");
    /** At most three exponent digits: BigDecimal arithmetic on 1e-99999999 takes minutes, and no setting needs it. */
    private static final Pattern DECIMAL_NUMBER = Pattern.compile("[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]{1,3})?");
    private static final Pattern STATUS_TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*(?:-\\s*(\\d{1,9})\\s*)?");
    private static final Map<String, String> WELL_KNOWN_EXCEPTIONS = Map.ofEntries(
            Map.entry("Exception", "java.lang.Exception"),
            Map.entry("RuntimeException", "java.lang.RuntimeException"),
            Map.entry("IllegalStateException", "java.lang.IllegalStateException"),
            Map.entry("IllegalArgumentException", "java.lang.IllegalArgumentException"),
            Map.entry("IOException", "java.io.IOException"),
            Map.entry("UncheckedIOException", "java.io.UncheckedIOException"),
            Map.entry("EOFException", "java.io.EOFException"),
            Map.entry("SocketException", "java.net.SocketException"),
            Map.entry("SocketTimeoutException", "java.net.SocketTimeoutException"),
            Map.entry("ConnectException", "java.net.ConnectException"),
            Map.entry("UnknownHostException", "java.net.UnknownHostException"),
            Map.entry("HttpTimeoutException", "java.net.http.HttpTimeoutException"),
            Map.entry("HttpConnectTimeoutException", "java.net.http.HttpConnectTimeoutException"),
            Map.entry("TimeoutException", "java.util.concurrent.TimeoutException"));

    private final Problems problems;

    ValueReader(Problems problems) {
        this.problems = problems;
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE}: attempts and thresholds. */
    Optional<Integer> count(YamlNode node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!isScalar(node, YamlTag.INT)) {
            return wrongType(node, path, COUNT);
        }
        String text = ((YamlNode.Scalar) node).value();
        if (!DECIMAL_INT.matcher(text).matches()) {
            return problem(node, path, "expected " + COUNT + " written in plain decimal digits, found " + NodeText.quote(text));
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

    /** A finite number greater than zero, written as an int or a float. */
    Optional<Double> positiveNumber(YamlNode node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!isScalar(node, YamlTag.INT) && !isScalar(node, YamlTag.FLOAT)) {
            return wrongType(node, path, NUMBER);
        }
        String text = ((YamlNode.Scalar) node).value();
        if (!DECIMAL_NUMBER.matcher(text).matches()) {
            return problem(node, path, "expected " + NUMBER + " written in decimal, such as 2 or 1.5, found " + NodeText.quote(text));
        }
        BigDecimal value = new BigDecimal(text.replace("_", ""));
        double asDouble = value.doubleValue();
        if (value.signum() <= 0 || asDouble <= 0 || !Double.isFinite(asDouble)) {
            return problem(node, path, "expected " + NUMBER + ", found " + NodeText.clip(text));
        }
        return Optional.of(asDouble);
    }

    /** A duration; {@code zeroAllowed} decides whether {@code 0} is accepted. */
    Optional<Duration> duration(YamlNode node, String path, boolean zeroAllowed) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        Duration duration;
        try {
            if (isScalar(node, YamlTag.INT) || isScalar(node, YamlTag.FLOAT)) {
                String text = ((YamlNode.Scalar) node).value();
                if (!DECIMAL_NUMBER.matcher(text).matches()) {
                    return problem(node, path, "expected " + Durations.FORMS + ", found " + NodeText.quote(text));
                }
                duration = Durations.ofSeconds(new BigDecimal(text.replace("_", "")), text);
            } else if (isScalar(node, YamlTag.STR)) {
                duration = Durations.parse(((YamlNode.Scalar) node).value());
            } else {
                return wrongType(node, path, Durations.FORMS);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            return problem(node, path, e.getMessage());
        }
        if (!zeroAllowed && duration.isZero()) {
            return problem(node, path, "expected a duration greater than 0, such as 30s, found "
                    + NodeText.clip(((YamlNode.Scalar) node).value()));
        }
        return Optional.of(duration);
    }

    /** One of the {@link Jitter} names, in any letter case. */
    Optional<Jitter> jitter(YamlNode node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!isScalar(node, YamlTag.STR)) {
            return wrongType(node, path, "one of " + JITTER_VALUES);
        }
        String text = ((YamlNode.Scalar) node).value().strip();
        for (Jitter jitter : Jitter.values()) {
            if (jitter.configName().equalsIgnoreCase(text)) {
                return Optional.of(jitter);
            }
        }
        String suggestion = KeySuggestions.didYouMean(text, Arrays.stream(Jitter.values()).map(Jitter::configName).toList());
        return problem(node, path, "unknown jitter " + NodeText.quote(text) + suggestion
                + (suggestion.isEmpty() ? "; valid" : " Valid") + " values: " + JITTER_VALUES);
    }

    /** A list of exception class names; {@code []} is fine. */
    Optional<List<String>> classNames(YamlNode node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            return wrongType(node, path, CLASS_NAMES + " (write [] for none)");
        }
        List<String> names = new ArrayList<>();
        boolean valid = true;
        List<YamlNode> items = sequence.items();
        for (int i = 0; i < items.size(); i++) {
            Optional<String> name = className(items.get(i), path + "[" + i + "]", "a fully qualified exception class name such as java.io.IOException");
            if (name.isPresent()) {
                names.add(name.get());
            }
            valid &= name.isPresent();
        }
        return valid ? Optional.of(List.copyOf(names)) : Optional.empty();
    }

    /** A method name, or a list of them: the {@code retry.statusAccessor} names. */
    Optional<List<String>> methodNames(YamlNode node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (isScalar(node, YamlTag.STR)) {
            return methodName(node, path).map(List::of);
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            return wrongType(node, path, METHOD_NAMES);
        }
        List<String> names = new ArrayList<>();
        boolean valid = true;
        List<YamlNode> items = sequence.items();
        for (int i = 0; i < items.size(); i++) {
            Optional<String> name = methodName(items.get(i), path + "[" + i + "]");
            name.ifPresent(names::add);
            valid &= name.isPresent();
        }
        return valid ? Optional.of(List.copyOf(names)) : Optional.empty();
    }

    private Optional<String> methodName(YamlNode node, String path) {
        if (!isScalar(node, YamlTag.STR)) {
            return wrongType(node, path, "a method name such as getHttpStatus");
        }
        String name = ((YamlNode.Scalar) node).value().strip();
        if (name.isEmpty() || !JavaNames.isNamePart(name, 0, name.length(), false)) {
            return problem(node, path, NodeText.quote(name) + " is not a method name; name a public no-argument "
                    + "method of the response or exception that returns its HTTP status, such as getHttpStatus");
        }
        return Optional.of(name);
    }

    /** A class name, or {@code null} for none; the outer empty means a problem was reported. */
    Optional<Optional<String>> optionalClassName(YamlNode node, String path) {
        if (isScalar(node, YamlTag.NULL)) {
            return Optional.of(Optional.empty());
        }
        Optional<String> name = className(node, path, CLASS_NAME);
        return name.isPresent() ? Optional.of(name) : Optional.empty();
    }

    /** HTTP statuses and ranges; {@code []} means no status is retried. */
    Optional<StatusSet> statuses(YamlNode node, String path) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            return wrongType(node, path, STATUSES + " (write [] for none)");
        }
        StatusSet.Builder builder = StatusSet.builder();
        boolean valid = true;
        List<YamlNode> items = sequence.items();
        for (int i = 0; i < items.size(); i++) {
            valid &= status(items.get(i), path + "[" + i + "]", builder);
        }
        return valid ? Optional.of(builder.build()) : Optional.empty();
    }

    private boolean status(YamlNode node, String path, StatusSet.Builder builder) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return false;
        }
        if (!isScalar(node, YamlTag.INT) && !isScalar(node, YamlTag.STR)) {
            wrongType(node, path, STATUS);
            return false;
        }
        String text = ((YamlNode.Scalar) node).value();
        Matcher matcher = STATUS_TEXT.matcher(text);
        if (!matcher.matches()) {
            problem(node, path, "expected " + STATUS + ", found " + NodeText.quote(text));
            return false;
        }
        int from = Integer.parseInt(matcher.group(1));
        int to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
        for (int status : new int[] {from, to}) {
            if (status < StatusSet.MIN || status > StatusSet.MAX) {
                problem(node, path, "HTTP status " + status + " is outside " + StatusSet.MIN + "-" + StatusSet.MAX);
                return false;
            }
        }
        if (from > to) {
            problem(node, path, "the range " + NodeText.quote(text) + " runs backwards; write the lower status first, as in \""
                    + to + "-" + from + "\"");
            return false;
        }
        builder.add(from, to, from == to ? String.valueOf(from) : from + "-" + to);
        return true;
    }

    private Optional<String> className(YamlNode node, String path, String expected) {
        if (!YamlHygiene.hasAllowedTag(node)) {
            return Optional.empty();
        }
        if (!isScalar(node, YamlTag.STR)) {
            return wrongType(node, path, expected);
        }
        String name = ((YamlNode.Scalar) node).value().strip();
        if (!JavaNames.isQualifiedName(name)) {
            return problem(node, path, NodeText.quote(name) + " is not a Java class name; expected " + expected
                    + " (nested classes use $, as in com.example.Outer$Inner)");
        }
        if (name.indexOf('.') < 0) {
            String known = WELL_KNOWN_EXCEPTIONS.get(name);
            return problem(node, path, NodeText.quote(name) + " is not fully qualified; "
                    + (known != null ? "did you mean " + NodeText.quote(known) + "?" : "write it with its package, such as java.io.IOException"));
        }
        return Optional.of(name);
    }

    static boolean isScalar(YamlNode node, YamlTag tag) {
        return node instanceof YamlNode.Scalar && tag.equals(node.tag());
    }

    <T> Optional<T> wrongType(YamlNode node, String path, String expected) {
        return problem(node, path, "wrong type: expected " + expected + ", found " + NodeText.describe(node));
    }

    private <T> Optional<T> problem(YamlNode node, String path, String message) {
        problems.add(node, path, message);
        return Optional.empty();
    }

    private static String jitterValues() {
        StringBuilder values = new StringBuilder();
        for (Jitter jitter : Jitter.values()) {
            values.append(values.length() == 0 ? "" : ", ").append(jitter.configName());
        }
        return values.toString();
    }
}
