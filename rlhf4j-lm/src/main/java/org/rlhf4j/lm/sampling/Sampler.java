package org.rlhf4j.lm.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;
import org.rlhf4j.lm.model.AttentionMasks;
import org.rlhf4j.lm.model.IncrementalDecoder;
import org.rlhf4j.lm.model.KvCache;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * Generates continuations of a batch of prompts: one prefill pass over the left-padded prompts,
 * then one cached forward pass per new token. Each call runs in its own native scope, so
 * repeated calls do not grow memory. Tokens are chosen in Java ({@link TokenChooser}) from a
 * random stream seeded by the config, so a seed fixes the output on any device.
 */
public final class Sampler {
    /**
     * Token-by-token decoding of batches up to this size runs on one intra-op thread: its tensors
     * are too small for a second thread to pay for its synchronisation (measured on 2 cores, small
     * config: batch 1 about 1,090 tokens/s on one thread against 870 on two; batch 16 equal).
     * Thread count is process-wide, so this briefly affects other threads using the engine.
     */
    static final int SINGLE_THREAD_MAX_BATCH = 4;

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
        int promptLength = 0, shortest = Integer.MAX_VALUE;
        for (int[] p : prompts) {
            if (p.length == 0) throw new IllegalArgumentException("empty prompt: start it with at least one token (e.g. <|bos|>)");
            promptLength = Math.max(promptLength, p.length);
            shortest = Math.min(shortest, p.length);
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
            LlamaModel.FusedWeights weights = model.fuseForDecoding();
            try (KvCache cache = new KvCache(model.config(), b, capacity, device, torch.ScalarType.Float)) {
                Tensor logits = model.forward(weights, ids, positions, AttentionMasks.causal(promptMask), cache, true).logits();
                Tensor next = positions.narrow(1, promptLength - 1, 1).add(new Scalar(1));   // (B, 1) next positions
                // The scripted step runs in fp32 outside autocast; with bf16 the Java path decodes.
                int threads = Engine.threads();
                boolean singleThread = b <= SINGLE_THREAD_MAX_BATCH && threads > 1 && device == ComputeDevice.CPU;
                try (IncrementalDecoder scripted = precision == Precision.FP32 ? model.incremental(weights, cache) : null) {
                    if (singleThread) Engine.setThreads(1);
                    Decoding d = new Decoding(cache, weights, scripted, keyMask, next, config, b, promptLength, shortest < promptLength);
                    return d.run(logits);
                } finally {
                    if (singleThread) Engine.setThreads(threads);
                }
            }
        }
    }

    /** The state of one generation call's token-by-token loop. */
    private final class Decoding {
        private final KvCache cache;
        private final LlamaModel.FusedWeights weights;
        private final IncrementalDecoder scripted;  // null: decode through LlamaModel.forward
        private final Tensor keyMask;   // (B, capacity): 0 for left padding, 1 for prompt tokens and every new position
        private final Tensor position;  // (B, 1)
        private final Tensor ids;       // (B, 1), rewritten each step
        private final SamplingConfig config;
        private final TokenChooser chooser;
        private final int b, promptLength, vocab;
        private final boolean padded;   // some prompt is left-padded: attention needs the mask
        private final int[][] tokens;
        private final float[][] logProbs;
        private final int[] lengths;
        private final boolean[] done;

        Decoding(KvCache cache, LlamaModel.FusedWeights weights, IncrementalDecoder scripted, Tensor keyMask, Tensor position, SamplingConfig config,
                 int b, int promptLength, boolean padded) {
            this.cache = cache;
            this.weights = weights;
            this.scripted = scripted;
            this.keyMask = keyMask;
            this.position = position;
            this.ids = place(torch.zeros(b, 1).to(torch.ScalarType.Long));
            this.config = config;
            this.chooser = new TokenChooser(config, new SplittableRandom(config.seed()));
            this.b = b;
            this.promptLength = promptLength;
            this.vocab = model.config().vocabSize();
            this.padded = padded;
            this.tokens = new int[b][config.maxNewTokens()];
            this.logProbs = new float[b][config.maxNewTokens()];
            this.lengths = new int[b];
            this.done = new boolean[b];
        }

        Generation run(Tensor logits) {
            Tensor kept = null; // the latest step's logits, kept past its scope; freed when replaced
            try {
                for (int s = 0; s < config.maxNewTokens(); s++) {
                    try (Scope perToken = Scope.open()) {
                        if (choose(logits) || s == config.maxNewTokens() - 1) break;
                        Tensor next = step(promptLength + s);
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

        /** Picks each live row's next token from logits (B, 1, V); returns true when every row is done. */
        private boolean choose(Tensor logits) {
            Tensor scaled = logits.select(1, 0).to(torch.ScalarType.Float);                            // (B, V)
            if (!config.greedy() && config.temperature() != 1.0) scaled = scaled.div(new Scalar(config.temperature()));
            Tensor logSoftmax = torch.log_softmax(scaled, -1);
            float[] lp = TensorData.toFloats(logSoftmax);
            float[] probs = config.greedy() ? null : TensorData.toFloats(logSoftmax.exp());
            boolean allDone = true;
            for (int i = 0; i < b; i++) {
                if (!done[i]) {
                    int token = chooser.choose(lp, probs, i * vocab, vocab);
                    tokens[i][lengths[i]] = token;
                    logProbs[i][lengths[i]++] = lp[i * vocab + token];
                    done[i] = config.stopAtEos() && token == model.config().eosTokenId();
                }
                allDone &= done[i];
            }
            return allDone;
        }

        /**
         * Feeds each row's latest token at cache position {@code at}; returns logits (B, 1, V).
         * Finished rows keep being fed their last token: attention never crosses rows, so what a
         * finished row computes affects only its own outputs, which are no longer read.
         */
        private Tensor step(int at) {
            long[] step = new long[b];
            for (int i = 0; i < b; i++) step[i] = tokens[i][lengths[i] - 1];
            TensorData.overwrite(ids, step);
            Tensor mask = padded ? AttentionMasks.decodeStep(keyMask.narrow(1, 0, at + 1)) : null;   // (B, 1, 1, Tk)
            Tensor next = scripted != null ? scripted.step(ids, position, mask) : model.forward(weights, ids, position, mask, cache, true).logits();
            position.add_(new Scalar(1));
            return next;
        }
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
            Arrays.fill(keyMask, i * capacity + offset, (i + 1) * capacity, 1);   // prompt and future positions
        }
        return new Batch(ids, keyMask);
    }

    private Tensor place(Tensor t) {
        return model.device().place(t);
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
