package org.rlhf4j.control.dqn;

/**
 * DQN's loss on a batch of transitions, as a pure function of Q-values (no networks, no state).
 *
 * <p>TD target, held fixed (no gradient), per sample {@code i}:
 * <pre>
 *   DQN (Mnih et al. 2015):            y = r + gamma (1 - terminated) max_a Q_target(s', a)
 *   double DQN (van Hasselt et al. 2016): y = r + gamma (1 - terminated) Q_target(s', argmax_a Q_online(s', a))
 * </pre>
 * Double DQN picks the next action with the online network and evaluates it with the target
 * network, which removes most of the max operator's overestimation. Ties in argmax go to the
 * lowest action, as {@code torch.argmax}.
 *
 * <p>Loss: the mean over the batch of the Huber loss (PyTorch's {@code F.smooth_l1_loss} with
 * beta 1, which stable-baselines3 uses) between {@code Q_online(s, a)} of the taken action and y:
 * <pre>
 *   d = Q(s, a) - y;   huber(d) = d^2 / 2 if |d| < 1, else |d| - 1/2
 *   dLoss/dQ(s, a) = clamp(d, -1, 1) / B;   0 for the actions not taken
 * </pre>
 */
public final class DqnLoss {
    private DqnLoss() {}

    /**
     * Loss of a batch and its gradient.
     *
     * @param loss       mean Huber loss
     * @param targets    (B) the TD targets y
     * @param qTaken     (B) Q_online(s, a) of the taken actions
     * @param qGradient  (B, A) d(loss)/d(Q_online(s, .)), non-zero only at the taken actions
     */
    public record Terms(double loss, float[] targets, float[] qTaken, float[] qGradient) {}

    /**
     * TD targets {@code (B)}.
     *
     * @param rewards      (B)
     * @param terminated   (B) 1 where the episode terminated, 0 otherwise (truncation bootstraps)
     * @param nextQTarget  (B, A) Q_target(s', .)
     * @param nextQOnline  (B, A) Q_online(s', .) for double DQN, or null for plain DQN
     * @param actionCount  A
     */
    public static float[] tdTargets(float[] rewards, float[] terminated, float[] nextQTarget, float[] nextQOnline,
                                    int actionCount, double gamma) {
        int batch = rewards.length;
        checkLength("terminated", terminated, batch);
        checkLength("nextQTarget", nextQTarget, batch * actionCount);
        if (nextQOnline != null) checkLength("nextQOnline", nextQOnline, batch * actionCount);
        float[] targets = new float[batch];
        for (int i = 0; i < batch; i++) {
            int row = i * actionCount;
            double next = nextQOnline == null
                    ? nextQTarget[row + argmax(nextQTarget, row, actionCount)]
                    : nextQTarget[row + argmax(nextQOnline, row, actionCount)];
            targets[i] = (float) (rewards[i] + (1.0 - terminated[i]) * gamma * next);
        }
        return targets;
    }

    /**
     * Huber loss of {@code q} (B, A) at the taken {@code actions} (B) against {@code targets} (B),
     * with its gradient with respect to {@code q}.
     */
    public static Terms huber(float[] q, int[] actions, float[] targets, int actionCount) {
        int batch = actions.length;
        if (batch == 0) throw new IllegalArgumentException("empty batch");
        checkLength("q", q, batch * actionCount);
        checkLength("targets", targets, batch);
        float[] qTaken = new float[batch];
        float[] gradient = new float[batch * actionCount];
        double sum = 0;
        for (int i = 0; i < batch; i++) {
            int a = actions[i];
            if (a < 0 || a >= actionCount) {
                throw new IllegalArgumentException("actions[" + i + "] = " + a + " is outside 0.." + (actionCount - 1));
            }
            qTaken[i] = q[i * actionCount + a];
            double d = (double) qTaken[i] - targets[i];
            double abs = Math.abs(d);
            sum += abs < 1 ? 0.5 * d * d : abs - 0.5;
            gradient[i * actionCount + a] = (float) (Math.max(-1.0, Math.min(1.0, d)) / batch);
        }
        return new Terms(sum / batch, targets, qTaken, gradient);
    }

    /** {@link #tdTargets} then {@link #huber}: the whole loss of one gradient step. */
    public static Terms compute(float[] q, int[] actions, float[] rewards, float[] terminated, float[] nextQTarget,
                                float[] nextQOnline, int actionCount, double gamma) {
        return huber(q, actions, tdTargets(rewards, terminated, nextQTarget, nextQOnline, actionCount, gamma), actionCount);
    }

    /** Index (within the row) of the largest of {@code values[row .. row + n)}; the first on ties. */
    static int argmax(float[] values, int row, int n) {
        int best = 0;
        for (int a = 1; a < n; a++) {
            if (values[row + a] > values[row + best]) best = a;
        }
        return best;
    }

    private static void checkLength(String name, float[] array, int expected) {
        if (array.length < expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " values, need " + expected);
        }
    }
}
