package org.rlhf4j.lm.model;

import java.util.SplittableRandom;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;

/** Tiny configurations for fast tests (milliseconds per forward pass). */
public final class TinyModels {
    private TinyModels() {}

    /** vocab 48, d 32, 2 layers, 4 query heads sharing 2 key/value heads, untied head. */
    public static LlamaConfig config(boolean tied) {
        return new LlamaConfig(48, 32, 64, 2, 4, 2, 64, 1e-5, 10000.0, tied, 1, 2, 0);
    }

    public static LlamaModel model(boolean tied, long seed) {
        Engine.setThreads(1);
        return new LlamaModel(config(tied), ComputeDevice.CPU, new SplittableRandom(seed));
    }
}
