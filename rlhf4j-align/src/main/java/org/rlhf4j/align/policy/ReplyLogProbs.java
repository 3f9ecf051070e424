package org.rlhf4j.align.policy;

import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * Per-token log-probabilities of given replies under a model, with the training forward pass
 * ({@link PolicyModel#forward}, {@code log_softmax(logits / temperature)}), so the policy's and
 * the reference's log-probs come from one numerical path and a model measured against itself
 * gives KL exactly 0. Batches run in their own native scope without gradients.
 *
 * <p>{@link #sequences} gives whole-reply log-probs, summed and averaged over reply tokens, as
 * DPO, IPO, SimPO and KTO score a (prompt, reply) pair; {@link #sequenceSums} is the same
 * computation without gradients, for a reference computed once.
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

    /** (B) per reply: log p(reply | prompt) summed over its tokens, that sum per token, and its token count as a float. */
    public record Sequences(Tensor sums, Tensor means, Tensor lengths) {}

    /** In the caller's scope, grad mode and precision: with gradients when the caller trains {@code model}. */
    public static Sequences sequences(PolicyModel model, LlamaModel.FusedWeights w, ResponseBatch batch) {
        Tensor logProbs = model.replyLogProbs(w, batch);                                // (B, R), 0 off the mask
        Tensor sums = logProbs.sum(new long[] {1}, false, new ScalarTypeOptional());                       // (B)
        Tensor lengths = batch.maskTensor(model.device()).sum(new long[] {1}, false, new ScalarTypeOptional());   // (B)
        return new Sequences(sums, sums.div(lengths), lengths);
    }

    /** {@link Sequences#sums} of each (query, response) without gradients, {@code batchSize} rows at a time. */
    public static float[] sequenceSums(LlamaModel model, List<int[]> queries, List<int[]> responses, Precision precision, int batchSize) {
        if (queries.size() != responses.size()) throw new IllegalArgumentException("got " + queries.size() + " queries but " + responses.size() + " responses");
        PolicyModel view = new PolicyModel(model, null);   // not closed here, the caller owns the model
        float[] out = new float[queries.size()];
        for (int from = 0; from < queries.size(); from += batchSize) {
            int to = Math.min(queries.size(), from + batchSize);
            ResponseBatch batch = ResponseBatch.of(queries.subList(from, to), responses.subList(from, to), model.config().padTokenId());
            try (Scope scope = Scope.open(); NoGradGuard noGrad = new NoGradGuard(); Precision.Region region = precision.enter(model.device())) {
                System.arraycopy(TensorData.toFloats(sequences(view, model.fuse(), batch).sums()), 0, out, from, to - from);
            }
        }
        return out;
    }
}
