package org.rlhf4j.control.a2c;

import java.util.Locale;
import org.rlhf4j.control.env.Environments;
import org.rlhf4j.control.policy.PolicyEvaluation;

/** Prints an A2C CartPole learning curve with deterministic evaluations (diagnostic main): ./run.sh -- seed steps [evalEvery]. */
public final class A2cCurve {
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        long steps = Long.parseLong(args[1]);
        long evalEvery = args.length > 2 ? Long.parseLong(args[2]) : 25_000;
        A2cTrainer a2c = A2cTrainer.create(A2cConfig.zooCartPole().withSeed(seed), "CartPole-v1");
        long start = System.nanoTime();
        long[] nextEval = {evalEvery};
        a2c.addListener(u -> {
            if (u.rollout().totalTimesteps() >= nextEval[0]) {
                nextEval[0] += evalEvery;
                PolicyEvaluation.Result eval = PolicyEvaluation.evaluate(a2c.policy(), Environments.make("CartPole-v1"), 10, true,
                        1_000_000, null);
                System.out.printf(Locale.ROOT, "%7d rew %.1f eval %.1f ent %.3f ev %.3f vloss %.3f %.1fs%n", u.rollout().totalTimesteps(),
                        u.rollout().episodeRewardMean(), eval.meanReturn(), u.train().entropyLoss(), u.train().explainedVariance(),
                        u.train().valueLoss(), (System.nanoTime() - start) / 1e9);
            }
        });
        a2c.learn(steps);
        System.out.printf(Locale.ROOT, "total %.1fs%n", (System.nanoTime() - start) / 1e9);
    }
}
