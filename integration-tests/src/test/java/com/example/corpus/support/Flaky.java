package com.example.corpus.support;

import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The failure every corpus method begins with: {@link #step} counts one run of a method body and then
 * fails or passes as the current {@link Plan} says. The runner picks the plan before each call and reads
 * the count afterwards, which is how a test sees how often the agent ran a body.
 *
 * <p>Shared by every language of the corpus (it is on each compiler's class path), so it is plain Java
 * and throws checked exceptions without declaring them: Kotlin, Scala and Groovy callers would not care,
 * and Java callers need no {@code throws} clause that would change the shape of their bytecode.
 */
public final class Flaky {
    /** What {@link #step} does on a given run. */
    public enum Plan {
        /** Never fails. */
        CLEAN,
        /** A transient failure ({@link SocketTimeoutException}) on the first two runs, then passes. */
        FLAKY,
        /** A transient failure on every run. */
        DOWN,
        /** A non-transient failure ({@link IllegalStateException}) on every run. */
        BROKEN
    }

    /** Transient failures before {@link Plan#FLAKY} lets a call through. */
    public static final int FLAKY_FAILURES = 2;

    private static final Map<String, Integer> RUNS = new TreeMap<>();
    private static Plan plan = Plan.CLEAN;

    private Flaky() {
    }

    /** Starts a new call: forgets all runs and fails from now on as {@code next} says. */
    public static synchronized void reset(Plan next) {
        RUNS.clear();
        plan = next;
    }

    /** One run of the body that calls it, under the name {@code site}; fails as the plan says. */
    public static void step(String site) {
        int run;
        Plan now;
        synchronized (Flaky.class) {
            run = RUNS.merge(site, 1, Integer::sum);
            now = plan;
        }
        switch (now) {
            case FLAKY:
                if (run <= FLAKY_FAILURES) {
                    throw Flaky.<RuntimeException>sneaky(new SocketTimeoutException("planned timeout " + run + " in " + site));
                }
                break;
            case DOWN:
                throw Flaky.<RuntimeException>sneaky(new SocketTimeoutException("planned timeout " + run + " in " + site));
            case BROKEN:
                throw new IllegalStateException("planned non-transient failure in " + site);
            default:
                break;
        }
    }

    /** Runs of all bodies since the last {@link #reset}. */
    public static synchronized int runs() {
        int total = 0;
        for (int runs : RUNS.values()) {
            total += runs;
        }
        return total;
    }

    /** The sites that ran since the last {@link #reset}, with their runs: {@code site*3,other*1}. */
    public static synchronized String sites() {
        StringBuilder text = new StringBuilder();
        RUNS.forEach((site, runs) -> text.append(text.length() == 0 ? "" : ",").append(site).append('*').append(runs));
        return text.length() == 0 ? "-" : text.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
