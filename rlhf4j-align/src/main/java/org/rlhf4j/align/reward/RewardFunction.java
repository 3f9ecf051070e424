package org.rlhf4j.align.reward;

import java.util.List;
import org.rlhf4j.feedback.Prompt;

/**
 * What the policy is optimised for: a score per (prompt, response). PPO, best-of-n and the
 * evaluation take any implementation: a reward model ({@link RewardModelFunction}), an ensemble
 * with an uncertainty penalty, a world's gold score ({@link SupportGoldReward}), or a user's
 * lambda: {@code (prompts, responses) -> ...}. Responses are the decoded reply text without the
 * closing end-of-sequence token.
 */
@FunctionalInterface
public interface RewardFunction {
    /** One score per pair, in order; {@code prompts} and {@code responses} have equal sizes. */
    double[] score(List<Prompt> prompts, List<String> responses);
}
