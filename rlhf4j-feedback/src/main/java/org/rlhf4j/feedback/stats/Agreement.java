package org.rlhf4j.feedback.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inter-annotator agreement statistics: pure functions over plain tables, no state.
 *
 * <p>Chance-corrected coefficients share one shape, {@code (p_o - p_e) / (1 - p_e)} or
 * {@code 1 - D_o / D_e}. When chance agreement is already perfect (every judgement in one
 * category, {@code p_e = 1} or {@code D_e = 0}) the coefficient is 0/0 and these functions return
 * {@link Double#NaN}, not an exception: the data are valid, the statistic is undefined. Input that
 * cannot be data (no items, fewer than two raters, ragged tables, negative counts) throws
 * {@link IllegalArgumentException}.
 */
public final class Agreement {
    private Agreement() {
    }

    /** The level of measurement for Krippendorff's alpha: it picks the difference function delta^2. */
    public enum Metric {
        /** delta^2(c, k) = 0 if c == k else 1. */
        NOMINAL,
        /** delta^2(c, k) = (sum of n_g for g from c to k - (n_c + n_k) / 2)^2, with n_g the pairable values equal to g. */
        ORDINAL,
        /** delta^2(c, k) = (c - k)^2. */
        INTERVAL
    }

    // ---- Cohen's kappa -------------------------------------------------------------------------

    /**
     * Cohen's kappa (Cohen 1960) for two raters from their k x k agreement table: {@code table[i][j]}
     * counts items rater 1 put in category i and rater 2 in category j.
     * {@code p_o = sum_i t_ii / N}, {@code p_e = sum_i (row_i / N)(col_i / N)},
     * {@code kappa = (p_o - p_e) / (1 - p_e)}; NaN when {@code p_e = 1}.
     */
    public static double cohensKappa(long[][] table) {
        int k = requireSquare(table);
        long total = 0, diagonal = 0;
        long[] rows = new long[k], cols = new long[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                long t = table[i][j];
                if (t < 0) throw new IllegalArgumentException("agreement table counts must be >= 0, got " + t + " at [" + i + "][" + j + "]");
                total += t;
                rows[i] += t;
                cols[j] += t;
            }
            diagonal += table[i][i];
        }
        if (total == 0) throw new IllegalArgumentException("agreement table is empty: no item was rated by both raters");
        double observed = (double) diagonal / total;
        double expected = 0;
        for (int i = 0; i < k; i++) expected += ((double) rows[i] / total) * ((double) cols[i] / total);
        return chanceCorrected(observed, expected);
    }

    /**
     * The k x k agreement table of two raters' labels for the same items, labels in {@code 0..k-1}:
     * {@code rater1[i]} and {@code rater2[i]} are the two labels of item i.
     */
    public static long[][] agreementTable(int[] rater1, int[] rater2, int categories) {
        if (rater1.length != rater2.length) throw new IllegalArgumentException("both raters must label the same items: " + rater1.length + " vs " + rater2.length + " labels");
        if (categories < 1) throw new IllegalArgumentException("categories must be >= 1, got " + categories);
        long[][] table = new long[categories][categories];
        for (int i = 0; i < rater1.length; i++) {
            table[requireLabel(rater1[i], categories)][requireLabel(rater2[i], categories)]++;
        }
        return table;
    }

    // ---- Fleiss' kappa -------------------------------------------------------------------------

    /**
     * Fleiss' kappa (Fleiss 1971) for N items each rated by the same number n >= 2 of raters into k
     * categories: {@code counts[i][j]} raters put item i in category j, every row sums to n.
     * {@code P_i = (sum_j n_ij^2 - n) / (n(n - 1))}, {@code P = mean P_i},
     * {@code p_j = sum_i n_ij / (N n)}, {@code P_e = sum_j p_j^2}, {@code kappa = (P - P_e) / (1 - P_e)};
     * NaN when {@code P_e = 1}.
     */
    public static double fleissKappa(long[][] counts) {
        if (counts == null || counts.length == 0) throw new IllegalArgumentException("Fleiss' kappa needs at least one item");
        int k = counts[0].length;
        if (k == 0) throw new IllegalArgumentException("Fleiss' kappa needs at least one category");
        long raters = rowSum(counts[0]);
        if (raters < 2) throw new IllegalArgumentException("Fleiss' kappa needs at least 2 raters per item, item 0 has " + raters);
        double[] categoryTotals = new double[k];
        double agreementSum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != k) throw new IllegalArgumentException("item " + i + " has " + counts[i].length + " category counts, expected " + k);
            long n = rowSum(counts[i]);
            if (n != raters) throw new IllegalArgumentException("every item needs the same number of raters: item 0 has " + raters + ", item " + i + " has " + n);
            double squares = 0;
            for (int j = 0; j < k; j++) {
                squares += (double) counts[i][j] * counts[i][j];
                categoryTotals[j] += counts[i][j];
            }
            agreementSum += (squares - raters) / ((double) raters * (raters - 1));
        }
        double observed = agreementSum / counts.length;
        double expected = 0;
        for (double total : categoryTotals) expected += Math.pow(total / ((double) counts.length * raters), 2);
        return chanceCorrected(observed, expected);
    }

    // ---- Krippendorff's alpha ------------------------------------------------------------------

    /**
     * Krippendorff's alpha from a reliability data matrix {@code data[coder][unit]}, {@link Double#NaN}
     * marking a missing value. See {@link #krippendorffAlphaByUnit} for the formula.
     */
    public static double krippendorffAlpha(double[][] data, Metric metric) {
        if (data == null || data.length < 2) throw new IllegalArgumentException("Krippendorff's alpha needs at least 2 coders, got " + (data == null ? 0 : data.length));
        int units = data[0].length;
        List<double[]> byUnit = new ArrayList<>(units);
        for (int u = 0; u < units; u++) {
            double[] values = new double[data.length];
            int m = 0;
            for (int c = 0; c < data.length; c++) {
                if (data[c].length != units) throw new IllegalArgumentException("coder " + c + " has " + data[c].length + " units, expected " + units);
                if (!Double.isNaN(data[c][u])) values[m++] = data[c][u];
            }
            byUnit.add(Arrays.copyOf(values, m));
        }
        return krippendorffAlphaByUnit(byUnit, metric);
    }

    /**
     * Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") from
     * the values each unit received, missing values left out. Units with fewer than 2 values are
     * not pairable and are skipped. With the coincidence matrix
     * {@code o_ck = sum_u (pairs (c, k) in u) / (m_u - 1)}, {@code n_c = sum_k o_ck},
     * {@code n = sum_c n_c}: {@code alpha = 1 - (n - 1) sum o_ck delta^2_ck / sum n_c n_k delta^2_ck};
     * NaN when the expected disagreement is 0 (every pairable value equal).
     */
    public static double krippendorffAlphaByUnit(List<double[]> units, Metric metric) {
        if (metric == null) throw new IllegalArgumentException("metric must be set");
        double[] values = distinctPairableValues(units);
        if (values.length == 0) throw new IllegalArgumentException("Krippendorff's alpha needs at least one unit with 2 or more values");
        double[][] coincidences = coincidences(units, values);
        double[] marginals = new double[values.length];
        double n = 0;
        for (int c = 0; c < values.length; c++) {
            for (int k = 0; k < values.length; k++) marginals[c] += coincidences[c][k];
            n += marginals[c];
        }
        double[][] delta = squaredDifferences(values, marginals, metric);
        double observed = 0, expected = 0;
        for (int c = 0; c < values.length; c++) {
            for (int k = 0; k < values.length; k++) {
                observed += coincidences[c][k] * delta[c][k];
                expected += marginals[c] * marginals[k] * delta[c][k];
            }
        }
        if (expected == 0) return Double.NaN;
        return 1 - (n - 1) * observed / expected;
    }

    private static double[] distinctPairableValues(List<double[]> units) {
        if (units == null) throw new IllegalArgumentException("units must be set");
        return units.stream().filter(u -> u.length >= 2).flatMapToDouble(Arrays::stream)
                .peek(v -> {
                    if (!Double.isFinite(v)) throw new IllegalArgumentException("values must be finite (leave missing values out), got " + v);
                })
                .distinct().sorted().toArray();
    }

    /** o_ck over the sorted distinct values: each ordered pair of values within a unit adds 1 / (m_u - 1). */
    private static double[][] coincidences(List<double[]> units, double[] values) {
        double[][] o = new double[values.length][values.length];
        for (double[] unit : units) {
            int m = unit.length;
            if (m < 2) continue;
            int[] index = new int[m];
            for (int i = 0; i < m; i++) index[i] = Arrays.binarySearch(values, unit[i]);
            double weight = 1.0 / (m - 1);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) if (i != j) o[index[i]][index[j]] += weight;
            }
        }
        return o;
    }

    private static double[][] squaredDifferences(double[] values, double[] marginals, Metric metric) {
        int v = values.length;
        double[] cumulative = new double[v + 1]; // cumulative[i] = n_0 + ... + n_(i-1)
        for (int i = 0; i < v; i++) cumulative[i + 1] = cumulative[i] + marginals[i];
        double[][] d = new double[v][v];
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                d[c][k] = switch (metric) {
                    case NOMINAL -> c == k ? 0 : 1;
                    case ORDINAL -> {
                        int lo = Math.min(c, k), hi = Math.max(c, k);
                        double span = cumulative[hi + 1] - cumulative[lo] - (marginals[c] + marginals[k]) / 2;
                        yield span * span;
                    }
                    case INTERVAL -> (values[c] - values[k]) * (values[c] - values[k]);
                };
            }
        }
        return d;
    }

    // ---- Kendall's tau -------------------------------------------------------------------------

    /**
     * Kendall's tau-b between two paired score lists (ranks or any ordered values; ties allowed):
     * {@code tau_b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2))} with n_c / n_d the concordant /
     * discordant pairs, {@code n_0 = n(n - 1) / 2}, n_1 / n_2 the pairs tied in x / in y. NaN when
     * either list is constant. O(n^2): meant for rankings of a few responses.
     */
    public static double kendallTauB(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("Kendall's tau needs paired lists of equal length: " + x.length + " vs " + y.length);
        if (x.length < 2) throw new IllegalArgumentException("Kendall's tau needs at least 2 items, got " + x.length);
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                int sx = Double.compare(x[i], x[j]), sy = Double.compare(y[i], y[j]);
                if (sx == 0) tiedX++;
                if (sy == 0) tiedY++;
                if (sx != 0 && sy != 0) {
                    if ((sx > 0) == (sy > 0)) concordant++;
                    else discordant++;
                }
            }
        }
        long pairs = (long) x.length * (x.length - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    /**
     * The mean tau-b over all pairs of annotators who ranked the same responses:
     * {@code rankings[a][i]} is annotator a's rank of response i. Pairs whose tau is undefined
     * (a constant ranking) are left out; NaN when every pair is.
     */
    public static double meanPairwiseTau(double[][] rankings) {
        if (rankings == null || rankings.length < 2) throw new IllegalArgumentException("mean pairwise tau needs at least 2 rankings, got " + (rankings == null ? 0 : rankings.length));
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < rankings.length; a++) {
            for (int b = a + 1; b < rankings.length; b++) {
                double tau = kendallTauB(rankings[a], rankings[b]);
                if (!Double.isNaN(tau)) {
                    sum += tau;
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    // ---- shared --------------------------------------------------------------------------------

    /** (p_o - p_e) / (1 - p_e), NaN when chance agreement is perfect. */
    private static double chanceCorrected(double observed, double expected) {
        if (Math.abs(1 - expected) < 1e-12) return Double.NaN;
        return (observed - expected) / (1 - expected);
    }

    private static int requireSquare(long[][] table) {
        if (table == null || table.length == 0) throw new IllegalArgumentException("agreement table must have at least one category");
        for (long[] row : table) {
            if (row.length != table.length) throw new IllegalArgumentException("agreement table must be square (k x k), got a row of " + row.length + " in a table of " + table.length);
        }
        return table.length;
    }

    private static long rowSum(long[] row) {
        long s = 0;
        for (long v : row) {
            if (v < 0) throw new IllegalArgumentException("category counts must be >= 0, got " + v);
            s += v;
        }
        return s;
    }

    private static int requireLabel(int label, int categories) {
        if (label < 0 || label >= categories) throw new IllegalArgumentException("label must be in 0.." + (categories - 1) + ", got " + label);
        return label;
    }
}
