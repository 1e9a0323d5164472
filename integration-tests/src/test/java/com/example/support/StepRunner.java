package com.example.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a test application's steps and prints one {@code RESULT} line per call, in the format the
 * end-to-end tests parse ({@code io.resilienceagent.it.harness.CallResult}):
 *
 * <pre>
 * RESULT call=1 op=get outcome=OK attempts=2 elapsedMs=63 value=200
 * RESULT call=2 op=get outcome=THROWN attempts=3 elapsedMs=180 class=java.net.ConnectException causes=- message=...
 * </pre>
 *
 * Each step is {@code OP ARG...}; {@code sleep MS} sleeps and is not a call. {@code attempts} is how much
 * {@link #BODY} grew during the call: the application's protected bodies count their runs there.
 */
public final class StepRunner {
    /** Runs of protected method bodies, bumped by the application's own code. */
    public static final AtomicInteger BODY = new AtomicInteger();

    /** One call: what it returns is shown as {@code value=}; extra fields may be added to {@code extra}. */
    @FunctionalInterface
    public interface Operation {
        Object run(String op, String[] args, Map<String, String> extra) throws Throwable;
    }

    private StepRunner() {
    }

    /** Runs {@code steps} in order with {@code operation}. */
    public static void run(String[] steps, Operation operation) throws InterruptedException {
        System.out.println("MAIN STARTED");
        int call = 0;
        for (String step : steps) {
            String[] words = step.split(" ");
            if (words[0].equals("sleep")) {
                Thread.sleep(Long.parseLong(words[1]));
                continue;
            }
            call++;
            String[] args = new String[words.length - 1];
            System.arraycopy(words, 1, args, 0, args.length);
            runOne(call, words[0], args, operation);
        }
        System.out.println("MAIN DONE");
        System.out.flush();
    }

    private static void runOne(int call, String op, String[] args, Operation operation) {
        Map<String, String> extra = new LinkedHashMap<>();
        BODY.set(0);
        long start = System.nanoTime();
        Object value = null;
        Throwable thrown = null;
        try {
            value = operation.run(op, args, extra);
        } catch (Throwable t) {
            thrown = t;
        }
        StringBuilder line = new StringBuilder("RESULT call=").append(call).append(" op=").append(op)
                .append(" outcome=").append(thrown == null ? "OK" : "THROWN")
                .append(" attempts=").append(BODY.get())
                .append(" elapsedMs=").append((System.nanoTime() - start) / 1_000_000);
        extra.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        if (thrown == null) {
            line.append(" value=").append(oneLine(String.valueOf(value)).replace(' ', '_'));
        } else {
            line.append(" class=").append(thrown.getClass().getName())
                    .append(" causes=").append(causes(thrown))
                    .append(" message=").append(oneLine(String.valueOf(thrown.getMessage())));
        }
        System.out.println(line);
        System.out.flush();
    }

    /** The causes of {@code t}, outermost first, as {@code Class(message)} joined by {@code >}; {@code -} for none. */
    public static String causes(Throwable t) {
        List<String> names = new ArrayList<>();
        for (Throwable c = t.getCause(); c != null && names.size() < 10; c = c.getCause()) {
            names.add(c.getClass().getName() + "(" + oneLine(String.valueOf(c.getMessage())).replace(' ', '_') + ")");
        }
        return names.isEmpty() ? "-" : String.join(">", names);
    }

    /** {@code s} with its line breaks escaped, so that a result stays on one output line. */
    public static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
