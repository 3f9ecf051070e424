package org.rlhf4j.align.online;

import java.util.List;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.sampling.Generation;
import org.rlhf4j.lm.sampling.Sampler;
import org.rlhf4j.lm.sampling.SamplingConfig;

/** The rollout every online trainer shares. */
public final class OnlineRollout {
    private OnlineRollout() {}

    /**
     * One reply per query from {@code policy} (KV cache, stops at EOS) at {@code temperature}, no
     * top-k or top-p, so the trainer's log-probs are of the distribution sampled. Decoding runs the
     * fp32 scripted path, the fastest on CPU; only the tokens are kept, and trainers recompute
     * their log-probs in the training precision.
     */
    public static List<int[]> sample(PolicyModel policy, List<int[]> queries, int maxNewTokens, double temperature, long seed) {
        SamplingConfig sampling = new SamplingConfig(maxNewTokens, temperature, 0, 1.0, true, seed);
        Generation g = new Sampler(policy.model(), Precision.FP32).generate(queries, sampling);
        return List.of(g.tokens());
    }
}
