package com.example.corpus.runner;

import com.example.corpus.support.CaseSuite;
import com.example.corpus.support.Cases;
import com.example.corpus.support.Flaky;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The application of {@code BytecodeCorpusTest}: runs every case of the corpus suites it is given, once
 * per failure plan, and prints what the caller saw. Needs no agent, and contains no resilience code.
 *
 * <pre>
 * java [-javaagent:...] -cp ... com.example.corpus.runner.CorpusRunner modes=clean,flaky,down,broken
 *      [instrumented] suite=LABEL|CLASSPATH|SUITE[,SUITE...] ...
 * </pre>
 *
 * One line per case and plan:
 *
 * <pre>
 * RESULT call=7 op=kotlin.returns.int mode=flaky outcome=OK attempts=3 sites=kotlin.int*3 expected=Integer:42 value=Integer:42
 * RESULT call=8 op=kotlin.returns.int mode=down outcome=THROWN attempts=3 sites=kotlin.int*3 expected=Integer:42 class=java.net.SocketTimeoutException message=...
 * </pre>
 *
 * {@code attempts} is how often corpus bodies ran (see {@link Flaky}); {@code expected} is the value the
 * case returns when nothing fails. An unexpected throwable (a {@link VerifyError}, say) also goes to
 * stderr with its stack trace. With {@code instrumented}, the agent's list of transformed methods follows
 * as {@code INSTRUMENTED <method>} lines. The last line is {@code DONE}.
 */
public final class CorpusRunner {
    private CorpusRunner() {
    }

    public static void main(String[] args) throws Exception {
        List<Flaky.Plan> plans = new ArrayList<>();
        List<SuiteSpec> specs = new ArrayList<>();
        boolean instrumented = false;
        for (String arg : args) {
            if (arg.startsWith("modes=")) {
                for (String mode : arg.substring("modes=".length()).split(",")) {
                    plans.add(Flaky.Plan.valueOf(mode.toUpperCase(Locale.ROOT)));
                }
            } else if (arg.startsWith("suite=")) {
                specs.add(SuiteSpec.parse(arg.substring("suite=".length())));
            } else if (arg.equals("instrumented")) {
                instrumented = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        int call = 0;
        for (SuiteSpec spec : specs) {
            Cases cases = new Cases();
            try {
                for (CaseSuite suite : spec.load()) {
                    suite.register(cases);
                }
            } catch (Throwable t) {
                System.out.println("SUITE_ERROR " + spec.label + " " + t);
                t.printStackTrace();
                continue;
            }
            for (Cases.Case c : cases.all()) {
                for (Flaky.Plan plan : plans) {
                    System.out.println(run(++call, spec.label + "." + c.name(), c, plan));
                }
            }
        }
        if (instrumented) {
            for (String method : InstrumentedMethods.read()) {
                System.out.println("INSTRUMENTED " + method);
            }
        }
        System.out.println("DONE");
    }

    private static String run(int call, String op, Cases.Case c, Flaky.Plan plan) {
        Flaky.reset(plan);
        Object value = null;
        Throwable thrown = null;
        try {
            value = c.call();
        } catch (Throwable t) {
            thrown = t;
        }
        StringBuilder line = new StringBuilder("RESULT call=").append(call).append(" op=").append(op)
                .append(" mode=").append(plan.name().toLowerCase(Locale.ROOT))
                .append(" outcome=").append(thrown == null ? "OK" : "THROWN")
                .append(" attempts=").append(Flaky.runs())
                .append(" sites=").append(Flaky.sites())
                .append(" expected=").append(ValueText.of(c.expected()));
        if (thrown == null) {
            line.append(" value=").append(ValueText.of(value));
        } else {
            line.append(" class=").append(thrown.getClass().getName())
                    .append(" message=").append(firstLine(thrown.getMessage()));
            if (!isPlanned(thrown)) {
                System.err.println("CASE " + op + " (" + plan + ") threw:");
                thrown.printStackTrace();
            }
        }
        return line.toString();
    }

    /** The first line of a message, at most 200 characters: a VerifyError's details go to stderr instead. */
    private static String firstLine(String message) {
        String line = String.valueOf(message).lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /** The failures {@link Flaky} throws on purpose; anything else is worth a stack trace. */
    private static boolean isPlanned(Throwable t) {
        return (t instanceof java.net.SocketTimeoutException || t instanceof IllegalStateException)
                && String.valueOf(t.getMessage()).startsWith("planned ");
    }
}
