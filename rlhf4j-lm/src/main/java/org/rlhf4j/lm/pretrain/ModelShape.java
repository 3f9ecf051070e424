package org.rlhf4j.lm.pretrain;

import org.rlhf4j.lm.model.LlamaConfig;

/** The architecture knobs of a model trained from scratch (the vocabulary comes from the tokenizer). */
public record ModelShape(int hiddenSize, int layers, int heads, int keyValueHeads, int intermediateSize, int maxPositions, boolean tiedEmbeddings) {
    public ModelShape {
        if (hiddenSize < 8) throw new IllegalArgumentException("hiddenSize must be >= 8, got " + hiddenSize);
        if (layers < 1) throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        if (heads < 1 || hiddenSize % heads != 0) throw new IllegalArgumentException("heads must divide hiddenSize (" + hiddenSize + "), got " + heads);
        if (keyValueHeads < 1 || heads % keyValueHeads != 0) throw new IllegalArgumentException("keyValueHeads must divide heads (" + heads + "), got " + keyValueHeads);
        if (intermediateSize < 1) throw new IllegalArgumentException("intermediateSize must be >= 1, got " + intermediateSize);
        if (maxPositions < 2) throw new IllegalArgumentException("maxPositions must be >= 2, got " + maxPositions);
    }

    /** The embedded default: about 3.5 M parameters, trains in minutes on two cores. */
    public static ModelShape embedded() {
        return new ModelShape(192, 4, 6, 2, 512, 256, true);
    }

    public LlamaConfig toConfig(int vocabSize, int bos, int eos, int pad) {
        return new LlamaConfig(vocabSize, hiddenSize, intermediateSize, layers, heads, keyValueHeads, maxPositions, 1e-5, 10000.0, tiedEmbeddings, bos, eos, pad);
    }
}
