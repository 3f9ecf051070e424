package org.rlhf4j.reward.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rlhf4j.core.report.RunReport;
import org.rlhf4j.core.report.Series;
import org.rlhf4j.core.report.SvgLineChart;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;
import org.rlhf4j.reward.Moments;
import org.rlhf4j.reward.RewardExamples;
import org.rlhf4j.reward.RewardScorer;

/**
 * Scores the responses of feedback records with a reward model and measures how well the
 * scores agree with the judgements. Pairs come from decisive comparisons, rankings (every two
 * different ranks) and corrected critiques; ties from tied comparisons and equal ranks; ratings
 * give the mean reward per star. Scores are the head means (raw: calibration reads raw gaps).
 */
public final class RewardEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int BINS = 10;

    /** Reward statistics of one group of responses (a source). */
    public record Distribution(String name, int responses, double mean, double std, double p10, double p50, double p90) {}

    /** How often the model agrees with one annotator's decisive judgements. */
    public record AnnotatorAgreement(String annotator, int pairs, double accuracy) {}

    /**
     * Everything measured. {@code accuracy} is over decisive pairs; {@code longerWinsBaseline} is
     * the accuracy of "the longer response wins" on the same pairs (equal lengths count half).
     */
    public record Result(int pairs, double accuracy, int ties, double tieMeanProbabilityGap, double pairMeanProbabilityGap, int bothBad,
                         double expectedCalibrationError, double lengthCorrelation, int shorterWonPairs, double accuracyWhereShorterWon,
                         int longerWonPairs, double accuracyWhereLongerWon, double longerWinsBaseline, List<Distribution> bySource,
                         List<AnnotatorAgreement> byAnnotator, Map<Integer, Double> meanRewardByStars, double meanHeadDisagreement,
                         PairMetrics.Reliability reliability, double[] responseChars, double[] responseRewards, String[] responseSources) {}

    private record Pair(int better, int worse, String annotator) {}

    private RewardEvaluation() {}

    public static Result evaluate(RewardScorer scorer, RewardExamples encoder, List<? extends Feedback> records) {
        Map<String, Integer> index = new HashMap<>();
        List<int[]> sequences = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Integer> chars = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>(), ties = new ArrayList<>();
        List<int[]> ratings = new ArrayList<>();  // {response index, stars}
        int bothBad = 0;
        for (Feedback f : records) {
            String source = f.attribution().source() == null ? "(no source)" : f.attribution().source();
            String annotator = f.attribution().annotator();
            if (f instanceof Comparison c) {
                if (c.choice() == Choice.BOTH_BAD) {
                    bothBad++;
                    continue;
                }
                int a = add(c.prompt(), c.responseA(), source, encoder, index, sequences, sources, chars);
                int b = add(c.prompt(), c.responseB(), source, encoder, index, sequences, sources, chars);
                if (c.choice() == Choice.TIE) ties.add(new Pair(a, b, annotator));
                else pairs.add(c.choice() == Choice.A ? new Pair(a, b, annotator) : new Pair(b, a, annotator));
            } else if (f instanceof Ranking r) {
                int[] idx = new int[r.responses().size()];
                for (int i = 0; i < idx.length; i++) idx[i] = add(r.prompt(), r.responses().get(i), source, encoder, index, sequences, sources, chars);
                for (int i = 0; i < idx.length; i++) {
                    for (int j = i + 1; j < idx.length; j++) {
                        int ri = r.ranks().get(i), rj = r.ranks().get(j);
                        if (ri == rj) ties.add(new Pair(idx[i], idx[j], annotator));
                        else pairs.add(ri < rj ? new Pair(idx[i], idx[j], annotator) : new Pair(idx[j], idx[i], annotator));
                    }
                }
            } else if (f instanceof Critique c && c.corrected()) {
                pairs.add(new Pair(add(c.prompt(), c.correctedResponse(), source, encoder, index, sequences, sources, chars),
                        add(c.prompt(), c.response(), source, encoder, index, sequences, sources, chars), annotator));
            } else if (f instanceof Rating r) {
                ratings.add(new int[] {add(r.prompt(), r.response(), source, encoder, index, sequences, sources, chars), r.stars()});
            }
        }
        float[][] raw = scorer.score(sequences);
        double[] reward = RewardScorer.headMeans(raw);
        return measure(reward, raw, sources, chars, pairs, ties, ratings, bothBad);
    }

    private static int add(Prompt prompt, String response, String source, RewardExamples encoder, Map<String, Integer> index, List<int[]> sequences,
                           List<String> sources, List<Integer> chars) {
        String key = prompt.messages().toString() + "\u0000" + response;
        Integer i = index.get(key);
        if (i != null) return i;
        sequences.add(encoder.encode(prompt, response));
        sources.add(source);
        chars.add(response.length());
        index.put(key, sequences.size() - 1);
        return sequences.size() - 1;
    }

    private static Result measure(double[] reward, float[][] raw, List<String> sources, List<Integer> chars, List<Pair> pairs, List<Pair> ties,
                                  List<int[]> ratings, int bothBad) {
        double[] chosen = new double[pairs.size()], rejected = new double[pairs.size()];
        List<Double> shorterC = new ArrayList<>(), shorterR = new ArrayList<>(), longerC = new ArrayList<>(), longerR = new ArrayList<>();
        double longerWins = 0, pairGap = 0;
        Map<String, double[]> byAnnotator = new TreeMap<>();  // {pairs, correct}
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            chosen[i] = reward[p.better()];
            rejected[i] = reward[p.worse()];
            int lc = chars.get(p.better()), lr = chars.get(p.worse());
            longerWins += lc > lr ? 1 : lc == lr ? 0.5 : 0;
            if (lc < lr) {
                shorterC.add(chosen[i]);
                shorterR.add(rejected[i]);
            } else if (lc > lr) {
                longerC.add(chosen[i]);
                longerR.add(rejected[i]);
            }
            pairGap += Math.abs(sigmoid(chosen[i] - rejected[i]) - 0.5);
            if (p.annotator() != null) {
                double[] a = byAnnotator.computeIfAbsent(p.annotator(), k -> new double[2]);
                a[0]++;
                a[1] += chosen[i] > rejected[i] ? 1 : chosen[i] == rejected[i] ? 0.5 : 0;
            }
        }
        double tieGap = 0;
        for (Pair t : ties) tieGap += Math.abs(sigmoid(reward[t.better()] - reward[t.worse()]) - 0.5);
        double[] p = PairMetrics.symmetrisedPredictions(chosen, rejected);
        boolean[] o = PairMetrics.symmetrisedOutcomes(chosen.length);
        List<AnnotatorAgreement> agreements = new ArrayList<>();
        byAnnotator.forEach((k, v) -> agreements.add(new AnnotatorAgreement(k, (int) v[0], v[1] / v[0])));
        Map<Integer, List<Double>> starsLists = new TreeMap<>();
        for (int[] r : ratings) starsLists.computeIfAbsent(r[1], k -> new ArrayList<>()).add(reward[r[0]]);
        Map<Integer, Double> byStars = new LinkedHashMap<>();
        starsLists.forEach((k, v) -> byStars.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        double[] lengths = chars.stream().mapToDouble(Integer::doubleValue).toArray();
        return new Result(pairs.size(), PairMetrics.accuracy(chosen, rejected), ties.size(), ties.isEmpty() ? Double.NaN : tieGap / ties.size(),
                pairs.isEmpty() ? Double.NaN : pairGap / pairs.size(), bothBad,
                chosen.length == 0 ? Double.NaN : PairMetrics.expectedCalibrationError(p, o, BINS), PairMetrics.pearson(reward, lengths),
                shorterC.size(), PairMetrics.accuracy(unbox(shorterC), unbox(shorterR)), longerC.size(), PairMetrics.accuracy(unbox(longerC), unbox(longerR)),
                pairs.isEmpty() ? Double.NaN : longerWins / pairs.size(), distributions(reward, sources), agreements, byStars,
                disagreement(raw), PairMetrics.reliability(p, o, BINS), lengths, reward, sources.toArray(new String[0]));
    }

    private static List<Distribution> distributions(double[] reward, List<String> sources) {
        Map<String, List<Double>> groups = new TreeMap<>();
        for (int i = 0; i < reward.length; i++) groups.computeIfAbsent(sources.get(i), k -> new ArrayList<>()).add(reward[i]);
        List<Distribution> out = new ArrayList<>();
        groups.forEach((name, list) -> {
            double[] v = unbox(list);
            Moments m = Moments.of(v);
            out.add(new Distribution(name, v.length, m.mean(), m.std(), PairMetrics.quantile(v, 0.1), PairMetrics.quantile(v, 0.5),
                    PairMetrics.quantile(v, 0.9)));
        });
        return out;
    }

    /** Mean over responses of the standard deviation across heads (0 for a single head). */
    private static double disagreement(float[][] raw) {
        if (raw.length == 0 || raw[0].length < 2) return 0;
        double sum = 0;
        for (float[] r : raw) sum += Moments.of(r).std();
        return sum / raw.length;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double[] unbox(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The figures as aligned text, for the terminal. */
    public static String text(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "pairwise accuracy      %.4f  (%d decisive pairs)%n", r.accuracy(), r.pairs()));
        s.append(String.format(Locale.ROOT, "longer-wins baseline   %.4f  (same pairs)%n", r.longerWinsBaseline()));
        s.append(String.format(Locale.ROOT, "ties                   %d  (mean |P(a>b) - 0.5| %.4f on ties vs %.4f on decisive pairs)%n",
                r.ties(), r.tieMeanProbabilityGap(), r.pairMeanProbabilityGap()));
        if (r.bothBad() > 0) s.append(String.format(Locale.ROOT, "both-bad (not scored)  %d%n", r.bothBad()));
        s.append(String.format(Locale.ROOT, "calibration (ECE)      %.4f  (%d bins, both orientations of each pair)%n", r.expectedCalibrationError(), BINS));
        s.append(String.format(Locale.ROOT, "length bias            corr(reward, length) %.4f; accuracy where the shorter won %.4f (%d pairs), where the longer won %.4f (%d)%n",
                r.lengthCorrelation(), r.accuracyWhereShorterWon(), r.shorterWonPairs(), r.accuracyWhereLongerWon(), r.longerWonPairs()));
        if (r.meanHeadDisagreement() > 0) s.append(String.format(Locale.ROOT, "ensemble disagreement  %.4f  (mean std across heads, raw units)%n", r.meanHeadDisagreement()));
        s.append("reward by source:\n");
        for (Distribution d : r.bySource()) {
            s.append(String.format(Locale.ROOT, "  %-34s n %6d  mean %8.4f  std %7.4f  p10 %8.4f  p50 %8.4f  p90 %8.4f%n", d.name(), d.responses(), d.mean(), d.std(),
                    d.p10(), d.p50(), d.p90()));
        }
        if (!r.byAnnotator().isEmpty()) {
            s.append("agreement with annotators:\n");
            for (AnnotatorAgreement a : r.byAnnotator()) s.append(String.format(Locale.ROOT, "  %-34s %6d pairs  %.4f%n", a.annotator(), a.pairs(), a.accuracy()));
        }
        if (!r.meanRewardByStars().isEmpty()) {
            s.append("mean reward by stars:\n");
            r.meanRewardByStars().forEach((k, v) -> s.append(String.format(Locale.ROOT, "  %d: %.4f%n", k, v)));
        }
        return s.toString();
    }

    /** Writes {@code eval.json}, the charts and {@code report.html} into {@code dir}; returns the report. */
    public static Path writeReport(Result r, Path dir, String title) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pairs", r.pairs());
        json.put("accuracy", r.accuracy());
        json.put("longer_wins_baseline", r.longerWinsBaseline());
        json.put("ties", r.ties());
        json.put("tie_mean_probability_gap", r.tieMeanProbabilityGap());
        json.put("pair_mean_probability_gap", r.pairMeanProbabilityGap());
        json.put("both_bad", r.bothBad());
        json.put("expected_calibration_error", r.expectedCalibrationError());
        json.put("length_correlation", r.lengthCorrelation());
        json.put("accuracy_where_shorter_won", r.accuracyWhereShorterWon());
        json.put("shorter_won_pairs", r.shorterWonPairs());
        json.put("accuracy_where_longer_won", r.accuracyWhereLongerWon());
        json.put("longer_won_pairs", r.longerWonPairs());
        json.put("mean_head_disagreement", r.meanHeadDisagreement());
        json.put("by_source", r.bySource());
        json.put("by_annotator", r.byAnnotator());
        json.put("mean_reward_by_stars", r.meanRewardByStars());
        JSON.writeValue(dir.resolve("eval.json").toFile(), sanitise(json));
        RunReport report = new RunReport(title)
                .figure("pairwise accuracy", fmt(r.accuracy()) + " (" + r.pairs() + " pairs)")
                .figure("longer-wins baseline", fmt(r.longerWinsBaseline()))
                .figure("expected calibration error", fmt(r.expectedCalibrationError()))
                .figure("corr(reward, length)", fmt(r.lengthCorrelation()))
                .figure("accuracy where the shorter response won", fmt(r.accuracyWhereShorterWon()) + " (" + r.shorterWonPairs() + " pairs)")
                .figure("ties", r.ties() + "")
                .chart("calibration.svg", calibrationChart(r))
                .chart("reward-by-source.svg", distributionChart(r))
                .chart("reward-vs-length.svg", lengthChart(r))
                .section("All figures", text(r))
                .link("eval.json", "the figures as JSON");
        return report.write(dir);
    }

    private static SvgLineChart calibrationChart(Result r) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (int b = 0; b < r.reliability().counts().length; b++) {
            if (r.reliability().counts()[b] == 0) continue;
            x.add(r.reliability().meanPredicted()[b]);
            y.add(r.reliability().observed()[b]);
        }
        return new SvgLineChart("Calibration of sigmoid(r_a - r_b)", "predicted P(a preferred)", "observed frequency")
                .add(Series.line("perfect calibration", List.of(0.0, 1.0), List.of(0.0, 1.0), "#999999"))
                .add(Series.line("reward model", x, y, "#1f77b4"))
                .add(Series.points("bins", x, y, "#1f77b4"));
    }

    /** Frequency polygons of the reward per source, over a shared set of 30 bins. */
    private static SvgLineChart distributionChart(Result r) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : r.responseRewards()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        SvgLineChart chart = new SvgLineChart("Reward distribution by source", "reward (raw)", "share of responses");
        if (!(hi > lo)) return chart;
        String[] colours = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
        int bins = 30, c = 0;
        for (Distribution d : r.bySource()) {
            double[] counts = new double[bins];
            int n = 0;
            for (int i = 0; i < r.responseRewards().length; i++) {
                if (!sourceOf(r, i).equals(d.name())) continue;
                counts[Math.min(bins - 1, (int) ((r.responseRewards()[i] - lo) / (hi - lo) * bins))]++;
                n++;
            }
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                x.add(lo + (b + 0.5) * (hi - lo) / bins);
                y.add(counts[b] / Math.max(1, n));
            }
            chart.add(Series.line(d.name(), x, y, colours[c++ % colours.length]));
        }
        return chart;
    }

    private static String sourceOf(Result r, int i) {
        return r.responseSources()[i];
    }

    private static SvgLineChart lengthChart(Result r) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        int step = Math.max(1, r.responseChars().length / 2000);
        for (int i = 0; i < r.responseChars().length; i += step) {
            x.add(r.responseChars()[i]);
            y.add(r.responseRewards()[i]);
        }
        return new SvgLineChart(String.format(Locale.ROOT, "Reward against response length (corr %.3f)", r.lengthCorrelation()), "response length (characters)", "reward (raw)")
                .add(Series.points("responses", x, y, "#1f77b4"));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static Object sanitise(Object o) {
        if (o instanceof Double d && !Double.isFinite(d)) return null;
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sanitise(v)));
            return out;
        }
        return o;
    }
}
