package org.rlhf4j.lm.tokenizer;

import java.util.List;

/**
 * The special tokens rlhf4j's own tokenizers reserve, and the ids {@link BpeTrainer} gives them
 * (their position in {@link #DEFAULTS}).
 *
 * <p>They are plain visible ASCII so that the byte-level decoder passes them through unchanged.
 */
public final class SpecialTokens {

    /** Padding; id 0 so that zero-filled id buffers read as padding. */
    public static final String PAD = "<|pad|>";
    /** Beginning of a sequence. */
    public static final String BOS = "<|bos|>";
    /** End of a sequence (and of a turn: generation stops here). */
    public static final String EOS = "<|eos|>";
    /** Opens the system turn of a chat. */
    public static final String SYSTEM = "<|system|>";
    /** Opens a user turn of a chat. */
    public static final String USER = "<|user|>";
    /** Opens an assistant turn of a chat. */
    public static final String ASSISTANT = "<|assistant|>";

    /** All of the above in id order: pad=0, bos=1, eos=2, system=3, user=4, assistant=5. */
    public static final List<String> DEFAULTS = List.of(PAD, BOS, EOS, SYSTEM, USER, ASSISTANT);

    private SpecialTokens() {}
}
