package io.resilienceagent.config;

import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/**
 * The config document as a graph of nodes, as {@link YamlComposer} builds it from SnakeYAML's parser
 * events: scalars with their resolved {@link YamlTag}, mappings with their entries in file order, lists,
 * and where each node starts. An alias is the very node its anchor names, so nodes may be shared and,
 * through an alias inside its own anchor, even contain themselves; the collections therefore compare
 * by identity and print only their position. Nothing here is ever turned into an arbitrary Java object.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
    /** The explicit tag, or the one resolved from a plain scalar's text ({@code 3} is an int). */
    YamlTag tag();

    /** Where the node starts (line and column count from 0, as SnakeYAML's marks do). */
    Mark start();

    /** A scalar: its text as written (without quotes), and its tag. */
    record Scalar(YamlTag tag, String value, Mark start) implements YamlNode {
    }

    /** A mapping; keys are nodes too, and may repeat (the config's checks report duplicates). */
    record Mapping(YamlTag tag, List<Entry> entries, Mark start) implements YamlNode {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "mapping at line " + (start.getLine() + 1);
        }
    }

    /** A list. */
    record Sequence(YamlTag tag, List<YamlNode> items, Mark start) implements YamlNode {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "list at line " + (start.getLine() + 1);
        }
    }

    /** One key and its value. */
    record Entry(YamlNode key, YamlNode value) {
    }
}
