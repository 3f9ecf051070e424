package org.rlhf4j.control.policy;

import java.util.SplittableRandom;

/**
 * The distribution a policy's network parameterises, over batches of flat float arrays: a
 * {@link Categorical} over {@code n} actions for a {@code Discrete(n)} space, a
 * {@link DiagonalGaussian} for a {@code Box} (stable-baselines3's {@code CategoricalDistribution}
 * and {@code DiagGaussianDistribution}).
 *
 * <p>Shapes: {@code params (batch, parameterSize)} is the network's output (logits, or means);
 * {@code logStd (d)} is the Gaussian's state-independent log standard deviation (ignored by the
 * categorical, which may be given an empty array); {@code actions (batch, actionSize)} hold an
 * action index as a float for the categorical (as SB3's rollout buffer stores it) and the
 * unclipped sample for the Gaussian. Computations run in double and round to float once.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public sealed interface ActionDistribution permits Categorical, DiagonalGaussian {

    /** Network outputs per sample: the number of actions (logits) or the action dimension (means). */
    int parameterSize();

    /** Floats per stored action: 1 (the index) or the action dimension. */
    int actionSize();

    /** logProb (batch) = log pi(action | params) and entropy (batch) = H(pi(. | params)). */
    void logProbAndEntropy(float[] params, float[] logStd, float[] actions, int batch, float[] logProb, float[] entropy);

    /**
     * The backward pass of {@link #logProbAndEntropy}: given dLoss/dLogProb (batch) and
     * dLoss/dEntropy (batch), writes dLoss/dParams (batch, parameterSize) into {@code dParams} and
     * adds dLoss/dLogStd (d) to {@code dLogStd} (the categorical leaves it alone).
     */
    void backward(float[] params, float[] logStd, float[] actions, int batch, float[] dLogProb, float[] dEntropy,
                  float[] dParams, float[] dLogStd);

    /** Draws actions (batch, actionSize) from {@code random} and writes their log-probabilities (batch). */
    void sample(float[] params, float[] logStd, int batch, SplittableRandom random, float[] actions, float[] logProb);

    /** The most likely actions (batch, actionSize): argmax of the logits, or the mean (SB3's {@code mode()}). */
    void mode(float[] params, int batch, float[] actions);
}
