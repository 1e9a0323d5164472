package io.resilienceagent.it.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code SoakApp} printed when stopped, parsed: one {@link ThreadReport} per thread and the totals
 * ({@code TOTAL calls=.. runs=.. failedRuns=..}).
 */
record SoakReport(List<ThreadReport> threads, long calls, long runs, long failedRuns) {
    private static final Pattern TOTAL = Pattern.compile("TOTAL calls=(\\d+) runs=(\\d+) failedRuns=(\\d+)");

    /**
     * One thread's {@code THREAD name=.. calls=.. runs=.. failedRuns=.. anomalies=.. down=2x120,3x98}:
     * {@code down} lists the attempts of its {@code down} calls in order, as runs of equal values.
     */
    record ThreadReport(String name, long anomalies, String down) {
        private static final Pattern LINE = Pattern.compile(
                "THREAD name=(\\S+) calls=\\d+ runs=\\d+ failedRuns=\\d+ anomalies=(\\d+) down=(\\S+)");

        static ThreadReport parse(String line) {
            Matcher m = matching(LINE, line);
            return new ThreadReport(m.group(1), Long.parseLong(m.group(2)), m.group(3));
        }

        /** The distinct attempt counts of the down calls, in the order they came: {@code [2, 3]} for {@code 2x120,3x98}. */
        List<Integer> downAttempts() {
            List<Integer> values = new ArrayList<>();
            if (!down.equals("-")) {
                for (String run : down.split(",")) {
                    values.add(Integer.parseInt(run.substring(0, run.indexOf('x'))));
                }
            }
            return values;
        }
    }

    static SoakReport parse(List<String> threadLines, String totalLine) {
        Matcher total = matching(TOTAL, totalLine);
        return new SoakReport(threadLines.stream().map(ThreadReport::parse).toList(), Long.parseLong(total.group(1)),
                Long.parseLong(total.group(2)), Long.parseLong(total.group(3)));
    }

    private static Matcher matching(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        assertThat(matcher.matches()).as("'%s' matches %s", line, pattern).isTrue();
        return matcher;
    }
}
