package io.resilienceagent.it.harness;

import java.util.List;

/** What a finished child JVM left behind. */
public record ChildResult(List<String> command, int exitCode, String stdout, String stderr, long elapsedMs) {

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    public List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /** The application's {@code RESULT} lines, in order. */
    public List<CallResult> calls() {
        return stdout.lines().filter(l -> l.startsWith("RESULT ")).map(CallResult::parse).toList();
    }

    /** The {@code RESULT} line of call {@code n} (1-based). */
    public CallResult call(int n) {
        return calls().stream().filter(c -> c.call() == n).findFirst()
                .orElseThrow(() -> new AssertionError("no RESULT line for call " + n + "\n" + describe()));
    }

    /** The agent's log lines: stderr lines that start with one of its levels. */
    public List<String> agentLog() {
        return stderr.lines().filter(l -> l.matches("^(DEBUG|INFO |WARN |ERROR) .*")).toList();
    }

    /** Log lines containing {@code fragment}. */
    public List<String> logLinesContaining(String fragment) {
        return stderr.lines().filter(l -> l.contains(fragment)).toList();
    }

    /** Everything about the run, for assertion messages. */
    public String describe() {
        return "child JVM: " + String.join(" ", command) + "\nexit code: " + exitCode + " after " + elapsedMs + " ms"
                + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr + "--- end ---";
    }

    @Override
    public String toString() {
        return describe();
    }
}
