package org.rlhf4j.control.policy;

import java.util.List;

/**
 * The shape of an {@link ActorCriticPolicy}, stable-baselines3's {@code MlpPolicy} arguments as a
 * typed record instead of a {@code policy_kwargs} dict. Activations are tanh (SB3's default
 * {@code activation_fn=nn.Tanh}); the two networks share nothing (SB3's {@code FlattenExtractor}
 * has no parameters, so its shared features extractor is the identity).
 *
 * @param piLayers   hidden widths of the policy network ({@code net_arch["pi"]}, default [64, 64])
 * @param vfLayers   hidden widths of the value network ({@code net_arch["vf"]}, default [64, 64])
 * @param logStdInit initial log standard deviation of a Gaussian policy ({@code log_std_init}, 0)
 * @param orthoInit  orthogonal initialisation with gains sqrt(2) (hidden), 0.01 (policy output)
 *                   and 1 (value output), zero biases ({@code ortho_init}, true); false gives
 *                   PyTorch's default {@code nn.Linear} initialisation
 */
public record PolicyConfig(List<Integer> piLayers, List<Integer> vfLayers, double logStdInit, boolean orthoInit) {

    public PolicyConfig {
        piLayers = checkLayers("piLayers", piLayers);
        vfLayers = checkLayers("vfLayers", vfLayers);
        if (!Double.isFinite(logStdInit)) throw new IllegalArgumentException("logStdInit must be finite, got " + logStdInit);
    }

    /** SB3's {@code MlpPolicy} defaults: pi [64, 64], vf [64, 64], log_std_init 0, ortho_init true. */
    public static PolicyConfig defaults() {
        return new PolicyConfig(List.of(64, 64), List.of(64, 64), 0.0, true);
    }

    public PolicyConfig withPiLayers(List<Integer> layers) {
        return new PolicyConfig(layers, vfLayers, logStdInit, orthoInit);
    }

    public PolicyConfig withVfLayers(List<Integer> layers) {
        return new PolicyConfig(piLayers, layers, logStdInit, orthoInit);
    }

    public PolicyConfig withLogStdInit(double value) {
        return new PolicyConfig(piLayers, vfLayers, value, orthoInit);
    }

    public PolicyConfig withOrthoInit(boolean value) {
        return new PolicyConfig(piLayers, vfLayers, logStdInit, value);
    }

    private static List<Integer> checkLayers(String field, List<Integer> layers) {
        if (layers == null) throw new IllegalArgumentException(field + " must not be null; use an empty list for no hidden layer");
        for (Integer width : layers) {
            if (width == null || width < 1) throw new IllegalArgumentException(field + " widths must be >= 1, got " + layers);
        }
        return List.copyOf(layers);
    }
}
