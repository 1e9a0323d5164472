package com.example.corpus.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/** The named calls a {@link CaseSuite} registers, each with the value it must return when nothing fails. */
public final class Cases {
    /** One call of a corpus method and the value it returns when no attempt fails. */
    public static final class Case {
        private final String name;
        private final Object expected;
        private final Callable<?> call;

        Case(String name, Object expected, Callable<?> call) {
            this.name = name;
            this.expected = expected;
            this.call = call;
        }

        public String name() {
            return name;
        }

        public Object expected() {
            return expected;
        }

        public Object call() throws Exception {
            return call.call();
        }
    }

    private final List<Case> cases = new ArrayList<>();

    /**
     * Adds a case. {@code name} has no spaces; {@code expected} is compared with what {@code call}
     * returns, boxed type included, arrays by content.
     */
    public void add(String name, Object expected, Callable<?> call) {
        if (name.isEmpty() || name.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("case names have no spaces: '" + name + "'");
        }
        for (Case existing : cases) {
            if (existing.name.equals(name)) {
                throw new IllegalArgumentException("duplicate case " + name);
            }
        }
        cases.add(new Case(name, expected, call));
    }

    public List<Case> all() {
        return Collections.unmodifiableList(cases);
    }
}
