package org.rlhf4j.align.ppo;

import java.nio.file.Path;
import java.util.EnumSet;
import org.rlhf4j.feedback.simulate.SupportFeedback;
import org.rlhf4j.feedback.store.FeedbackStore;
import org.rlhf4j.feedback.world.Split;
import org.rlhf4j.feedback.world.SupportWorld;

/**
 * Diagnostic main for the reward-hacking experiment (BENCHMARKS.md): comparisons of logged replies
 * on RL-split tickets by a panel of simulated customers who like long replies. Args: out-file
 * tickets length-bias [seed].
 */
public final class LengthBiasedComparisons {
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        int tickets = Integer.parseInt(args[1]);
        double bias = Double.parseDouble(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1235;
        try (FeedbackStore store = FeedbackStore.open(out)) {
            store.append(SupportFeedback.generate(SupportWorld.seeded(1234), Split.RL, 0, tickets, EnumSet.of(SupportFeedback.Kind.COMPARISON), 5, 0.2, bias, seed));
        }
        System.out.println("wrote " + out);
    }
}
