package org.rlhf4j.control.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.env.Space;
import org.rlhf4j.control.nn.Mlp;

class ActorCriticPolicyTest {
    static final Space CARTPOLE_ACTIONS = new Space.Discrete(2);
    static final Space PENDULUM_ACTIONS = Space.Box.symmetric(2f);

    static ActorCriticPolicy cartPole(long seed) {
        return new ActorCriticPolicy(4, CARTPOLE_ACTIONS, PolicyConfig.defaults(), new SplittableRandom(seed));
    }

    @Test
    void hasSb3MlpPolicyShapes() {
        ActorCriticPolicy policy = cartPole(1);
        assertThat(policy.actor().sizes()).containsExactly(4, 64, 64, 2);
        assertThat(policy.critic().sizes()).containsExactly(4, 64, 64, 1);
        assertThat(policy.logStd()).isEmpty();
        assertThat(policy.distribution()).isEqualTo(new Categorical(2));
        ActorCriticPolicy gaussian = new ActorCriticPolicy(3, PENDULUM_ACTIONS, PolicyConfig.defaults(), new SplittableRandom(1));
        assertThat(gaussian.actor().sizes()).containsExactly(3, 64, 64, 1);
        assertThat(gaussian.logStd()).containsExactly(0f);
        assertThat(gaussian.distribution()).isEqualTo(new DiagonalGaussian(1));
    }

    @Test
    void initialisesOrthogonallyWithSb3Gains() {
        ActorCriticPolicy policy = cartPole(2);
        // hidden 64x64: W W^T = 2 I; first layer (64 out, 4 in): W^T W = 2 I (4x4)
        assertGram(policy.actor().weight(1), 64, 64, true, 2.0);
        assertGram(policy.actor().weight(0), 64, 4, false, 2.0);
        // policy head (2, 64): orthonormal rows times 0.01, so W W^T = 1e-4 I; value head (1, 64): norm 1
        assertGram(policy.actor().weight(2), 2, 64, true, 1e-4);
        assertGram(policy.critic().weight(2), 1, 64, true, 1.0);
        for (Mlp net : new Mlp[] {policy.actor(), policy.critic()}) {
            for (int l = 0; l < net.layerCount(); l++) assertThat(net.bias(l)).containsOnly(0f);
        }
    }

