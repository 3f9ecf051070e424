package org.rlhf4j.lm.sampling;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.AttentionMasks;
import org.rlhf4j.lm.model.KvCache;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * Generates continuations of a batch of prompts: one prefill pass over the left-padded prompts,
 * then one cached forward pass per new token. Each call runs in its own native scope, so
 * repeated calls do not grow memory. Randomness comes from a libtorch generator seeded from the
 * config, so a seed fixes the output.
 */
public final class Sampler {
    private final LlamaModel model;
    private final Precision precision;

    public Sampler(LlamaModel model, Precision precision) {
        this.model = model;
        this.precision = precision;
    }

    /** Generates for token-id prompts (no padding in them; they are left-padded here). */
    public Generation generate(List<int[]> prompts, SamplingConfig config) {
        if (prompts.isEmpty()) throw new IllegalArgumentException("no prompts to generate from");
        int b = prompts.size();
        int promptLength = 0;
        for (int[] p : prompts) {
            if (p.length == 0) throw new IllegalArgumentException("empty prompt: start it with at least one token (e.g. <|bos|>)");
            promptLength = Math.max(promptLength, p.length);
        }
        int capacity = promptLength + config.maxNewTokens();
        if (capacity > model.config().maxPositionEmbeddings()) {
            throw new IllegalArgumentException("prompt (" + promptLength + " tokens) + maxNewTokens (" + config.maxNewTokens()
                    + ") exceed the model's context of " + model.config().maxPositionEmbeddings() + " tokens");
        }
        ComputeDevice device = model.device();
        try (Scope scope = Scope.open(); NoGradGuard noGrad = new NoGradGuard(); Precision.Region autocast = precision.enter(device)) {
            Batch batch = leftPad(prompts, promptLength, capacity, model.config().padTokenId());
            Tensor ids = place(TensorData.ids(batch.ids, b, promptLength));
            Tensor keyMask = place(TensorData.ids(batch.keyMask, b, capacity));             // (B, capacity), 1 = real token
            Tensor promptMask = keyMask.narrow(1, 0, promptLength);
            Tensor positions = AttentionMasks.positions(promptMask);                         // (B, Tp)
            LlamaModel.FusedWeights weights = model.fuse();
            Generator rng = torch.make_generator_cpu(config.seed());
            try (KvCache cache = new KvCache(model.config(), b, capacity, device, torch.ScalarType.Float)) {
                Tensor logits = model.forward(weights, ids, positions, AttentionMasks.causal(promptMask), cache, true).logits();
                Tensor next = positions.narrow(1, promptLength - 1, 1).add(new Scalar(1));   // (B, 1) next positions
                return decode(logits, next, keyMask, cache, weights, rng, config, b, promptLength);
            }
        }
    }

    private Generation decode(Tensor logits, Tensor position, Tensor keyMask, KvCache cache, LlamaModel.FusedWeights weights,
                              Generator rng, SamplingConfig config, int b, int promptLength) {
        int eos = model.config().eosTokenId(), pad = model.config().padTokenId();
        int[][] tokens = new int[b][config.maxNewTokens()];
        float[][] logProbs = new float[b][config.maxNewTokens()];
        int[] lengths = new int[b];
        boolean[] done = new boolean[b];
        long[] step = new long[b];
        long[] alive = new long[b];
        Tensor kept = null; // the latest step's logits, kept past its scope; freed when replaced
        try {
        for (int s = 0; s < config.maxNewTokens(); s++) {
            try (Scope perToken = Scope.open()) {
                Tensor[] picked = pick(logits.select(1, 0).to(torch.ScalarType.Float), rng, config);   // (B), (B)
                long[] chosen = TensorData.toLongs(picked[0]);
                float[] lp = TensorData.toFloats(picked[1]);
                boolean allDone = true;
                for (int i = 0; i < b; i++) {
                    alive[i] = done[i] ? 0 : 1;
                    step[i] = done[i] ? pad : chosen[i];
                    if (!done[i]) {
                        tokens[i][lengths[i]] = (int) chosen[i];
                        logProbs[i][lengths[i]++] = lp[i];
                        done[i] = config.stopAtEos() && chosen[i] == eos;
                    }
                    allDone &= done[i];
                }
                if (allDone || s == config.maxNewTokens() - 1) break;
                // Finished rows keep decoding padding that no later position attends to.
                int at = promptLength + s;
                keyMask.narrow(1, at, 1).copy_(place(TensorData.longs(alive, b, 1)));
                Tensor ids = place(TensorData.longs(step, b, 1));
                Tensor mask = AttentionMasks.decodeStep(keyMask.narrow(1, 0, at + 1));       // (B, 1, 1, Tk)
                Tensor next = model.forward(weights, ids, position, mask, cache, true).logits();
                position.add_(new Scalar(1));
                Scope.release(kept);
                kept = Scope.keep(next);
                logits = kept;
            }
        }
        } finally {
            Scope.release(kept);
        }
        return trim(tokens, logProbs, lengths, done);
    }

