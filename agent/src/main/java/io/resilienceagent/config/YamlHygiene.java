package io.resilienceagent.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Document-wide rules that hold whatever the schema says: only the plain YAML core tags, no merge
 * keys, no duplicate keys. Visits each node once, so shared (aliased) nodes cost nothing extra.
 */
final class YamlHygiene {
    private static final Set<YamlTag> ALLOWED_TAGS =
            Set.of(YamlTag.STR, YamlTag.INT, YamlTag.FLOAT, YamlTag.BOOL, YamlTag.NULL, YamlTag.SEQ, YamlTag.MAP, YamlTag.TIMESTAMP);

    private final Problems problems;
    private final Set<YamlNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlHygiene(Problems problems) {
        this.problems = problems;
    }

    static void check(YamlNode root, Problems problems) {
        new YamlHygiene(problems).visit(root, "");
    }

    /** Whether the node carries a tag this config accepts; the others are reported by {@link #check}. */
    static boolean hasAllowedTag(YamlNode node) {
        return ALLOWED_TAGS.contains(node.tag());
    }

    /** Whether the key is the YAML merge key {@code <<}, which this config does not support. */
    static boolean isMergeKey(YamlNode key) {
        return YamlTag.MERGE.equals(key.tag());
    }

    /** The text a scalar key is known by in messages and paths. */
    static String keyText(YamlNode key) {
        return key instanceof YamlNode.Scalar scalar ? scalar.value() : "<" + NodeText.describe(key) + ">";
    }

    static String child(String path, String key) {
        String clipped = NodeText.clip(key);
        return path.isEmpty() ? clipped : path + "." + clipped;
    }

    private void visit(YamlNode node, String path) {
        if (!visited.add(node)) {
            return;
        }
        if (!hasAllowedTag(node) && !isMergeKey(node)) {
            problems.add(node, path, "the YAML tag " + NodeText.quote(NodeText.tagName(node.tag()))
                    + " is not allowed; the config takes plain values only, so remove the tag");
        }
        if (node instanceof YamlNode.Mapping mapping) {
            visitMapping(mapping, path);
        } else if (node instanceof YamlNode.Sequence sequence) {
            List<YamlNode> items = sequence.items();
            for (int i = 0; i < items.size(); i++) {
                visit(items.get(i), path + "[" + i + "]");
            }
        }
    }

    private void visitMapping(YamlNode.Mapping mapping, String path) {
        Map<String, YamlNode> firstByKey = new HashMap<>();
        for (YamlNode.Entry tuple : mapping.entries()) {
            YamlNode key = tuple.key();
            String keyPath = child(path, keyText(key));
            if (isMergeKey(key)) {
                problems.add(key, keyPath, "merge keys ('<<') are not supported; write the keys out in full");
            } else if (key instanceof YamlNode.Scalar scalar) {
                YamlNode first = firstByKey.putIfAbsent(scalar.value(), key);
                if (first != null) {
                    problems.add(key, keyPath, "duplicate key " + NodeText.quote(scalar.value())
                            + " (first at line " + (first.start().getLine() + 1) + "); keep only one of them");
                }
            }
            visit(key, keyPath);
            visit(tuple.value(), keyPath);
        }
    }
}
