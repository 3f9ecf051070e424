package org.rlhf4j.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaConfig;
import org.rlhf4j.lm.model.LlamaModel;

/** Tiny reward models and synthetic preference data for fast tests. */
final class TinyRewardModels {
    private TinyRewardModels() {}

    /** vocab 32, d 32, 3 layers, 4 heads (2 kv), tied embeddings; pad 0, bos 1, eos 2. */
    static LlamaConfig config() {
        return new LlamaConfig(32, 32, 64, 3, 4, 2, 64, 1e-5, 10000.0, true, 1, 2, 0);
    }

    static RewardModel model(int heads, boolean ordinal, long seed) {
        Engine.load();
        Engine.setThreads(1);
        LlamaModel backbone = new LlamaModel(config(), ComputeDevice.CPU, new SplittableRandom(seed));
        return RewardModel.initialise(backbone, heads, ordinal, ChatTemplate.named("support"), new SplittableRandom(seed + 1));
    }

    /**
     * Comparisons whose preferred sequence contains more 7s than the other: a rule the model can
     * only learn by reading the tokens. Sequences: bos, 6 random tokens in 3..12, eos.
     */
    static List<RewardExample> sevensPreferred(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<RewardExample> out = new ArrayList<>();
        while (out.size() < n) {
            int[] a = sequence(rng), b = sequence(rng);
            int ca = sevens(a), cb = sevens(b);
            if (ca == cb) continue;
            int[] better = ca > cb ? a : b, worse = ca > cb ? b : a;
            out.add(new RewardExample("c" + out.size(), List.of(better, worse), new int[] {6, 6}, new int[] {0}, new int[] {1}, new float[] {0},
                    new int[0], new int[0], new int[0], new int[0], "synthetic", "rule"));
        }
        return out;
    }

    private static int[] sequence(SplittableRandom rng) {
        int[] s = new int[8];
        s[0] = 1;
        for (int i = 1; i < 7; i++) s[i] = rng.nextInt(3, 13);
        s[7] = 2;
        return s;
    }

    private static int sevens(int[] s) {
        int n = 0;
        for (int t : s) if (t == 7) n++;
        return n;
    }
}
