package io.resilienceagent.config;

import java.util.Set;

/**
 * A YAML tag, such as {@code tag:yaml.org,2002:int} (written {@code !!int}). Only the YAML core types
 * are ever accepted; the rest exist so that messages can name what was written.
 *
 * <p>A class rather than a record: a record's {@code equals} and {@code hashCode} are bootstrapped
 * through method handles on first use, which costs about 10 ms before {@code main}.
 */
final class YamlTag {
    static final String CORE_PREFIX = "tag:yaml.org,2002:";

    static final YamlTag STR = core("str");
    static final YamlTag INT = core("int");
    static final YamlTag FLOAT = core("float");
    static final YamlTag BOOL = core("bool");
    static final YamlTag NULL = core("null");
    static final YamlTag TIMESTAMP = core("timestamp");
    static final YamlTag SEQ = core("seq");
    static final YamlTag MAP = core("map");
    static final YamlTag MERGE = core("merge");
    /** What YAML 1.1 calls a plain {@code !}, {@code &} or {@code *} on its own. */
    static final YamlTag YAML = core("yaml");

    /** The types of the YAML 1.1 tag repository; any other {@code !!name} names a Java class to some parsers. */
    private static final Set<String> STANDARD = Set.of("yaml", "merge", "set", "pairs", "omap", "binary", "int", "float",
            "timestamp", "bool", "null", "str", "seq", "map");

    private final String value;

    YamlTag(String value) {
        this.value = value;
    }

    private static YamlTag core(String name) {
        return new YamlTag(CORE_PREFIX + name);
    }

    /**
     * {@code !!com.example.Gadget}: a tag in the core namespace that is no YAML type, which parsers that
     * build objects read as a class name. Refused outright, before anything else is read.
     */
    boolean isClassTag() {
        return value.startsWith(CORE_PREFIX) && !STANDARD.contains(value.substring(CORE_PREFIX.length()));
    }

    /** As it would be written in YAML: {@code !!binary}, {@code !local}. */
    String written() {
        return value.startsWith(CORE_PREFIX) ? "!!" + value.substring(CORE_PREFIX.length()) : value;
    }

    /** The full tag, such as {@code tag:yaml.org,2002:int} or {@code !local}. */
    String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof YamlTag tag && tag.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return written();
    }
}
