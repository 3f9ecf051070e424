package org.rlhf4j.control.ppo;

import java.util.Locale;

/** Prints a PPO CartPole learning curve (diagnostic main): ./run.sh -- seed [every]. */
public final class PpoCurve {
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        PpoTrainer ppo = PpoTrainer.create(PpoConfig.zooCartPole().withSeed(seed), "CartPole-v1");
        ppo.addListener(u -> {
            if (u.rollout().iterations() % every == 0) {
                System.out.printf(Locale.ROOT, "%6d eps %d rew %.1f len %.1f kl %.4f clip %.3f ent %.3f ev %.3f vloss %.3f lr %.5f%n",
                        u.rollout().totalTimesteps(), u.rollout().episodes(), u.rollout().episodeRewardMean(), u.rollout().episodeLengthMean(), u.train().approxKl(),
                        u.train().clipFraction(), u.train().entropyLoss(), u.train().explainedVariance(), u.train().valueLoss(),
                        u.train().learningRate());
            }
        });
        ppo.learn(100_000);
    }
}
