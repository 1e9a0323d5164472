package io.resilienceagent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Turns YAML text into one {@link YamlNode} tree with positions, and nothing more: SnakeYAML's parser
 * reads the text, and this class builds the tree from the parser's events (what SnakeYAML's composer
 * would do, minus its resolver and tag classes, which cost about 20 ms before {@code main}). No Java
 * object is ever constructed from the document; tags that name classes are refused; aliases, nesting,
 * node count and size are bounded. Every failure becomes a {@link ConfigException} in plain words.
 */
final class YamlComposer {
    static final int MAX_ALIASES_FOR_COLLECTIONS = 20;
    static final int MAX_NESTING_DEPTH = 50;
    static final int MAX_CODE_POINTS = ConfigLoader.MAX_FILE_BYTES;
    static final int MAX_NODES = 100_000;

    private final NodeBudget parser;
    /** Collections are registered when they start, so an alias inside one may refer to it (a cycle). */
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private int collectionAliases;
    private int depth;

    private YamlComposer(NodeBudget parser) {
        this.parser = parser;
    }

    /** The single document's root node, or empty when the text holds no document at all. */
    static Optional<YamlNode> compose(String text, String source) throws ConfigException {
        NodeBudget parser = new NodeBudget(new ParserImpl(new StreamReader(text), loaderOptions()), MAX_NODES);
        try {
            parser.getEvent(); // stream start
            if (parser.checkEvent(Event.ID.StreamEnd)) {
                return Optional.empty();
            }
            parser.getEvent(); // document start
            YamlNode root = new YamlComposer(parser).node();
            parser.getEvent(); // document end
            if (!parser.checkEvent(Event.ID.StreamEnd)) {
                throw single(source, parser.peekEvent().getStartMark(),
                        "a second YAML document starts here; the config must be one document, so remove this '---' "
                                + "and everything after it, or merge it into the first document");
            }
            return Optional.of(root);
        } catch (Refused e) {
            throw single(source, e.mark, e.getMessage());
        } catch (NodeBudget.Exceeded e) {
            throw single(source, e.mark(), "the document has more than " + MAX_NODES + " values (keys, items and "
                    + "scalars); that is far more than any config needs; is this the right file?");
        } catch (ReaderException e) {
            throw single(source, positionOf(text, e.getPosition()), readerMessage(e));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw single(source, mark, markedMessage(e));
        } catch (YAMLException e) {
            throw single(source, nextMark(parser), limitMessage(e));
        }
    }

    private YamlNode node() {
        if (parser.checkEvent(Event.ID.Alias)) {
            return alias((AliasEvent) parser.getEvent());
        }
        Event next = parser.peekEvent();
        if (depth > MAX_NESTING_DEPTH) {
            throw new Refused(next.getStartMark(), "lists and mappings are nested more than " + MAX_NESTING_DEPTH
                    + " levels deep; the config needs no more than five");
        }
        depth++;
        YamlNode node;
        if (next instanceof ScalarEvent) {
            node = scalar((ScalarEvent) parser.getEvent());
        } else if (parser.checkEvent(Event.ID.SequenceStart)) {
            node = sequence((CollectionStartEvent) parser.getEvent());
        } else {
            node = mapping((CollectionStartEvent) parser.getEvent());
        }
        depth--;
        return node;
    }

    private YamlNode alias(AliasEvent event) {
        YamlNode target = anchors.get(event.getAnchor());
        if (target == null) {
            throw new Refused(event.getStartMark(), "YAML syntax error: an alias (*name) refers to an anchor (&name) "
                    + "that is not defined before it [found undefined alias " + NodeText.clip(event.getAnchor()) + "]");
        }
        if (!(target instanceof YamlNode.Scalar) && ++collectionAliases > MAX_ALIASES_FOR_COLLECTIONS) {
            throw new Refused(event.getStartMark(), "more than " + MAX_ALIASES_FOR_COLLECTIONS + " aliases (*name) "
                    + "refer to lists or mappings; this looks like an alias bomb (\"billion laughs\"), so the file is "
                    + "refused; write the values out");
        }
        return target;
    }

