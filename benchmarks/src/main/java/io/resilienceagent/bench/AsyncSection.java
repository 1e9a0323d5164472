package io.resilienceagent.bench;

import java.util.List;
import java.util.Locale;

/**
 * The async part of {@code summary.md}: for a future already complete when the method returns
 * ({@code AsyncDone}) and one completed right after it ({@code AsyncPending}), with 1 and 2 threads, the
 * time and allocation of the direct call, the agent, resilience4j and Failsafe, and a verdict per table on
 * the target: the agent's overhead at most 1/{@value #MIN_ADVANTAGE} of each library's.
 */
final class AsyncSection {
    static final double MIN_ADVANTAGE = 5;
    private static final List<String> NAMES = List.of("baseline", "agent", "publicApiFloor", "resilience4j", "failsafe");

    /** A benchmark's row, if it ran. */
    @FunctionalInterface
    interface Rows {
        Report.Row row(String group, String name, int threads);
    }

    private final Rows rows;
    private final List<String> verdicts;
    private final StringBuilder out = new StringBuilder();

    private AsyncSection(Rows rows, List<String> verdicts) {
        this.rows = rows;
        this.verdicts = verdicts;
    }

    /** The section's Markdown (empty when no async benchmark ran); its verdicts are added to {@code verdicts}. */
    static String render(Rows rows, List<String> verdicts) {
        AsyncSection section = new AsyncSection(rows, verdicts);
        for (int threads : new int[] {1, 2}) {
            section.table("AsyncDone", "a future already complete when the method returns", threads);
            section.table("AsyncPending", "a future completed right after the method returns (the agent's slow path)",
                    threads);
        }
        return section.out.toString();
    }

    private void table(String group, String what, int threads) {
        Report.Row base = rows.row(group, "baseline", threads);
        Report.Row ours = rows.row(group, "agent", threads);
        if (base == null && ours == null) {
            return;
        }
        line("## Async success path, CLOSED breaker: " + what + ", " + threads
                + (threads == 1 ? " thread" : " threads sharing one breaker"));
        line("");
        line("| benchmark | ns/op | ± (99.9 %) | B/op | overhead vs direct (ns) | agent's overhead ÷ this one's |");
        line("|---|---:|---:|---:|---:|---:|");
        for (String name : NAMES) {
            Report.Row r = rows.row(group, name, threads);
            if (r != null) {
                String overhead = base == null ? "" : Report.fmt(r.ns() - base.ns());
                String share = base == null || ours == null || name.equals("baseline") || name.equals("agent") ? ""
                        : String.format(Locale.ROOT, "%.3f", (ours.ns() - base.ns()) / (r.ns() - base.ns()));
                line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", name, Report.fmt(r.ns()),
                        Report.fmt(r.error()), Report.fmtBytes(r.bytes()), overhead, share));
            }
        }
        line("");
        verdict(group, threads, base, ours);
    }

    private void verdict(String group, int threads, Report.Row base, Report.Row ours) {
        Report.Row r4j = rows.row(group, "resilience4j", threads);
        Report.Row failsafe = rows.row(group, "failsafe", threads);
        if (base == null || ours == null || r4j == null || failsafe == null) {
            return;
        }
        double oursOverhead = ours.ns() - base.ns();
        double r4jOverhead = r4j.ns() - base.ns();
        double failsafeOverhead = failsafe.ns() - base.ns();
        double bound = Math.min(r4jOverhead, failsafeOverhead) / MIN_ADVANTAGE;
        String text = String.format(Locale.ROOT, "%s, %d thread%s: agent overhead %.2f ns and %s B/op; resilience4j %.2f ns "
                + "(%s), Failsafe %.2f ns (%s); target: below both by at least %.0fx (<= %.2f ns)", group, threads,
                threads == 1 ? "" : "s", oursOverhead, Report.fmtBytes(ours.bytes()), r4jOverhead,
                times(r4jOverhead, oursOverhead), failsafeOverhead, times(failsafeOverhead, oursOverhead), MIN_ADVANTAGE, bound);
        line(text + ".");
        line("");
        verdicts.add(text + ": **" + (oursOverhead <= bound ? "met" : String.format(Locale.ROOT, "missed by %.2f ns",
                oursOverhead - bound)) + "**");
    }

    /** How many times the agent's overhead {@code theirs} is ("agent within noise" when the agent's is not positive). */
    private static String times(double theirs, double ours) {
        return ours <= 0 ? "agent's overhead within noise" : String.format(Locale.ROOT, "%.1fx the agent's", theirs / ours);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