    /** (rows, cols) weight: rows true checks W W^T = scale I, else W^T W = scale I. */
    private static void assertGram(float[] w, int rows, int cols, boolean byRows, double scale) {
        int n = byRows ? rows : cols, len = byRows ? cols : rows;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < len; k++) {
                    dot += byRows ? (double) w[i * cols + k] * w[j * cols + k] : (double) w[k * cols + i] * w[k * cols + j];
                }
                assertThat(dot).isCloseTo(i == j ? scale : 0, within(1e-5 * Math.max(1, scale)));
            }
        }
    }

    @Test
    void torchDefaultInitWithoutOrthoInit() {
        ActorCriticPolicy policy = new ActorCriticPolicy(4, CARTPOLE_ACTIONS, PolicyConfig.defaults().withOrthoInit(false),
                new SplittableRandom(3));
        for (float w : policy.actor().weight(0)) assertThat(Math.abs(w)).isLessThanOrEqualTo(0.5f);  // 1/sqrt(4)
        for (float w : policy.actor().weight(1)) assertThat(Math.abs(w)).isLessThanOrEqualTo(0.125f);  // 1/sqrt(64)
        assertThat(policy.actor().bias(0)).isNotEqualTo(new float[64]);
    }

    @Test
    void boxActionsAreClippedForTheEnvironmentButLogProbsUseTheSample() {
        ActorCriticPolicy policy = new ActorCriticPolicy(3, PENDULUM_ACTIONS, PolicyConfig.defaults().withLogStdInit(2.0),
                new SplittableRandom(4));
        int n = 64;
        float[] obs = new float[n * 3];
        SplittableRandom data = new SplittableRandom(5);
        for (int i = 0; i < obs.length; i++) obs[i] = (float) data.nextGaussian();
        float[] actions = new float[n], logProbs = new float[n], values = new float[n];
        policy.act(obs, n, new SplittableRandom(6), actions, logProbs, values);
        int outside = 0;
        for (float a : actions) outside += Math.abs(a) > 2 ? 1 : 0;
        assertThat(outside).as("sigma e^2 = 7.4 puts most samples outside [-2, 2]").isGreaterThan(n / 2);

        ActorCriticPolicy.ActionEvaluation evaluation = policy.evaluateActions(obs, actions, n);
        assertThat(evaluation.logProb()).containsExactly(logProbs);
        assertThat(evaluation.values()).containsExactly(values);
        float[] clipped = new float[n];
        policy.clipActions(actions, n, clipped);
        for (int i = 0; i < n; i++) assertThat(clipped[i]).isEqualTo(Math.max(-2f, Math.min(2f, actions[i])));

        float[] predicted = new float[n];
        policy.predict(obs, n, false, new SplittableRandom(6), predicted);
        assertThat(predicted).containsExactly(clipped);
    }

    @Test
    void deterministicPredictionIsTheModeAndSamplingRepeatsWithTheSeed() {
        ActorCriticPolicy policy = new ActorCriticPolicy(4, CARTPOLE_ACTIONS,
                PolicyConfig.defaults().withOrthoInit(false), new SplittableRandom(7));
        int n = 32;
        float[] obs = new float[n * 4];
        SplittableRandom data = new SplittableRandom(8);
        for (int i = 0; i < obs.length; i++) obs[i] = (float) data.nextGaussian();
        float[] logits = policy.actor().forward(obs, n).clone();
        float[] actions = new float[n];
        policy.predict(obs, n, true, null, actions);
        for (int b = 0; b < n; b++) assertThat(actions[b]).isEqualTo(logits[2 * b + 1] > logits[2 * b] ? 1f : 0f);

        float[] first = new float[n], second = new float[n];
        policy.predict(obs, n, false, new SplittableRandom(9), first);
        policy.predict(obs, n, false, new SplittableRandom(9), second);
        assertThat(second).containsExactly(first);
    }

    @Test
    void backwardMatchesFiniteDifferencesForBothDistributions() {
        PolicyConfig small = new PolicyConfig(List.of(8, 8), List.of(6), 0.0, false);
        checkGradients(new ActorCriticPolicy(4, CARTPOLE_ACTIONS, small, new SplittableRandom(10)), 4, false);
        checkGradients(new ActorCriticPolicy(3, Space.Box.symmetric(2f, 2f), small.withLogStdInit(-0.5), new SplittableRandom(11)), 3, true);
    }

    /** L = sum_b c1_b log pi(a_b|s_b) + c2_b H_b + c3_b V(s_b); every parameter against a central difference. */
    private static void checkGradients(ActorCriticPolicy policy, int observationSize, boolean continuous) {
        SplittableRandom random = new SplittableRandom(12);
        int batch = 6, actionSize = policy.actionSize();
        float[] obs = new float[batch * observationSize], actions = new float[batch * actionSize];
        float[] c1 = new float[batch], c2 = new float[batch], c3 = new float[batch];
        for (int i = 0; i < obs.length; i++) obs[i] = (float) random.nextGaussian();
        for (int i = 0; i < actions.length; i++) actions[i] = continuous ? (float) random.nextGaussian() : random.nextInt(2);
        for (int b = 0; b < batch; b++) {
            c1[b] = (float) random.nextGaussian();
            c2[b] = (float) random.nextGaussian();
            c3[b] = (float) random.nextGaussian();
        }
        policy.evaluateActions(obs, actions, batch);
        policy.zeroGrad();
        policy.backward(c1, c2, c3, batch);
        float[][] params = policy.parameters(), grads = policy.gradients();
        double h = 2e-3;
        int checked = 0;
        for (int a = 0; a < params.length; a++) {
            for (int i = 0; i < params[a].length; i++) {
                float keep = params[a][i];
                params[a][i] = (float) (keep + h);
                double up = objective(policy, obs, actions, batch, c1, c2, c3);
                params[a][i] = (float) (keep - h);
                double down = objective(policy, obs, actions, batch, c1, c2, c3);
                params[a][i] = keep;
                assertThat(grads[a][i]).as("array %d entry %d", a, i).isCloseTo((float) ((up - down) / (2 * h)), within(2e-3f));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(policy.actor().parameterCount() + policy.critic().parameterCount() + policy.logStd().length);
    }

    private static double objective(ActorCriticPolicy policy, float[] obs, float[] actions, int batch, float[] c1, float[] c2,
                                    float[] c3) {
        ActorCriticPolicy.ActionEvaluation e = policy.evaluateActions(obs, actions, batch);
        double total = 0;
        for (int b = 0; b < batch; b++) {
            total += c1[b] * (double) e.logProb()[b] + c2[b] * (double) e.entropy()[b] + c3[b] * (double) e.values()[b];
        }
        return total;
    }

    @Test
    void backwardMustFollowEvaluateActions() {
        ActorCriticPolicy policy = cartPole(13);
        float[] obs = new float[8];
        policy.evaluateActions(obs, new float[2], 2);
        policy.predictValues(obs, 0, 2, new float[2], 0);
        assertThatThrownBy(() -> policy.backward(new float[2], new float[2], new float[2], 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("evaluateActions");
    }
}