    private YamlNode scalar(ScalarEvent event) {
        String tag = event.getTag();
        YamlTag resolved = tag == null || tag.equals("!")
                ? (event.getImplicit().canOmitTagInPlainScalar() ? PlainScalars.tagOf(event.getValue()) : YamlTag.STR)
                : explicitTag(tag, event);
        YamlNode node = new YamlNode.Scalar(resolved, event.getValue(), event.getStartMark());
        anchor(event, node);
        return node;
    }

    private YamlNode sequence(CollectionStartEvent start) {
        List<YamlNode> items = new ArrayList<>();
        YamlNode node = new YamlNode.Sequence(collectionTag(start, YamlTag.SEQ), Collections.unmodifiableList(items),
                start.getStartMark());
        anchor(start, node);
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            items.add(node());
        }
        parser.getEvent();
        return node;
    }

    private YamlNode mapping(CollectionStartEvent start) {
        List<YamlNode.Entry> entries = new ArrayList<>();
        YamlNode node = new YamlNode.Mapping(collectionTag(start, YamlTag.MAP), Collections.unmodifiableList(entries),
                start.getStartMark());
        anchor(start, node);
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            YamlNode key = node();
            entries.add(new YamlNode.Entry(key, node()));
        }
        parser.getEvent();
        return node;
    }

    private YamlTag collectionTag(CollectionStartEvent start, YamlTag plain) {
        String tag = start.getTag();
        return tag == null || tag.equals("!") ? plain : explicitTag(tag, start);
    }

    private static YamlTag explicitTag(String tag, Event event) {
        YamlTag explicit = new YamlTag(tag);
        if (explicit.isClassTag()) {
            throw new Refused(event.getStartMark(), "the YAML tag " + NodeText.quote(explicit.written())
                    + " is not allowed: tags that create Java objects are refused; write a plain value without a tag");
        }
        return explicit;
    }

    private void anchor(NodeEvent event, YamlNode node) {
        if (event.getAnchor() != null) {
            anchors.put(event.getAnchor(), node);
        }
    }

    /** A document this composer will not build a tree from, and where. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Mark mark;

        Refused(Mark mark, String message) {
            super(message, null, false, false);
            this.mark = mark;
        }
    }

    private static LoaderOptions loaderOptions() {
        // only what the parser itself reads; aliases, nesting and tags are this class's own checks
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setProcessComments(false);
        return options;
    }

    private static String readerMessage(ReaderException e) {
        return String.format("the file contains the character U+%04X, which YAML does not allow; "
                + "the config must be plain UTF-8 text (is this a binary file?)", e.getCodePoint());
    }

    private static String markedMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String original = problem + (e.getContext() == null ? "" : " (" + e.getContext() + ")");
        String hint = syntaxHint(original);
        return "YAML syntax error: " + (hint.isEmpty() ? clipLong(original) : hint + " [" + clipLong(original) + "]");
    }

    private static String syntaxHint(String problem) {
        if (problem.contains("expected <block end>")) {
            return "the indentation does not match the lines above; indent the keys of one mapping by the same "
                    + "number of spaces";
        }
        if (problem.contains("mapping values are not allowed here")) {
            return "unexpected ':'; check the indentation, and quote values that contain ': '";
        }
        if (problem.contains("could not find expected ':'")) {
            return "expected 'key: value'; check for a missing ':' or an unclosed bracket";
        }
        if (problem.contains("(TAB)")) {
            return "a tab character cannot indent YAML; use spaces";
        }
        if (problem.contains("found unexpected end of stream") && problem.contains("quoted scalar")) {
            return "a quoted value is not closed; add the closing quote";
        }
        return "";
    }

    private static String clipLong(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }

    private static String limitMessage(YAMLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("exceeds the limit")) {
            return "the document is larger than the 1 MiB (" + ConfigLoader.MAX_FILE_BYTES + " characters) limit";
        }
        return "YAML error: " + NodeText.clip(message);
    }

    private static Mark nextMark(NodeBudget parser) {
        try {
            return parser.peekEvent().getStartMark();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int[] positionOf(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; i = text.offsetByCodePoints(i, 1), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static ConfigException single(String source, int[] position, String message) {
        Problems problems = new Problems(source);
        problems.add(position[0], position[1], "", message);
        return problems.toException();
    }

    private static ConfigException single(String source, Mark mark, String message) {
        Problems problems = new Problems(source);
        problems.add(mark, "", message);
        return problems.toException();
    }
}
