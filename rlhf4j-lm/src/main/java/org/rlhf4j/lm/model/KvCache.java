package org.rlhf4j.lm.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Scope;

/**
 * Keys and values of past positions for incremental decoding, preallocated for the whole
 * generation so each step writes in place instead of concatenating. Layout per layer:
 * (B, capacity, 2 Hkv, d), keys then values along the head axis, exactly as they come out of
 * the fused projection, so one copy stores both; written at [length, length + T); attention
 * reads the first {@code length + T} positions through strided views.
 */
public final class KvCache implements AutoCloseable {
    private final Tensor[] keysAndValues;
    private final int kvHeads;
    private final int capacity;
    private int length;

    public KvCache(LlamaConfig c, int batch, int capacity, ComputeDevice device, torch.ScalarType dtype) {
        this.capacity = capacity;
        this.keysAndValues = new Tensor[c.numHiddenLayers()];
        this.kvHeads = c.numKeyValueHeads();
        TensorOptions options = new TensorOptions(dtype).device(new org.bytedeco.pytorch.DeviceOptional(device.toTorch()));
        try (Scope s = Scope.open()) {
            for (int i = 0; i < keysAndValues.length; i++) {
                keysAndValues[i] = Scope.keep(torch.zeros(new long[] {batch, capacity, 2L * kvHeads, c.headDim()}, options));
            }
        }
    }

    /** Positions already cached. */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Writes layer {@code layer}'s new keys and values kv (B, T, 2 Hkv, d) at the current end and
     * returns a view of everything cached so far, including them: (B, length + T, 2 Hkv, d).
     */
    Tensor append(int layer, Tensor kv) {
        long t = kv.size(1);
        if (length + t > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + t + " positions exceed its capacity of " + capacity);
        }
        keysAndValues[layer].narrow(1, length, t).copy_(kv);
        return keysAndValues[layer].narrow(1, 0, length + t);
    }

    /** Layer {@code layer}'s buffer (B, capacity, 2 Hkv, d). */
    Tensor buffer(int layer) {
        return keysAndValues[layer];
    }

    /** Called once per forward pass, after every layer has appended {@code t} positions. */
    void advance(long t) {
        length += (int) t;
    }

    @Override
    public void close() {
        for (Tensor t : keysAndValues) Scope.release(t);
    }
}
