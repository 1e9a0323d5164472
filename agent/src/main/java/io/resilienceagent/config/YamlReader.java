package io.resilienceagent.config;

import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.inspector.TagInspector;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns config text into SnakeYAML's node tree (one document, with positions) and every failure into a
 * {@link ConfigException} in plain words. SnakeYAML's composer refuses tags that name classes and bounds
 * aliases and nesting; this class also bounds the number of nodes. Nothing is ever constructed from
 * the document.
 *
 * <p>Untagged scalars are composed untyped: the key that reads a value knows whether it wants a number,
 * a duration or a name, so running YAML 1.1's regular expressions over every scalar (keys included) would
 * be wasted work before {@code main}. {@link #typeOf} types a scalar's text as YAML 1.1 does, with
 * SnakeYAML's own resolver, where the YAML type matters: to name what was found in a message, and for
 * values that must be strings or may be {@code null}.
 */
final class YamlReader {
    static final int MAX_ALIASES_FOR_COLLECTIONS = 20;
    static final int MAX_NESTING_DEPTH = 50;
    static final int MAX_NODES = 100_000;

    /** The tag of an untagged scalar left for its reader to type; equal to {@code !!str}, told apart by identity. */
    private static final Tag UNTYPED = new Tag(Tag.PREFIX + "str");
    /** How SnakeYAML's composer words an unknown alias. */
    private static final String UNDEFINED_ALIAS = "found undefined alias ";
    /** SnakeYAML's YAML 1.1 resolver; read-only once built, so shared by every thread. */
    private static final Resolver YAML_1_1 = new Resolver();

    private YamlReader() {
    }

    /**
     * The longest line read: SnakeYAML looks ahead over a token (a plain scalar, a comment, a run of blanks)
     * in time and memory that grow with the square of its length (2 GB for a line of a million characters,
     * 8 MB for one of this length); a config written as one line of JSON holds some 800 patterns.
     */
    static final int MAX_LINE_CHARS = 65_536;

    /** The single document's root node, or empty when the text holds no document at all. */
    static Optional<Node> compose(String text, String source) throws ConfigException {
        checkLineLengths(text, source);
        // the size is checked before reading (ConfigLoader), so SnakeYAML's own code-point limit is never reached
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setProcessComments(false);
        // nothing is ever constructed from the nodes, and YamlHygiene reports every tag where it stands:
        // refused here instead, one tag naming a class would hide the file's other problems
        options.setTagInspector(new AnyTag());
        NodeBudget parser = new NodeBudget(new ParserImpl(new StreamReader(text), options));
        try {
            return Optional.ofNullable(new Composer(parser, new Untyped(), options).getSingleNode());
        } catch (ReaderException e) {
            int[] at = positionOf(text, e.getPosition());
            throw single(source, at[0], at[1], String.format("the file contains the character U+%04X, which YAML "
                    + "does not allow; the config must be plain UTF-8 text (is this a binary file?)", e.getCodePoint()));
        } catch (MarkedYAMLException e) {
            throw single(source, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(), markedMessage(e));
        } catch (YAMLException e) {
            throw limitExceeded(e, parser, source);
        }
    }

    private static void checkLineLengths(String text, String source) throws ConfigException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c != '\n' && c != '\r') {
                continue;
            }
            if (i - start > MAX_LINE_CHARS) {
                throw single(source, line, MAX_LINE_CHARS + 1, "this line is " + (i - start) + " characters long; the limit is "
                        + MAX_LINE_CHARS + ", far more than any setting needs; break it over several lines");
            }
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            line++;
            start = i + 1;
        }
    }

    /** The YAML 1.1 type of a scalar: its tag, or what YAML makes of its untagged text; null for a list or a mapping. */
    static Tag typeOf(Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            return null;
        }
        return scalar.getTag() == UNTYPED ? YAML_1_1.resolve(NodeId.scalar, scalar.getValue(), true) : scalar.getTag();
    }

    /** {@code null}, {@code ~}, nothing at all, or a value tagged {@code !!null}. */
    static boolean isNull(Node node) {
        return Tag.NULL.equals(typeOf(node));
    }

    /** The YAML merge key: a plain {@code <<}, or anything tagged {@code !!merge}. */
    static boolean isMergeKey(Node key) {
        return key.getTag() == UNTYPED ? ((ScalarNode) key).getValue().equals("<<") : Tag.MERGE.equals(key.getTag());
    }

    /** Whether the scalar was written without a tag, so that its text alone says what it is. */
    static boolean isUntyped(Node node) {
        return node.getTag() == UNTYPED;
    }

    private static String markedMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        if (problem.equals("but found another document")) {
            return "a second YAML document starts here; the config must be one document, so remove this '---' "
                    + "and everything after it, or merge it into the first document";
        }
        if (problem.startsWith(UNDEFINED_ALIAS)) {
            return "YAML syntax error: an alias (*name) refers to an anchor (&name) that is not defined before it "
                    + "[" + UNDEFINED_ALIAS + NodeText.clip(problem.substring(UNDEFINED_ALIAS.length())) + "]";
        }
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

    /** SnakeYAML reports its alias and nesting limits without a position; the parser knows where it was. */
    private static ConfigException limitExceeded(YAMLException e, NodeBudget parser, String source) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (parser.nodes > MAX_NODES) {
            return single(source, parser.last, message);
        }
        if (message.startsWith("Number of aliases for non-scalar nodes")) {
            return single(source, parser.last, "more than " + MAX_ALIASES_FOR_COLLECTIONS + " aliases (*name) "
                    + "refer to lists or mappings; this looks like an alias bomb (\"billion laughs\"), so the file is "
                    + "refused; write the values out");
        }
        Mark next = parser.nextMark();
        if (message.startsWith("Nesting Depth exceeded")) {
            return single(source, next, "lists and mappings are nested more than " + MAX_NESTING_DEPTH
                    + " levels deep; the config needs no more than five");
        }
        return single(source, next, "YAML error: " + NodeText.clip(message));
    }

    private static ConfigException single(String source, Mark mark, String message) {
        return mark == null
                ? single(source, 0, 0, message)
                : single(source, mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    private static ConfigException single(String source, int line, int column, String message) {
        Problems problems = new Problems(source);
        problems.add(line, column, "", message);
        return problems.toException();
    }

    /** Line and column (1-based) of a code point index, which is all a {@link ReaderException} says. */
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

    /** Lets the composer keep a tag that names a class ({@code !!java.net.URL}) on its node. */
    private static final class AnyTag implements TagInspector {
        @Override
        public boolean isGlobalTagAllowed(Tag tag) {
            return true;
        }
    }

    /** Gives every untagged scalar the {@link #UNTYPED} tag, without running a regular expression. */
    private static final class Untyped extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            // none: scalars are typed by the key that reads them
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            return kind == NodeId.scalar && implicit ? UNTYPED : super.resolve(kind, value, implicit);
        }
    }

    /**
     * The parser SnakeYAML's composer reads, stopping after 100,000 nodes so that a file of
     * tiny values cannot make the tree take more than a few megabytes; it remembers the last event taken,
     * where the composer's limits were hit.
     */
    private static final class NodeBudget implements Parser {
        private final Parser delegate;
        private int nodes;
        private Mark last;

        NodeBudget(Parser delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = delegate.getEvent();
            last = event.getStartMark();
            if (event instanceof NodeEvent && ++nodes > MAX_NODES) {
                throw new YAMLException("the document has more than " + MAX_NODES + " values (keys, items and "
                        + "scalars); that is far more than any config needs; is this the right file?");
            }
            return event;
        }

        Mark nextMark() {
            try {
                return delegate.peekEvent().getStartMark();
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
