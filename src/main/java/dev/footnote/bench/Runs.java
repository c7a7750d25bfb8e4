package dev.footnote.bench;

import java.util.List;

/**
 * One figure measured in several runs. It is reported as the median, since a single run on a shared machine is
 * noisy, with the runs beside it so the spread shows.
 */
public record Runs(List<Double> values) {

    public Runs {
        values = List.copyOf(values);
    }

    public double median() {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The runs to one decimal, as {@code [59.2, 61.0]}. */
    public String format() {
        return values.stream().map(v -> String.format("%.1f", v)).toList().toString();
    }
}
