package org.rlhf4j.align.sft;

import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.train.LmTrainingConfig;

/**
 * How supervised fine-tuning runs. {@link #defaults()} is the only place defaults live.
 *
 * @param training          optimizer, batch size, context length (the longest row), evaluation cadence, precision, seed;
 *                          its {@code maxSteps} caps the run (the epochs decide otherwise)
 * @param epochs            passes over the training examples
 * @param template          chat template name ({@code support}, {@code hh}, {@code chat})
 * @param completionOnly    loss on response tokens only (false: on prompt tokens too)
 * @param packing           several short examples per row, each attending only to itself
 * @param evalFraction      share of demonstrations held out for evaluation loss
 * @param patience          evaluations without improvement before stopping early (0 = never stop early)
 * @param minImprovement    how much lower the held-out loss must be to count as an improvement
 */
public record SftConfig(LmTrainingConfig training, int epochs, String template, boolean completionOnly, boolean packing, double evalFraction,
                        int patience, double minImprovement) {
    public SftConfig {
        if (training == null) throw new IllegalArgumentException("training must be set");
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (template == null || template.isBlank()) throw new IllegalArgumentException("template must be set");
        if (!(evalFraction > 0 && evalFraction < 0.5)) throw new IllegalArgumentException("evalFraction must be in (0, 0.5), got " + evalFraction);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0 = off), got " + patience);
        if (!(minImprovement >= 0)) throw new IllegalArgumentException("minImprovement must be >= 0, got " + minImprovement);
    }

    /** The embedded model's recipe: 3 epochs, lr 3e-4 with warm-up 20, batch 16 x 256 tokens, packing, evaluation every 50 steps, patience 3. */
    public static SftConfig defaults() {
        LmTrainingConfig t = new LmTrainingConfig(16, 256, 100_000, 1, new AdamWConfig(3e-4, 0.9, 0.95, 1e-8, 0.0), 20, 0.1, 1.0, 50, 8, 5,
                Precision.BF16, 1234L);
        return new SftConfig(t, 3, "support", true, true, 0.05, 3, 1e-3);
    }

    public SftConfig withTraining(LmTrainingConfig t) {
        return new SftConfig(t, epochs, template, completionOnly, packing, evalFraction, patience, minImprovement);
    }

    public SftConfig withEpochs(int e) {
        return new SftConfig(training, e, template, completionOnly, packing, evalFraction, patience, minImprovement);
    }

    public SftConfig withTemplate(String name) {
        return new SftConfig(training, epochs, name, completionOnly, packing, evalFraction, patience, minImprovement);
    }

    public SftConfig withCompletionOnly(boolean b) {
        return new SftConfig(training, epochs, template, b, packing, evalFraction, patience, minImprovement);
    }

    public SftConfig withPacking(boolean b) {
        return new SftConfig(training, epochs, template, completionOnly, b, evalFraction, patience, minImprovement);
    }

    public SftConfig withPatience(int p) {
        return new SftConfig(training, epochs, template, completionOnly, packing, evalFraction, p, minImprovement);
    }
}
