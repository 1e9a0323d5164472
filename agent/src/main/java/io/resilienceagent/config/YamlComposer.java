package io.resilienceagent.config;

import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.inspector.TagInspector;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns YAML text into one node tree with positions, and nothing more: no Java object is ever
 * constructed from the document, global tags are refused, and aliases, nesting, node count and size
 * are bounded. Every SnakeYAML failure becomes a {@link ConfigException} in plain words.
 */
final class YamlComposer {
    static final int MAX_ALIASES_FOR_COLLECTIONS = 20;
    static final int MAX_NESTING_DEPTH = 50;
    static final int MAX_CODE_POINTS = ConfigLoader.MAX_FILE_BYTES;
    static final int MAX_NODES = 100_000;

    private static final String GLOBAL_TAG_REFUSED = "Global tag is not allowed: ";
    private static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";

    private YamlComposer() {
    }

    /** The single document's root node, or empty when the text holds no document at all. */
    static Optional<Node> compose(String text, String source) throws ConfigException {
        LoaderOptions options = loaderOptions();
        NodeBudget parser = new NodeBudget(new ParserImpl(new StreamReader(text), options), MAX_NODES);
        Composer composer = new Composer(parser, new Resolver(), options);
        try {
            if (!composer.checkNode()) {
                return Optional.empty();
            }
            Node root = composer.getNode();
            if (composer.checkNode()) {
                throw single(source, parser.peekEvent().getStartMark(),
                        "a second YAML document starts here; the config must be one document, so remove this '---' "
                                + "and everything after it, or merge it into the first document");
            }
            return Optional.of(root);
        } catch (NodeBudget.Exceeded e) {
            throw single(source, e.mark(), "the document has more than " + MAX_NODES + " values (keys, items and "
                    + "scalars); that is far more than any config needs; is this the right file?");
        } catch (ReaderException e) {
            throw single(source, positionOf(text, e.getPosition()), readerMessage(e));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw single(source, mark, markedMessage(e));
        } catch (YAMLException e) {
            throw single(source, limitMark(e, parser), limitMessage(e));
        }
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        options.setProcessComments(false);
        options.setTagInspector(new RefuseAllTags());
        return options;
    }

    private static String readerMessage(ReaderException e) {
        return String.format("the file contains the character U+%04X, which YAML does not allow; "
                + "the config must be plain UTF-8 text (is this a binary file?)", e.getCodePoint());
    }

    private static String markedMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        if (problem.startsWith(GLOBAL_TAG_REFUSED)) {
            String tag = problem.substring(GLOBAL_TAG_REFUSED.length());
            String written = tag.startsWith(CORE_TAG_PREFIX) ? "!!" + tag.substring(CORE_TAG_PREFIX.length()) : tag;
            return "the YAML tag " + NodeText.quote(written) + " is not allowed: tags that create Java objects "
                    + "are refused; write a plain value without a tag";
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
        if (problem.contains("found undefined alias")) {
            return "an alias (*name) refers to an anchor (&name) that is not defined before it";
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

    /** SnakeYAML counts an alias after taking its event, but checks nesting before taking the next one. */
    private static Mark limitMark(YAMLException e, NodeBudget parser) {
        return isAliasLimit(e) && parser.lastMark() != null ? parser.lastMark() : nextMark(parser);
    }

    private static boolean isAliasLimit(YAMLException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Number of aliases");
    }

    private static String limitMessage(YAMLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (isAliasLimit(e)) {
            return "more than " + MAX_ALIASES_FOR_COLLECTIONS + " aliases (*name) refer to lists or mappings; "
                    + "this looks like an alias bomb (\"billion laughs\"), so the file is refused; write the values out";
        }
        if (message.startsWith("Nesting Depth")) {
            return "lists and mappings are nested more than " + MAX_NESTING_DEPTH + " levels deep; "
                    + "the config needs no more than five";
        }
        if (message.contains("exceeds the limit")) {
            return "the document is larger than the 1 MiB (" + ConfigLoader.MAX_FILE_BYTES + " characters) limit";
        }
        if (message.startsWith("Recursive key")) {
            return "a mapping key refers to the mapping that contains it (a recursive alias); write the key out";
        }
        return "YAML error: " + NodeText.clip(message);
    }

    private static Mark nextMark(Parser parser) {
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

    /** No global tag names a class we would build: the tree is only read, never turned into objects. */
    private static final class RefuseAllTags implements TagInspector {
        @Override
        public boolean isGlobalTagAllowed(Tag tag) {
            return false;
        }
    }
}
