package org.rlhf4j.control.onpolicy;

import org.rlhf4j.control.nn.Adam;
import org.rlhf4j.control.nn.RmsProp;
import org.rlhf4j.control.policy.ActorCriticPolicy;

/**
 * One optimiser over all of a policy's parameter arrays (SB3: {@code policy.optimizer} over
 * {@code policy.parameters()}), stepped with the learning rate of the current update.
 */
public sealed interface PolicyOptimizer {

    /** Applies the current gradients with {@code learningRate}. */
    void step(double learningRate);

    /** Adam, betas (0.9, 0.999), as SB3's policies: eps 1e-5 rather than PyTorch's 1e-8. */
    static PolicyOptimizer adam(ActorCriticPolicy policy, double initialLearningRate, double eps) {
        return new AdamOptimizer(new Adam(policy.parameters(), policy.gradients(), initialLearningRate, 0.9, 0.999, eps));
    }

    /** RMSprop as SB3's A2C: {@code torch.optim.RMSprop(alpha, eps, weight_decay=0)}. */
    static PolicyOptimizer rmsProp(ActorCriticPolicy policy, double initialLearningRate, double alpha, double eps) {
        return new RmsPropOptimizer(new RmsProp(policy.parameters(), policy.gradients(), initialLearningRate, alpha, eps));
    }

    record AdamOptimizer(Adam adam) implements PolicyOptimizer {
        @Override
        public void step(double learningRate) {
            adam.setLearningRate(learningRate);
            adam.step();
        }
    }

    record RmsPropOptimizer(RmsProp rmsProp) implements PolicyOptimizer {
        @Override
        public void step(double learningRate) {
            rmsProp.setLearningRate(learningRate);
            rmsProp.step();
        }
    }
}
