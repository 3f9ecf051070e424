package org.rlhf4j.reward;

import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.Precision;

/**
 * How a reward model is trained. {@link #defaults()} is the only place defaults live.
 *
 * @param batchSize         feedback examples per step (a comparison, a ranking or a rating each)
 * @param epochs            passes over the training examples
 * @param maxSteps          stop after this many steps (0 = when the epochs are done)
 * @param warmupSteps       linear learning-rate warm-up, then cosine decay to {@code minLearningRateRatio}
 * @param gradClipNorm      global gradient-norm clip (0 = off)
 * @param maxLength         tokens per prompt + response; longer ones keep BOS and their end
 * @param template          chat template name ({@code support}, {@code hh}, {@code chat})
 * @param heads             ensemble heads on the backbone (1 = a single reward model)
 * @param subsetFraction    each head trains on each example with this probability (1 = all; below 1, a bootstrap-like ensemble)
 * @param freezeLayers      lowest transformer blocks (and the embedding) kept fixed (0 = train all)
 * @param margins           comparison strengths, rank and star differences become Bradley-Terry margins
 * @param ratingLoss        what star ratings train
 * @param tieWeight         weight of the tie term (0 = ignore ties)
 * @param ratingWeight      weight of the rating term
 * @param centerCoefficient TRL's {@code center_rewards_coefficient}: penalty on (r_a + r_b)^2 (0 = off)
 * @param evalFraction      share of examples held out for evaluation
 * @param evalEvery         steps between evaluations (0 = at the end only)
 * @param maxNonFiniteInARow consecutive skipped (NaN/Inf) steps before training stops
 * @param normalisationSize responses scored for the normalisation statistics (from the held-out set, else training)
 */
public record RewardConfig(int batchSize, int epochs, int maxSteps, AdamWConfig optimizer, int warmupSteps, double minLearningRateRatio,
                           double gradClipNorm, int maxLength, String template, int heads, double subsetFraction, int freezeLayers,
                           boolean margins, RatingLoss ratingLoss, double tieWeight, double ratingWeight, double centerCoefficient,
                           double evalFraction, int evalEvery, int maxNonFiniteInARow, int normalisationSize, Precision precision, long seed) {
    public RewardConfig {
        atLeast("batchSize", batchSize, 1);
        atLeast("epochs", epochs, 1);
        atLeast("maxSteps", maxSteps, 0);
        atLeast("warmupSteps", warmupSteps, 0);
        atLeast("maxLength", maxLength, 8);
        atLeast("heads", heads, 1);
        atLeast("freezeLayers", freezeLayers, 0);
        atLeast("evalEvery", evalEvery, 0);
        atLeast("maxNonFiniteInARow", maxNonFiniteInARow, 1);
        atLeast("normalisationSize", normalisationSize, 1);
        if (optimizer == null) throw new IllegalArgumentException("optimizer must be set");
        if (precision == null) throw new IllegalArgumentException("precision must be set");
        if (ratingLoss == null) throw new IllegalArgumentException("ratingLoss must be ordinal, regression or pairs");
        if (template == null || template.isBlank()) throw new IllegalArgumentException("template must be set");
        if (!(subsetFraction > 0 && subsetFraction <= 1)) throw new IllegalArgumentException("subsetFraction must be in (0, 1], got " + subsetFraction);
        if (!(evalFraction >= 0 && evalFraction < 0.5)) throw new IllegalArgumentException("evalFraction must be in [0, 0.5), got " + evalFraction);
        if (!(minLearningRateRatio >= 0 && minLearningRateRatio <= 1)) throw new IllegalArgumentException("minLearningRateRatio must be in [0, 1], got " + minLearningRateRatio);
        if (!(gradClipNorm >= 0)) throw new IllegalArgumentException("gradClipNorm must be >= 0 (0 = off), got " + gradClipNorm);
        if (!(tieWeight >= 0) || !(ratingWeight >= 0) || !(centerCoefficient >= 0)) throw new IllegalArgumentException("tieWeight, ratingWeight and centerCoefficient must be >= 0");
    }

    private static void atLeast(String field, int v, int min) {
        if (v < min) throw new IllegalArgumentException(field + " must be >= " + min + ", got " + v);
    }

    /** The embedded model's recipe: 1 epoch, batch 16, lr 1e-4 with AdamW (no decay on gains), bf16. */
    public static RewardConfig defaults() {
        return new RewardConfig(16, 1, 0, new AdamWConfig(1e-4, 0.9, 0.999, 1e-8, 0.0), 20, 0.1, 1.0, 256, "support", 1, 1.0, 0,
                true, RatingLoss.ORDINAL, 1.0, 1.0, 0.0, 0.05, 100, 5, 2000, Precision.BF16, 1234L);
    }

    /** Steps this configuration runs on {@code examples} training examples. */
    public int plannedSteps(int examples) {
        int perEpoch = (examples + batchSize - 1) / batchSize;
        int all = perEpoch * epochs;
        return maxSteps > 0 ? Math.min(maxSteps, all) : all;
    }

    public RewardLoss loss() {
        return new RewardLoss(tieWeight, ratingWeight, ratingLoss, centerCoefficient);
    }

    /** A copy with other values, by field name, for the CLI's overrides. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy for overrides; {@link #build()} validates. */
    public static final class Builder {
        public int batchSize, epochs, maxSteps, warmupSteps, maxLength, heads, freezeLayers, evalEvery, maxNonFiniteInARow, normalisationSize;
        public double learningRate, weightDecay, minLearningRateRatio, gradClipNorm, subsetFraction, tieWeight, ratingWeight, centerCoefficient, evalFraction;
        public String template;
        public boolean margins;
        public RatingLoss ratingLoss;
        public Precision precision;
        public long seed;
        private final AdamWConfig optimizer;

        Builder(RewardConfig c) {
            batchSize = c.batchSize; epochs = c.epochs; maxSteps = c.maxSteps; warmupSteps = c.warmupSteps; maxLength = c.maxLength;
            heads = c.heads; freezeLayers = c.freezeLayers; evalEvery = c.evalEvery; maxNonFiniteInARow = c.maxNonFiniteInARow;
            normalisationSize = c.normalisationSize; learningRate = c.optimizer.learningRate(); weightDecay = c.optimizer.weightDecay();
            minLearningRateRatio = c.minLearningRateRatio; gradClipNorm = c.gradClipNorm; subsetFraction = c.subsetFraction;
            tieWeight = c.tieWeight; ratingWeight = c.ratingWeight; centerCoefficient = c.centerCoefficient; evalFraction = c.evalFraction;
            template = c.template; margins = c.margins; ratingLoss = c.ratingLoss; precision = c.precision; seed = c.seed; optimizer = c.optimizer;
        }

        public RewardConfig build() {
            AdamWConfig o = new AdamWConfig(learningRate, optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), weightDecay);
            return new RewardConfig(batchSize, epochs, maxSteps, o, warmupSteps, minLearningRateRatio, gradClipNorm, maxLength, template, heads,
                    subsetFraction, freezeLayers, margins, ratingLoss, tieWeight, ratingWeight, centerCoefficient, evalFraction, evalEvery,
                    maxNonFiniteInARow, normalisationSize, precision, seed);
        }
    }
}
