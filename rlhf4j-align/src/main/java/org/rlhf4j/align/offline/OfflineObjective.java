package org.rlhf4j.align.offline;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.align.policy.ReplyLogProbs;

/** What differs between offline methods: how many slots an example has, whether a reference is needed, and the loss. */
public interface OfflineObjective {
    /** Sequences per example. */
    int slots();

    /** False for reference-free losses (SimPO): no reference model is loaded and nothing is cached. */
    boolean usesReference();

    /**
     * One micro-batch's sequence log-probs, slot by slot, each (b): the policy's with gradients,
     * the reference's summed and per-token (null without a reference), and the labels (b) as 0/1 floats.
     */
    record Forward(ReplyLogProbs.Sequences[] policy, Tensor[] referenceSums, Tensor[] referenceMeans, Tensor desirable) {}

    /**
     * The micro-batch's loss (0-dim, with the graph); the figures to log (TRL's names, means over
     * the micro-batch) go into {@code figures} as plain numbers.
     */
    Tensor loss(Forward forward, Map<String, Double> figures);
}
