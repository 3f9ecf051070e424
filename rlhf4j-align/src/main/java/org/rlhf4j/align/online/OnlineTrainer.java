package org.rlhf4j.align.online;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rlhf4j.align.policy.PolicyModel;

/**
 * What the shared online loop ({@link OnlineTraining}) needs of a trainer: sample replies, take
 * one step on queries, replies and their scores, and save and restore everything beyond the
 * policy's weights. PPO, GRPO and RLOO differ only here (stable-baselines3's
 * {@code OnPolicyAlgorithm} and its {@code train()}).
 */
public interface OnlineTrainer extends AutoCloseable {
    PolicyModel policy();

    /** The frozen reference the KL is measured against. */
    PolicyModel reference();

    /** Steps done so far (restored with the state). */
    int stepsDone();

    /** One reply per query from the current policy; {@code seed} fixes the draw. */
    List<int[]> generate(List<int[]> queries, int maxNewTokens, long seed);

    /** One step on {@code queries} (grouped: a prompt's G copies are consecutive), their replies and one score each. */
    OnlineStats step(List<int[]> queries, List<int[]> responses, double[] scores);

    /** The file whose presence marks a complete checkpoint. */
    String stateFile();

    /** Writes the trainer's state and the optimizer's moments into {@code dir}. */
    void saveState(Path dir) throws IOException;

    /** Restores what {@link #saveState} wrote (the policy's weights come with the checkpoint). */
    Record restoreState(Path dir);

    @Override
    void close();
}
