package io.resilienceagent.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Document-wide rules that hold whatever the schema says: only the plain YAML core tags, no merge
 * keys, no duplicate keys (SnakeYAML checks those only when it constructs objects, which the agent never
 * does). Visits each node once, so shared (aliased) nodes cost nothing extra.
 */
final class YamlHygiene {
    private static final Set<Tag> ALLOWED_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP, Tag.TIMESTAMP);

    private final Problems problems;
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlHygiene(Problems problems) {
        this.problems = problems;
    }

    static void check(Node root, Problems problems) {
        new YamlHygiene(problems).visit(root, "");
    }

    /** Whether the node carries a tag this config accepts; the others are reported by {@link #check}. */
    static boolean hasAllowedTag(Node node) {
        return ALLOWED_TAGS.contains(node.getTag());
    }

    /** The text a scalar key is known by in messages and paths. */
    static String keyText(Node key) {
        return key instanceof ScalarNode scalar ? scalar.getValue() : "<" + NodeText.describe(key) + ">";
    }

    static String child(String path, String key) {
        String clipped = NodeText.clip(key);
        return path.isEmpty() ? clipped : path + "." + clipped;
    }

    private void visit(Node node, String path) {
        if (!visited.add(node)) {
            return;
        }
        if (!hasAllowedTag(node) && !YamlReader.isMergeKey(node)) {
            problems.add(node, path, "the YAML tag " + NodeText.quote(NodeText.tagName(node.getTag()))
                    + (node.getTag().isCustomGlobal() ? " is not allowed: tags that create Java objects are refused; "
                            + "write a plain value without a tag" : " is not allowed; the config takes plain values only, "
                            + "so remove the tag"));
        }
        if (node instanceof MappingNode mapping) {
            visitMapping(mapping, path);
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                visit(items.get(i), path + "[" + i + "]");
            }
        }
    }

    private void visitMapping(MappingNode mapping, String path) {
        Map<String, Node> firstByKey = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String keyPath = child(path, keyText(key));
            if (YamlReader.isMergeKey(key)) {
                problems.add(key, keyPath, "merge keys ('<<') are not supported; write the keys out in full");
            } else if (key instanceof ScalarNode scalar) {
                Node first = firstByKey.putIfAbsent(scalar.getValue(), key);
                if (first != null) {
                    problems.add(key, keyPath, "duplicate key " + NodeText.quote(scalar.getValue())
                            + " (first at line " + (first.getStartMark().getLine() + 1) + "); keep only one of them");
                }
            }
            visit(key, keyPath);
            visit(tuple.getValueNode(), keyPath);
        }
    }
}
