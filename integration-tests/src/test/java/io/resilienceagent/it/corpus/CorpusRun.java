package io.resilienceagent.it.corpus;

import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildResult;
import java.util.List;

/**
 * What one run of {@code CorpusRunner} printed: a {@link CallResult} per case and failure plan
 * ({@code op} is {@code <suite label>.<case>}, {@code mode} the plan, {@code expected} the value the case
 * returns when nothing fails), and the agent's list of transformed methods.
 */
public record CorpusRun(ChildResult child) {

    /** The results of every case under one plan ({@code clean}, {@code flaky}, {@code down}, {@code broken}). */
    public List<CallResult> results(String mode) {
        return child.calls().stream().filter(r -> mode.equals(r.get("mode"))).toList();
    }

    /** The result of case {@code op} under plan {@code mode}. */
    public CallResult result(String op, String mode) {
        return results(mode).stream().filter(r -> op.equals(r.op())).findFirst()
                .orElseThrow(() -> new AssertionError("no RESULT line for " + op + " (" + mode + ")\n" + describe()));
    }

    /** The case names ({@code op}) that ran, in order, once each. */
    public List<String> ops() {
        return child.calls().stream().map(CallResult::op).distinct().toList();
    }

    /** The {@code InstrumentedMethods} of the agent's MXBean, as the runner read them at the end. */
    public List<String> instrumented() {
        return child.stdoutLines().stream().filter(l -> l.startsWith("INSTRUMENTED "))
                .map(l -> l.substring("INSTRUMENTED ".length())).toList();
    }

    public String describe() {
        return child.describe();
    }
}
