package org.rlhf4j.align.policy;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.rlhf4j.core.nn.ParameterSet;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * A causal language model, optionally with a {@link ValueHead} on its hidden states (TRL's
 * {@code AutoModelForCausalLMWithValueHead}). {@link #forward} reads log-probabilities, entropy
 * and values on the response tokens of a {@link ResponseBatch} in one pass: the LM head runs only
 * on the positions that predict response tokens. A reference model is a {@code PolicyModel}
 * without a value head whose parameters are frozen ({@link #freeze}).
 *
 * <p>Owns the language model and the head; close it to free both.
 */
public final class PolicyModel implements AutoCloseable {
    private final LlamaModel model;
    private final ValueHead valueHead;   // null for a reference model

    public PolicyModel(LlamaModel model, ValueHead valueHead) {
        this.model = model;
        this.valueHead = valueHead;
    }

    public LlamaModel model() {
        return model;
    }

    public ValueHead valueHead() {
        return valueHead;
    }

    public ComputeDevice device() {
        return model.device();
    }

    /** Stops gradients into every parameter: what {@code create_reference_model} gives. */
    public PolicyModel freeze() {
        for (ParameterSet.Entry e : entries()) e.tensor().set_requires_grad(false);
        return this;
    }

    /** The language model's parameters, then the value head's. */
    public List<ParameterSet.Entry> entries() {
        List<ParameterSet.Entry> all = new ArrayList<>(model.parameters().entries());
        if (valueHead != null) all.addAll(valueHead.parameters().entries());
        return all;
    }

    /**
     * Per response token, (B, R) each (zero where the mask is 0): log-probs of the response's
     * tokens under {@code log_softmax(logits / temperature)}, the entropy of that distribution,
     * the value head's estimate of the state before the token (null without a head), and the whole
     * log-softmax (B, R, V) when {@code keepDistribution} (for the exact KL).
     */
    public record Forward(Tensor logProbs, Tensor entropy, Tensor values, Tensor logSoftmax) {}

    /** One pass in the caller's scope, grad mode and precision; the value head's gradient reaches the trunk. */
    public Forward forward(LlamaModel.FusedWeights w, ResponseBatch batch, double temperature, boolean keepDistribution) {
        return forward(w, batch, temperature, keepDistribution, false);
    }

    /** As above; with {@code detachValueFeatures} the value head reads the trunk's features without sending its gradient back. */
    public Forward forward(LlamaModel.FusedWeights w, ResponseBatch batch, double temperature, boolean keepDistribution, boolean detachValueFeatures) {
        ComputeDevice device = model.device();
        long b = batch.batch(), r = batch.responseLength();
        Tensor hidden = model.hidden(w, batch.idsTensor(device), batch.positions(device), null, null);   // (B, T, D)
        long d = hidden.size(2);
        Tensor picked = hidden.reshape(-1, d).index_select(0, batch.predictingPositions(device));       // (B*R, D)
        TokenLogProbs.Terms t = TokenLogProbs.of(model.logits(picked), batch.targets(device), temperature, keepDistribution);
        Tensor mask = batch.maskTensor(device);                                                         // (B, R)
        Tensor logProbs = t.logProbs().view(b, r).mul(mask);
        Tensor entropy = t.entropy().view(b, r).mul(mask);
        Tensor values = valueHead == null ? null : valueHead.values(detachValueFeatures ? picked.detach() : picked).view(b, r).mul(mask);
        Tensor dist = keepDistribution ? t.logSoftmax().view(b, r, -1) : null;
        return new Forward(logProbs, entropy, values, dist);
    }

    /**
     * (B, R) log-probs of the response tokens under the model at temperature 1 (zero where the mask
     * is 0): {@link #forward}'s first output without the entropy and values, for sequence scores.
     */
    public Tensor replyLogProbs(LlamaModel.FusedWeights w, ResponseBatch batch) {
        ComputeDevice device = model.device();
        Tensor hidden = model.hidden(w, batch.idsTensor(device), batch.positions(device), null, null);   // (B, T, D)
        Tensor picked = hidden.reshape(-1, hidden.size(2)).index_select(0, batch.predictingPositions(device));   // (B*R, D)
        Tensor logProbs = TokenLogProbs.of(model.logits(picked), batch.targets(device), 1.0, false, false).logProbs();
        return logProbs.view(batch.batch(), batch.responseLength()).mul(batch.maskTensor(device));
    }

    @Override
    public void close() {
        if (valueHead != null) valueHead.close();
        model.close();
    }
}
