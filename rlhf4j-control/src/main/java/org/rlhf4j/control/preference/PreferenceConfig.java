package org.rlhf4j.control.preference;

import java.util.Arrays;

/**
 * Settings of preference-based RL (Christiano et al. 2017). Names follow the {@code imitation}
 * library's {@code PreferenceComparisons} where it has one.
 *
 * @param totalComparisons      the label budget: queries put to the teacher over the whole run
 *                              ({@code total_comparisons})
 * @param initialComparisonFrac share of the budget asked before any policy update, on clips of the
 *                              initial policy ({@code initial_comparison_frac})
 * @param rounds                query rounds spread evenly over the policy's training steps; round i
 *                              asks a share of the rest proportional to 1 / i, so labels come fastest
 *                              while the policy changes most
 * @param fragmentLength        steps per clip ({@code fragment_length})
 * @param oversampling          candidate pairs drawn per query; the most disputed are asked
 * @param querySelection        how queries are picked among the candidates
 * @param ensembleSize          reward networks, each trained on its own bootstrap of the labels
 * @param hiddenSizes           the reward networks' hidden layers (ReLU)
 * @param learningRate          Adam's step size for the reward networks
 * @param batchSize             comparisons per reward-model gradient step
 * @param epochs                passes over the labels after each round (the first after the
 *                              initial labels uses {@code initialEpochMultiplier} times as many)
 * @param initialEpochMultiplier see {@code epochs} ({@code initial_epoch_multiplier})
 * @param weightDecay           decoupled weight decay per step, as a fraction of the learning rate
 * @param poolSteps             recent environment steps whose episodes clips are cut from
 * @param initialSteps          steps of the initial policy collected for the initial queries
 * @param evalEpisodes          deterministic episodes on the true reward after each round
 * @param seed                  fixes clips, queries, bootstraps and reward-network initialisation
 */
