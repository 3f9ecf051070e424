package org.rlhf4j.control.ppo;

import java.util.Locale;

/** Prints a PPO Pendulum learning curve (diagnostic main): ./run.sh -- seed steps. */
public final class PendulumCurve {
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        long steps = Long.parseLong(args[1]);
        PpoConfig config = ZooSettings.pendulum().withSeed(seed);
        PpoTrainer ppo = PpoTrainer.create(config, "Pendulum-v1");
        long start = System.nanoTime();
        ppo.addListener(u -> System.out.printf(Locale.ROOT, "%6d rew %.1f kl %.4f clip %.3f std %.3f ev %.3f %.1fs%n",
                u.rollout().totalTimesteps(), u.rollout().episodeRewardMean(), u.train().approxKl(), u.train().clipFraction(),
                u.train().std(), u.train().explainedVariance(), (System.nanoTime() - start) / 1e9));
        ppo.learn(steps);
    }
}
