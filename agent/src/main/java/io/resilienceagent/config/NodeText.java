package io.resilienceagent.config;


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
    static String describe(YamlNode node) {
        if (node instanceof YamlNode.Mapping) {
            return "a mapping";
        }
        if (node instanceof YamlNode.Sequence) {
            return "a list";
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        YamlTag tag = scalar.tag();
        String value = scalar.value();
        if (YamlTag.NULL.equals(tag)) {
            return "no value (null)";
        }
        if (YamlTag.BOOL.equals(tag)) {
            return "the boolean " + clip(value);
        }
        if (YamlTag.INT.equals(tag)) {
            return "the whole number " + clip(value);
        }
        if (YamlTag.FLOAT.equals(tag)) {
            return "the number " + clip(value);
        }
        if (YamlTag.TIMESTAMP.equals(tag)) {
            return "the date " + clip(value);
        }
        if (YamlTag.STR.equals(tag)) {
            return "the string " + quote(value);
        }
        return "a value tagged " + tagName(tag);
    }

    /** A tag as it would be written in YAML: {@code !!binary}, {@code !local}. */
    static String tagName(YamlTag tag) {
        return clip(tag.written());
    }
}
