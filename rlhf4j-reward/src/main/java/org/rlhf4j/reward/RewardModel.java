package org.rlhf4j.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.tensor.Ops;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * A language model's backbone with a linear head on the last token's final hidden state:
 * {@code r = W h_last}, W (H, D), one row per ensemble head (H = 1 for a single model). The head
 * is Hugging Face's {@code LlamaForSequenceClassification.score} (no bias: Bradley-Terry only sees
 * differences). With ordinal rating loss the head also holds per-head thresholds.
 *
 * <p>Owns the backbone; close it to free both.
 */
public final class RewardModel implements AutoCloseable {
    public static final String SCORE = "score.weight";
    /** (H, STARS - 1) raw thresholds: column 0 is the first cut, the others softplus-ed gaps. */
    public static final String THRESHOLDS = "score.thresholds";
    public static final int STARS = 5;

    private final LlamaModel backbone;
    private final ParameterSet head;
    private final ChatTemplate template;
    private Normalisation normalisation;

    private RewardModel(LlamaModel backbone, ParameterSet head, ChatTemplate template, Normalisation normalisation) {
        this.backbone = backbone;
        this.head = head;
        this.template = template;
        this.normalisation = normalisation;
    }

    /** A new head (N(0, 0.02^2), Hugging Face's init) on {@code backbone}; {@code ordinal} adds rating thresholds. */
    public static RewardModel initialise(LlamaModel backbone, int heads, boolean ordinal, ChatTemplate template, SplittableRandom rng) {
        if (heads < 1) throw new IllegalArgumentException("heads must be >= 1, got " + heads);
        ParameterSet head = new ParameterSet(backbone.device());
        head.normal(SCORE, rng, 0.02, heads, backbone.config().hiddenSize());
        if (ordinal) {
            // Cuts at -1.5, -0.5, 0.5, 1.5: raw gap g with softplus(g) = 1 is log(e - 1).
            head.constant(THRESHOLDS, 0f, heads, STARS - 1);
            float[] raw = new float[heads * (STARS - 1)];
            for (int h = 0; h < heads; h++) {
                raw[h * (STARS - 1)] = -1.5f;
                for (int k = 1; k < STARS - 1; k++) raw[h * (STARS - 1) + k] = (float) Math.log(Math.E - 1);
            }
            head.assign(THRESHOLDS, raw, new long[] {heads, STARS - 1});
        }
        return new RewardModel(backbone, head, template, Normalisation.identity());
    }

    /** From saved parts (see {@link RewardCheckpoint}). */
    static RewardModel of(LlamaModel backbone, ParameterSet head, ChatTemplate template, Normalisation normalisation) {
        return new RewardModel(backbone, head, template, normalisation);
    }

    public LlamaModel backbone() {
        return backbone;
    }

    public ParameterSet head() {
        return head;
    }

    public ChatTemplate template() {
        return template;
    }

    /** {@code maxLength} capped at the backbone's positions (longer sequences have no rotary position). */
    public int fit(int maxLength) {
        return Math.min(maxLength, backbone.config().maxPositionEmbeddings());
    }

    public int heads() {
        return (int) head.shape(SCORE)[0];
    }

    public boolean ordinal() {
        return head.contains(THRESHOLDS);
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    public void setNormalisation(Normalisation n) {
        this.normalisation = n;
    }

    /**
     * Raw scores (B, H) of right-padded sequences, in the caller's scope and grad mode.
     */
    public Tensor scores(LlamaModel.FusedWeights w, Sequences batch) {
        var device = backbone.device();
        Tensor ids = batch.idsTensor(device);                                                      // (B, T)
        Tensor positions = device.place(torch.arange(new Scalar(batch.length())).unsqueeze(0).expand(batch.batch(), batch.length()));
        Tensor hidden = backbone.hidden(w, ids, positions, null, null);                            // (B, T, D)
        long d = hidden.size(2);
        Tensor last = hidden.reshape(-1, d).index_select(0, batch.lastPositions(device));          // (B, D)
        return Ops.linear(last.to(torch.ScalarType.Float), head.get(SCORE));                       // (B, H)
    }

    /** Increasing cut points (H, STARS - 1) from the raw thresholds: first cut, then + softplus(gap). */
    public Tensor cutPoints() {
        Tensor raw = head.get(THRESHOLDS);                                                          // (H, 4)
        Tensor first = raw.narrow(1, 0, 1);
        Tensor gaps = torch.softplus(raw.narrow(1, 1, STARS - 2));
        return torch.cat(new org.bytedeco.pytorch.TensorVector(first, gaps), 1).cumsum(1);
    }

    /** Every parameter's entry: the backbone's then the head's. */
    public List<ParameterSet.Entry> entries() {
        List<ParameterSet.Entry> all = new ArrayList<>(backbone.parameters().entries());
        all.addAll(head.entries());
        return all;
    }

    @Override
    public void close() {
        head.close();
        backbone.close();
    }
}
