package org.rlhf4j.align;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;

/** Tiny critic-free policies and a toy task for the GRPO and RLOO trainer tests (the shape of PPO's trainer test). */
public final class OnlineTestModels {
    public static final LlamaConfig TINY = new LlamaConfig(32, 32, 64, 2, 4, 2, 64, 1e-5, 10000.0, true, 1, 2, 0);
    public static final int TARGET = 7;

    private OnlineTestModels() {}

    /** Policy and reference with equal weights, from one init seed, without value heads. */
    public static PolicyModel[] models(long seed) {
        Engine.load();
        Engine.setThreads(1);
        return new PolicyModel[] {new PolicyModel(new LlamaModel(TINY, ComputeDevice.CPU, new SplittableRandom(seed)), null),
                new PolicyModel(new LlamaModel(TINY, ComputeDevice.CPU, new SplittableRandom(seed)), null)};
    }

    /** {@code prompts} random queries, each {@code g} times in a row. */
    public static List<int[]> groupedQueries(int prompts, int g, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> q = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            int[] ids = new int[2 + rng.nextInt(4)];
            ids[0] = 1;
            for (int j = 1; j < ids.length; j++) ids[j] = 3 + rng.nextInt(28);
            for (int k = 0; k < g; k++) q.add(ids);
        }
        return q;
    }

    /** The toy task's reward: the share of response tokens that are the target token. */
    public static double[] targetShare(List<int[]> responses) {
        double[] s = new double[responses.size()];
        for (int i = 0; i < s.length; i++) {
            int hits = 0;
            for (int t : responses.get(i)) if (t == TARGET) hits++;
            s[i] = (double) hits / responses.get(i).length;
        }
        return s;
    }

    public static List<float[]> values(List<ParameterSet.Entry> entries) {
        List<float[]> out = new ArrayList<>();
        for (ParameterSet.Entry e : entries) out.add(TensorData.toFloats(e.tensor().detach()));
        return out;
    }
}