public record PreferenceConfig(int totalComparisons, double initialComparisonFrac, int rounds, int fragmentLength, int oversampling,
                               QuerySelection querySelection, int ensembleSize, int[] hiddenSizes, double learningRate, int batchSize,
                               int epochs, int initialEpochMultiplier, double weightDecay, int poolSteps, int initialSteps,
                               int evalEpisodes, long seed) {

    /** How the queries of a round are chosen. */
    public enum QuerySelection {
        /** Uniformly random pairs of clips. */
        RANDOM,
        /** Of {@code oversampling} random candidates per query, the pairs whose P(A better) varies most across the ensemble. */
        DISAGREEMENT
    }

    public PreferenceConfig {
        if (totalComparisons < 1) throw new IllegalArgumentException("totalComparisons must be >= 1, got " + totalComparisons);
        if (!(initialComparisonFrac > 0 && initialComparisonFrac <= 1)) {
            throw new IllegalArgumentException("initialComparisonFrac must be in (0, 1], got " + initialComparisonFrac);
        }
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        if (fragmentLength < 1) throw new IllegalArgumentException("fragmentLength must be >= 1, got " + fragmentLength);
        if (oversampling < 1) throw new IllegalArgumentException("oversampling must be >= 1, got " + oversampling);
        if (querySelection == null) throw new IllegalArgumentException("querySelection must be set");
        if (ensembleSize < 1) throw new IllegalArgumentException("ensembleSize must be >= 1, got " + ensembleSize);
        if (querySelection == QuerySelection.DISAGREEMENT && ensembleSize < 2) {
            throw new IllegalArgumentException("querySelection DISAGREEMENT needs ensembleSize >= 2, got " + ensembleSize);
        }
        hiddenSizes = hiddenSizes.clone();
        for (int h : hiddenSizes) if (h < 1) throw new IllegalArgumentException("hiddenSizes must be >= 1: " + Arrays.toString(hiddenSizes));
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (initialEpochMultiplier < 1) throw new IllegalArgumentException("initialEpochMultiplier must be >= 1, got " + initialEpochMultiplier);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        if (poolSteps < fragmentLength) throw new IllegalArgumentException("poolSteps must be >= fragmentLength, got " + poolSteps);
        if (initialSteps < fragmentLength) throw new IllegalArgumentException("initialSteps must be >= fragmentLength, got " + initialSteps);
        if (evalEpisodes < 1) throw new IllegalArgumentException("evalEpisodes must be >= 1, got " + evalEpisodes);
    }

    /**
     * Defaults for CartPole-sized tasks: 500 labels, a quarter of them up front, 20 rounds,
     * 25-step clips, an ensemble of 3 [64, 64] networks, disagreement-based queries.
     */
    public static PreferenceConfig defaults() {
        return new PreferenceConfig(500, 0.25, 20, 25, 5, QuerySelection.DISAGREEMENT, 3, new int[] {64, 64}, 1e-3, 32, 5, 10,
                0.0, 10_000, 2_000, 10, 0);
    }

    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    /** Labels asked before the first policy update. */
    public int initialComparisons() {
        return Math.max(1, (int) Math.round(totalComparisons * initialComparisonFrac));
    }

    /**
     * Labels asked in round {@code round} (1-based): the rest of the budget shared in proportion to
     * 1 / round, rounded so that the rounds' labels sum exactly to the rest.
     */
    public int comparisonsInRound(int round) {
        if (round < 1 || round > rounds) throw new IllegalArgumentException("round must be in 1.." + rounds + ", got " + round);
        int rest = totalComparisons - initialComparisons();
        double harmonic = 0;
        for (int i = 1; i <= rounds; i++) harmonic += 1.0 / i;
        double before = 0;
        for (int i = 1; i < round; i++) before += 1.0 / i;
        return (int) (Math.round(rest * (before + 1.0 / round) / harmonic) - Math.round(rest * before / harmonic));
    }

    public PreferenceConfig withTotalComparisons(int value) {
        return new PreferenceConfig(value, initialComparisonFrac, rounds, fragmentLength, oversampling, querySelection, ensembleSize,
                hiddenSizes, learningRate, batchSize, epochs, initialEpochMultiplier, weightDecay, poolSteps, initialSteps, evalEpisodes, seed);
    }

    public PreferenceConfig withRounds(int value) {
        return new PreferenceConfig(totalComparisons, initialComparisonFrac, value, fragmentLength, oversampling, querySelection, ensembleSize,
                hiddenSizes, learningRate, batchSize, epochs, initialEpochMultiplier, weightDecay, poolSteps, initialSteps, evalEpisodes, seed);
    }

    public PreferenceConfig withQuerySelection(QuerySelection value) {
        return new PreferenceConfig(totalComparisons, initialComparisonFrac, rounds, fragmentLength, oversampling, value, ensembleSize,
                hiddenSizes, learningRate, batchSize, epochs, initialEpochMultiplier, weightDecay, poolSteps, initialSteps, evalEpisodes, seed);
    }

    public PreferenceConfig withFragmentLength(int value) {
        return new PreferenceConfig(totalComparisons, initialComparisonFrac, rounds, value, oversampling, querySelection, ensembleSize,
                hiddenSizes, learningRate, batchSize, epochs, initialEpochMultiplier, weightDecay, poolSteps, initialSteps, evalEpisodes, seed);
    }

    public PreferenceConfig withEnsembleSize(int value) {
        return new PreferenceConfig(totalComparisons, initialComparisonFrac, rounds, fragmentLength, oversampling, querySelection, value,
                hiddenSizes, learningRate, batchSize, epochs, initialEpochMultiplier, weightDecay, poolSteps, initialSteps, evalEpisodes, seed);
    }

    public PreferenceConfig withEpochs(int value) {
        return new PreferenceConfig(totalComparisons, initialComparisonFrac, rounds, fragmentLength, oversampling, querySelection, ensembleSize,
                hiddenSizes, learningRate, batchSize, value, initialEpochMultiplier, weightDecay, poolSteps, initialSteps, evalEpisodes, seed);
    }

    public PreferenceConfig withHiddenSizes(int... value) {
        return new PreferenceConfig(totalComparisons, initialComparisonFrac, rounds, fragmentLength, oversampling, querySelection, ensembleSize,
                value, learningRate, batchSize, epochs, initialEpochMultiplier, weightDecay, poolSteps, initialSteps, evalEpisodes, seed);
    }

    public PreferenceConfig withSeed(long value) {
        return new PreferenceConfig(totalComparisons, initialComparisonFrac, rounds, fragmentLength, oversampling, querySelection, ensembleSize,
                hiddenSizes, learningRate, batchSize, epochs, initialEpochMultiplier, weightDecay, poolSteps, initialSteps, evalEpisodes, value);
    }
}