    /**
     * Chooses the next token per row from logits (B, V). Returns the token ids (B) and their
     * log-probabilities under the temperature-scaled distribution (B).
     */
    private static Tensor[] pick(Tensor logits, Generator rng, SamplingConfig c) {
        if (c.greedy()) {
            Tensor token = logits.argmax(new org.bytedeco.pytorch.LongOptional(-1), true);              // (B, 1)
            return new Tensor[] {token.squeeze(1), torch.log_softmax(logits, -1).gather(1, token).squeeze(1)};
        }
        Tensor scaled = logits.div(new Scalar(c.temperature()));                                        // (B, V)
        long vocab = scaled.size(1);
        long k = c.topK() > 0 ? Math.min(c.topK(), vocab) : (c.topP() < 1 ? vocab : 0);
        Tensor token;
        if (k == 0) {
            token = torch.multinomial(scaled.softmax(-1).cpu(), 1, false, new GeneratorOptional(rng));  // (B, 1)
        } else {
            T_TensorTensor_T top = scaled.topk(k, -1, true, true);                                      // sorted, descending
            Tensor values = top.get0(), indices = top.get1();                                           // (B, k)
            Tensor probs = values.softmax(-1);
            if (c.topP() < 1) {
                // Keep the smallest prefix whose mass reaches topP: drop a token when the mass before it already does.
                Tensor before = probs.cumsum(-1).sub(probs);
                probs = probs.masked_fill(before.gt(new Scalar(c.topP())), new Scalar(0.0));
            }
            Tensor choice = torch.multinomial(probs.cpu(), 1, false, new GeneratorOptional(rng)).to(indices.device(), torch.ScalarType.Long);
            token = indices.gather(1, choice);
        }
        token = token.to(logits.device(), torch.ScalarType.Long);
        return new Tensor[] {token.squeeze(1), torch.log_softmax(scaled, -1).gather(1, token).squeeze(1)};
    }

    private record Batch(int[] ids, int[] keyMask) {}

    private static Batch leftPad(List<int[]> prompts, int length, int capacity, int pad) {
        int b = prompts.size();
        int[] ids = new int[b * length];
        int[] keyMask = new int[b * capacity];
        Arrays.fill(ids, pad);
        for (int i = 0; i < b; i++) {
            int[] p = prompts.get(i);
            int offset = length - p.length;
            System.arraycopy(p, 0, ids, i * length + offset, p.length);
            Arrays.fill(keyMask, i * capacity + offset, i * capacity + length, 1);
        }
        return new Batch(ids, keyMask);
    }

    private Tensor place(Tensor t) {
        return model.device() == ComputeDevice.CPU ? t : t.to(model.device().toTorch(), t.scalar_type());
    }

    private static Generation trim(int[][] tokens, float[][] logProbs, int[] lengths, boolean[] done) {
        int b = tokens.length;
        int[][] t = new int[b][];
        float[][] l = new float[b][];
        for (int i = 0; i < b; i++) {
            t[i] = Arrays.copyOf(tokens[i], lengths[i]);
            l[i] = Arrays.copyOf(logProbs[i], lengths[i]);
        }
        return new Generation(t, l, done);
    }
}
