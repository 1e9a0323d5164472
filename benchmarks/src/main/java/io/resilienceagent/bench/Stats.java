package io.resilienceagent.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Median, minimum and maximum of a set of runs, in milliseconds (the samples sorted). Start-up figures
 * are reported this way because a shared machine adds outliers that a mean would smear over every run.
 */
record Stats(double median, double min, double max, double[] samples) {
    static Stats of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(medianOfSorted(sorted), sorted[0], sorted[sorted.length - 1], sorted);
    }

    /** The median of as many runs as these, drawn from them with replacement: one bootstrap resample. */
    double resampledMedian(SplittableRandom random) {
        double[] drawn = new double[samples.length];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = samples[random.nextInt(samples.length)];
        }
        Arrays.sort(drawn);
        return medianOfSorted(drawn);
    }

    private static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
