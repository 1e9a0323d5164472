package io.resilienceagent.bench;

import java.util.List;
import java.util.Locale;

/**
 * Median, minimum and maximum of a set of runs, in milliseconds (the samples sorted). Start-up figures
 * are reported this way because a shared machine adds outliers that a mean would smear over every run.
 */
record Stats(double median, double min, double max, double[] samples) {
    static Stats of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], sorted);
    }

    /** {@code {"median": .., "min": .., "max": .., "samples": [..]}}, one decimal. */
    String json() {
        StringBuilder list = new StringBuilder();
        for (double v : samples) {
            list.append(list.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
        }
        return String.format(Locale.ROOT, "{\"median\": %.1f, \"min\": %.1f, \"max\": %.1f, \"samples\": [%s]}",
                median, min, max, list);
    }
}
