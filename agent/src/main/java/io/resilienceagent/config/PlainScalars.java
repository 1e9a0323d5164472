package io.resilienceagent.config;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The type YAML 1.1 gives a plain (unquoted) scalar, exactly as SnakeYAML's resolver decides it:
 * {@code 3} is an int, {@code 1.5} a float, {@code true}, {@code yes} and {@code off} are booleans,
 * {@code ~}, {@code null} and nothing are null, {@code 2026-11-29} is a date, the rest is a string.
 * Written here rather than taken from SnakeYAML's {@code Resolver} because that class and the tag
 * classes it needs cost about 20 ms to load before {@code main}; a test compares the two.
 */
final class PlainScalars {
    private static final Set<String> BOOLEANS = Set.of("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
            "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
    private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL", " ");
    /** SnakeYAML's resolver checks no longer texts against these forms (it bounds its regex work). */
    private static final int SHORT_FORMS = 10;
    private static final int NUMBERS = 1024;
    private static final int DATES = 50;

    private PlainScalars() {
    }

    static YamlTag tagOf(String value) {
        if (value.isEmpty()) {
            return YamlTag.NULL;
        }
        char first = value.charAt(0);
        int length = value.length();
        if ("yYnNtTfFoO".indexOf(first) >= 0 && length <= SHORT_FORMS && BOOLEANS.contains(value)) {
            return YamlTag.BOOL;
        }
        boolean digit = first >= '0' && first <= '9';
        boolean sign = first == '-' || first == '+';
        if ((digit || sign) && length <= NUMBERS && Forms.INT.matcher(value).matches()) {
            return YamlTag.INT;
        }
        if ((digit || sign || first == '.') && length <= NUMBERS && Forms.FLOAT.matcher(value).matches()) {
            return YamlTag.FLOAT;
        }
        if (first == '<' && value.equals("<<")) {
            return YamlTag.MERGE;
        }
        if (digit && length <= DATES && Forms.TIMESTAMP.matcher(value).matches()) {
            return YamlTag.TIMESTAMP;
        }
        if (length == 1 && (first == '!' || first == '&' || first == '*')) {
            return YamlTag.YAML;
        }
        return NULLS.contains(value) ? YamlTag.NULL : YamlTag.STR;
    }

    /** The number and date forms of the YAML 1.1 type repository; compiled only once a value needs them. */
    private static final class Forms {
        static final Pattern INT = Pattern.compile("[-+]?(?:0b_*[01][01_]*|0_*[0-7][0-7_]*|0|[1-9][0-9_]*"
                + "|0x_*[0-9a-fA-F][0-9a-fA-F_]*|[1-9][0-9_]*(?::[0-5]?[0-9])+)");
        static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
                + "|[0-9][0-9_]*[eE][-+]?[0-9]+|\\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                + "|\\.(?:inf|Inf|INF))|\\.(?:nan|NaN|NAN)");
        static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}"
                + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
                + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");

        private Forms() {
        }
    }
}
