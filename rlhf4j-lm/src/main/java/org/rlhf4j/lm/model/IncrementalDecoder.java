package org.rlhf4j.lm.model;

import org.bytedeco.pytorch.Tensor;

/** One generation call's decoding steps after the prompt: see {@link LlamaModel#incremental}. */
public final class IncrementalDecoder implements AutoCloseable {
    private final ScriptedDecoder.Bound step;
    private final KvCache cache;

    IncrementalDecoder(ScriptedDecoder.Bound step, KvCache cache) {
        this.step = step;
        this.cache = cache;
    }

    /**
     * Feeds ids (B, T) at positions (B, T) after everything cached; mask is boolean
     * (B, 1, T, cached + T) or null when no key is padding. Returns logits (B, 1, V) of the last
     * new position.
     */
    public Tensor step(Tensor ids, Tensor positions, Tensor mask) {
        if (mask == null && ids.size(1) > 1) throw new IllegalArgumentException("several new positions need an explicit attention mask");
        Tensor logits = step.step(ids, positions, mask, cache.length());
        cache.advance(ids.size(1));
        return logits.unsqueeze(1);
    }

    @Override
    public void close() {
        step.close();
    }
}
