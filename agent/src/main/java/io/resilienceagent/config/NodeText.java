package io.resilienceagent.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.util.UriEncoder;

/** Short, safe renderings of YAML values for error messages: never more than a line of input. */
final class NodeText {
    static final int MAX_QUOTED = 60;

    private NodeText() {
    }

    /** {@code 'text'}, cut to {@value #MAX_QUOTED} characters, control characters escaped. */
    static String quote(String text) {
        return "'" + clip(text) + "'";
    }

    /** The text cut to {@value #MAX_QUOTED} characters, control characters escaped. */
    static String clip(String text) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (count == MAX_QUOTED) {
                return out.append("...").toString();
            }
            int cp = text.codePointAt(i);
            if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
            count++;
        }
        return out.toString();
    }

    /** What a node is, for "found ..." in a wrong-type message: {@code the boolean true}, {@code a list}. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = YamlReader.typeOf(node);
        String value = ((ScalarNode) node).getValue();
        if (Tag.NULL.equals(tag)) {
            return "no value (null)";
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + clip(value);
        }
        if (Tag.INT.equals(tag)) {
            return "the whole number " + clip(value);
        }
        if (Tag.FLOAT.equals(tag)) {
            return "the number " + clip(value);
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return "the date " + clip(value);
        }
        if (Tag.STR.equals(tag)) {
            return "the string " + quote(value);
        }
        return "a value tagged " + tagName(tag);
    }

    /** A tag as it would be written in YAML: {@code !!binary}, {@code !local}. */
    static String tagName(Tag tag) {
        return clip(written(UriEncoder.decode(tag.getValue())));
    }

    /** {@code tag:yaml.org,2002:binary} as {@code !!binary}; other tags as they are. */
    static String written(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }
}
