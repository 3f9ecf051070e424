package org.rlhf4j.feedback.simulate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.rlhf4j.feedback.Choice;

/**
 * An imperfect teacher over any item type: a (perceived) utility function plus the noise of an
 * {@link AnnotatorConfig}. It returns decisions, not records; {@link SimulatedAnnotator} turns
 * them into feedback records for text. Holds its random stream and a skip counter, so it is not
 * thread-safe.
 */
public final class Teacher<T> {
    private final ScoreFunction<T> perceived;
    private final AnnotatorConfig config;
    private final SplittableRandom rng;
    private long skipped;

    /** {@code perceived} is the utility as this teacher sees it (after skimming, biases); noise is added here. */
    public Teacher(ScoreFunction<T> perceived, AnnotatorConfig config, SplittableRandom rng) {
        this.perceived = Objects.requireNonNull(perceived, "perceived");
        this.config = Objects.requireNonNull(config, "config");
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /** A teacher of trajectories (lists of per-step rewards) who values them by the myopic return of {@code config.myopiaGamma()}. */
    public static Teacher<List<Double>> ofTrajectories(AnnotatorConfig config, SplittableRandom rng) {
        return new Teacher<>(ScoreFunction.myopicReturn(config.myopiaGamma()), config, rng);
    }

    public AnnotatorConfig config() {
        return config;
    }

    /** How many questions this teacher declined to answer so far. */
    public long skipped() {
        return skipped;
    }

    public double utility(T item) {
        return perceived.utility(item);
    }

    /**
     * Which of two items is better. In order: skip with skipProbability; BOTH_BAD when both
     * utilities are below bothBadThreshold; TIE when |u_A - u_B| < tieThreshold; else A with
     * probability sigmoid((u_A - u_B) / temperature), flipped with mistakeProbability. At
     * temperature 0 the higher one wins, and exactly equal utilities are a TIE (a perfectly
     * rational teacher has no reason to prefer either).
     */
    public Optional<Judgement> compare(T a, T b) {
        if (declines()) return Optional.empty();
        double utilityA = utility(a), utilityB = utility(b), gap = utilityA - utilityB;
        if (utilityA < config.bothBadThreshold() && utilityB < config.bothBadThreshold()) {
            return Optional.of(new Judgement(Choice.BOTH_BAD, null, gap));
        }
        if (Math.abs(gap) < config.tieThreshold() || (gap == 0.0 && config.temperature() == 0.0)) {
            return Optional.of(new Judgement(Choice.TIE, null, gap));
        }
        boolean pickA = rng.nextDouble() < probabilityA(gap, config.temperature());
        if (rng.nextDouble() < config.mistakeProbability()) pickA = !pickA;
        return Optional.of(new Judgement(pickA ? Choice.A : Choice.B, config.strength(gap), gap));
    }

    /** Bradley-Terry / Boltzmann choice probability sigmoid(gap / temperature); a step function at temperature 0. */
    public static double probabilityA(double gap, double temperature) {
        if (temperature == 0.0) return gap > 0 ? 1.0 : gap < 0 ? 0.0 : 0.5;
        return 1.0 / (1.0 + Math.exp(-gap / temperature));
    }

    /**
     * Stars 1-5: round(u + ratingNoise * N(0, 1)) clamped to 1..5 (the utility is read on the
     * star scale); with mistakeProbability a uniformly random star instead.
     */
    public OptionalInt rate(T item) {
        if (declines()) return OptionalInt.empty();
        double noisy = utility(item) + (config.ratingNoise() == 0.0 ? 0.0 : config.ratingNoise() * rng.nextGaussian());
        int stars = (int) Math.max(1, Math.min(5, Math.round(noisy)));
        if (rng.nextDouble() < config.mistakeProbability()) stars = 1 + rng.nextInt(5);
        return OptionalInt.of(stars);
    }

    /**
     * Competition ranks (1 best, ties share) of the items. Each utility gets Gumbel noise of scale
     * temperature, so the order is a Plackett-Luce draw with P(first = i) proportional to
     * exp(u_i / temperature) (for two items, exactly the Boltzmann choice of compare); with
     * mistakeProbability two random neighbours swap; an item within tieThreshold of the head of
     * its group shares the group's rank.
     */
    public Optional<List<Integer>> rank(List<T> items) {
        if (items.size() < 2) throw new IllegalArgumentException("a ranking needs at least 2 items, got " + items.size());
        if (declines()) return Optional.empty();
        double[] noisy = new double[items.size()];
        for (int i = 0; i < noisy.length; i++) noisy[i] = utility(items.get(i)) + config.temperature() * gumbel();
        Integer[] order = bestFirst(noisy);
        if (rng.nextDouble() < config.mistakeProbability()) swapNeighbours(order);
        return Optional.of(competitionRanks(order, noisy, config.tieThreshold()));
    }

    /** Draws whether to skip this question (counted). */
    boolean declines() {
        boolean skip = config.skipProbability() > 0 && rng.nextDouble() < config.skipProbability();
        if (skip) skipped++;
        return skip;
    }

    // Gumbel(0, 1) = -ln(-ln U), U uniform in (0, 1).
    private double gumbel() {
        double u = rng.nextDouble();
        while (u == 0.0) u = rng.nextDouble();
        return -Math.log(-Math.log(u));
    }

    private static Integer[] bestFirst(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i));
        return order;
    }

    private void swapNeighbours(Integer[] order) {
        int j = rng.nextInt(order.length - 1);
        Integer held = order[j];
        order[j] = order[j + 1];
        order[j + 1] = held;
    }

    /** Walks the order best first; a new group (rank = position + 1) starts when |v - head| >= threshold. */
    static List<Integer> competitionRanks(Integer[] order, double[] values, double threshold) {
        Integer[] ranks = new Integer[order.length];
        int head = order[0];
        ranks[head] = 1;
        for (int position = 1; position < order.length; position++) {
            int item = order[position];
            if (Math.abs(values[item] - values[head]) < threshold) {
                ranks[item] = ranks[head];
            } else {
                head = item;
                ranks[item] = position + 1;
            }
        }
        return List.of(ranks);
    }
}
