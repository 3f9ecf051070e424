package org.rlhf4j.align.policy;

import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * Per-token log-probabilities of given replies under a model, with the training forward pass
 * ({@link PolicyModel#forward}, {@code log_softmax(logits / temperature)}), so the policy's and
 * the reference's log-probs come from one numerical path and a model measured against itself
 * gives KL exactly 0. Batches run in their own native scope without gradients.
 */
public final class ReplyLogProbs {
    private ReplyLogProbs() {}

    /** (rows, tokens of each response) log-probs of {@code responses[i]} after {@code queries[i]}. */
    public static float[][] of(LlamaModel model, List<int[]> queries, List<int[]> responses, double temperature, Precision precision, int batchSize) {
        if (queries.size() != responses.size()) throw new IllegalArgumentException("got " + queries.size() + " queries but " + responses.size() + " responses");
        PolicyModel policy = new PolicyModel(model, null);   // a view: not closed here, the caller owns the model
        float[][] out = new float[queries.size()][];
        for (int from = 0; from < queries.size(); from += batchSize) {
            int to = Math.min(queries.size(), from + batchSize);
            ResponseBatch batch = ResponseBatch.of(queries.subList(from, to), responses.subList(from, to), model.config().padTokenId());
            try (Scope scope = Scope.open(); NoGradGuard noGrad = new NoGradGuard(); Precision.Region region = precision.enter(model.device())) {
                float[] flat = TensorData.toFloats(policy.forward(model.fuse(), batch, temperature, false).logProbs());   // (B, R)
                int r = batch.responseLength();
                for (int i = 0; i < to - from; i++) out[from + i] = java.util.Arrays.copyOfRange(flat, i * r, i * r + batch.responseLengths()[i]);
            }
        }
        return out;
    }
}
