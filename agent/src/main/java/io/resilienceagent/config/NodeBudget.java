package io.resilienceagent.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A parser that stops after a fixed number of YAML nodes, so a file of the maximum size made of
 * tiny values cannot make the node tree take more than a few megabytes.
 */
final class NodeBudget implements Parser {
    private final Parser delegate;
    private final int limit;
    private int nodes;

    /** Thrown when the budget is spent; carries where. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Mark mark;

        Exceeded(Mark mark) {
            super(null, null, false, false);
            this.mark = mark;
        }

        Mark mark() {
            return mark;
        }
    }

    NodeBudget(Parser delegate, int limit) {
        this.delegate = delegate;
        this.limit = limit;
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
        if (event instanceof NodeEvent && ++nodes > limit) {
            throw new Exceeded(event.getStartMark());
        }
        return event;
    }
}
