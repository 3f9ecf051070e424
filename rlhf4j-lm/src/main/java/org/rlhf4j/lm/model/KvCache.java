package org.rlhf4j.lm.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Scope;

/**
 * Keys and values of past positions for incremental decoding, preallocated for the whole
 * generation so each step writes in place instead of concatenating. Layout per layer:
 * (B, capacity, Hkv, d), written at [length, length + T); attention reads the first
 * {@code length + T} positions through a strided view.
 */
public final class KvCache implements AutoCloseable {
    private final Tensor[] keys;
    private final Tensor[] values;
    private final int capacity;
    private int length;

    public KvCache(LlamaConfig c, int batch, int capacity, ComputeDevice device, torch.ScalarType dtype) {
        this.capacity = capacity;
        this.keys = new Tensor[c.numHiddenLayers()];
        this.values = new Tensor[c.numHiddenLayers()];
        TensorOptions options = new TensorOptions(dtype).device(new org.bytedeco.pytorch.DeviceOptional(device.toTorch()));
        try (Scope s = Scope.open()) {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = Scope.keep(torch.zeros(new long[] {batch, capacity, c.numKeyValueHeads(), c.headDim()}, options));
                values[i] = Scope.keep(torch.zeros(new long[] {batch, capacity, c.numKeyValueHeads(), c.headDim()}, options));
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
     * Writes layer {@code layer}'s new keys and values k, v (B, T, Hkv, d) at the current end and
     * returns views of everything cached so far, including them: (B, length + T, Hkv, d).
     */
    Tensor[] append(int layer, Tensor k, Tensor v) {
        long t = k.size(1);
        if (length + t > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + t + " positions exceed its capacity of " + capacity);
        }
        keys[layer].narrow(1, length, t).copy_(k);
        values[layer].narrow(1, length, t).copy_(v);
        return new Tensor[] {keys[layer].narrow(1, 0, length + t), values[layer].narrow(1, 0, length + t)};
    }

    /** Called once per forward pass, after every layer has appended {@code t} positions. */
    void advance(long t) {
        length += (int) t;
    }

    @Override
    public void close() {
        for (int i = 0; i < keys.length; i++) {
            Scope.release(keys[i]);
            Scope.release(values[i]);
        }
    }
}
