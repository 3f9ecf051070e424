package org.rlhf4j.align.offline;

import org.rlhf4j.core.nn.AdamWConfig;
import org.rlhf4j.core.tensor.Precision;

/** The training settings every offline method's config record has, under TRL's names (the records document the defaults). */
public interface OfflineSettings {
    double learningRate();

    int perDeviceTrainBatchSize();

    int gradientAccumulationSteps();

    int numTrainEpochs();

    /** Optimizer steps; 0 or less: as many as {@link #numTrainEpochs} passes take. */
    int maxSteps();

    int maxLength();

    int maxPromptLength();

    boolean precomputeRefLogProbs();

    double maxGradNorm();

    int evalSteps();

    int saveSteps();

    String template();

    Precision precision();

    long seed();

    default int rowsPerStep() {
        return perDeviceTrainBatchSize() * gradientAccumulationSteps();
    }

    /** AdamW as TRL's trainers use it (Hugging Face Trainer's defaults, weight decay 0). */
    default AdamWConfig optimizer() {
        return new AdamWConfig(learningRate(), 0.9, 0.999, 1e-8, 0.0);
    }

    /** Steps a run takes on {@code examples} training examples. */
    default int plannedSteps(int examples) {
        if (maxSteps() > 0) return maxSteps();
        return Math.max(1, (int) Math.ceil((double) examples * numTrainEpochs() / rowsPerStep()));
    }

    /** Checks shared by every method's compact constructor (which must pass its parameters: its fields are not set yet). */
    static void check(double learningRate, int perDeviceTrainBatchSize, int gradientAccumulationSteps, int numTrainEpochs, int maxLength, int maxPromptLength,
                      double maxGradNorm, int evalSteps, int saveSteps, String template, Precision precision) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learning_rate must be > 0 and finite, got " + learningRate);
        if (perDeviceTrainBatchSize < 1) throw new IllegalArgumentException("per_device_train_batch_size must be >= 1, got " + perDeviceTrainBatchSize);
        if (gradientAccumulationSteps < 1) throw new IllegalArgumentException("gradient_accumulation_steps must be >= 1, got " + gradientAccumulationSteps);
        if (numTrainEpochs < 1) throw new IllegalArgumentException("num_train_epochs must be >= 1, got " + numTrainEpochs);
        if (maxPromptLength < 2) throw new IllegalArgumentException("max_prompt_length must be >= 2, got " + maxPromptLength);
        if (maxLength <= maxPromptLength) throw new IllegalArgumentException("max_length (" + maxLength + ") must be > max_prompt_length (" + maxPromptLength + ")");
        if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) throw new IllegalArgumentException("max_grad_norm must be >= 0 and finite, got " + maxGradNorm);
        if (evalSteps < 0) throw new IllegalArgumentException("eval_steps must be >= 0 (0: start and end only), got " + evalSteps);
        if (saveSteps < 0) throw new IllegalArgumentException("save_steps must be >= 0 (0: no periodic checkpoints), got " + saveSteps);
        if (precision == null) throw new IllegalArgumentException("precision must be fp32 or bf16");
        if (template == null || !org.rlhf4j.lm.chat.ChatTemplate.NAMES.contains(template)) {
            throw new IllegalArgumentException("template must be one of " + org.rlhf4j.lm.chat.ChatTemplate.NAMES + ", got " + template);
        }
    }
}
