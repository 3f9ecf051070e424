package org.rlhf4j.core.rl;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The offline preference losses, as pure functions over per-sequence log-probabilities (N) of
 * replies under the policy and, where one is used, a frozen reference. Each returns a 0-dim loss
 * that carries the graph and the implicit rewards, detached, that TRL logs as
 * {@code rewards/chosen} and {@code rewards/rejected}.
 * <pre>
 *   h = (pi_c - ref_c) - (pi_r - ref_r)                                   the log-ratio margin
 *   sigmoid (DPO, Rafailov et al. 2023, https://arxiv.org/abs/2305.18290, eq. 7), with label
 *   smoothing eps (conservative DPO, Mitchell 2023: a label is wrong with probability eps):
 *     loss = mean( -(1 - eps) log sigmoid(beta h) - eps log sigmoid(-beta h) )
 *   ipo (Azar et al. 2023, https://arxiv.org/abs/2310.12036, eq. 17):
 *     loss = mean( (h - 1 / (2 beta))^2 )
 *   simpo (Meng et al. 2024, https://arxiv.org/abs/2405.14734, eq. 6), reference-free, on
 *   length-averaged log-probs a_c, a_r:
 *     loss = mean( -(1 - eps) log sigmoid(beta (a_c - a_r) - gamma) - eps log sigmoid(-(...)) )
 *   implicit rewards: beta (pi - ref) for DPO and IPO, beta a for SimPO
 * </pre>
 * The caller picks which log-probs go in: DPO sums over reply tokens; IPO, as TRL, takes
 * length-averaged log-probs (sums give margins in the tens of nats, far from the 1/(2 beta)
 * target); SimPO takes averages by definition. RPO (Pang et al. 2024, "Iterative Reasoning
 * Preference Optimization") adds {@code rpoAlpha} times the chosen replies' mean token NLL:
 * {@link #withNll}.
 *
 * <p>KTO (Ethayarajh et al. 2024, https://arxiv.org/abs/2402.01306, eq. 8) scores single
 * replies labelled desirable or undesirable against a reference point z0, the policy's KL to the
 * reference estimated on mismatched (prompt, reply) pairs, detached and clamped at 0:
 * <pre>
 *   r = pi - ref;  z0 = max(0, mean(pi_kl - ref_kl))
 *   desirable:   lambda_D (1 - sigmoid(beta (r - z0)))
 *   undesirable: lambda_U (1 - sigmoid(beta (z0 - r)))
 *   loss = mean over all N replies
 * </pre>
 * Every log sigmoid is computed as {@code -softplus(-x)}, finite for any finite x.
 */
public final class PreferenceLoss {
    private PreferenceLoss() {}

    /** 0-dim {@code loss} with the graph; (N) implicit rewards, detached. */
    public record Terms(Tensor loss, Tensor chosenRewards, Tensor rejectedRewards) {}

    /** 0-dim {@code loss} with the graph; (N) implicit rewards beta (pi - ref) and the 0-dim reference point z0, detached. */
    public record KtoTerms(Tensor loss, Tensor rewards, Tensor kl) {}

    /** DPO's sigmoid loss; {@code labelSmoothing} 0 is plain DPO. All four (N). */
    public static Terms sigmoid(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected,
                                double beta, double labelSmoothing) {
        checkBeta(beta);
        checkLabelSmoothing(labelSmoothing);
        checkPairs(policyChosen, policyRejected, referenceChosen, referenceRejected);
        Tensor chosenRatio = policyChosen.sub(referenceChosen);
        Tensor rejectedRatio = policyRejected.sub(referenceRejected);
        Tensor logits = chosenRatio.sub(rejectedRatio).mul(new Scalar(beta));
        Tensor loss = smoothedLogistic(logits, labelSmoothing).mean();
        return new Terms(loss, chosenRatio.detach().mul(new Scalar(beta)), rejectedRatio.detach().mul(new Scalar(beta)));
    }

    /** IPO's squared loss on the log-ratio margin, target 1 / (2 beta). All four (N), length-averaged as TRL does. */
    public static Terms ipo(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected, double beta) {
        checkBeta(beta);
        checkPairs(policyChosen, policyRejected, referenceChosen, referenceRejected);
        Tensor chosenRatio = policyChosen.sub(referenceChosen);
        Tensor rejectedRatio = policyRejected.sub(referenceRejected);
        Tensor gap = chosenRatio.sub(rejectedRatio).sub(new Scalar(1.0 / (2 * beta)));
        return new Terms(gap.mul(gap).mean(), chosenRatio.detach().mul(new Scalar(beta)), rejectedRatio.detach().mul(new Scalar(beta)));
    }

    /** SimPO: reference-free, on length-averaged log-probs (N) each, with target margin {@code gamma}. */
    public static Terms simpo(Tensor policyChosenMean, Tensor policyRejectedMean, double beta, double gamma, double labelSmoothing) {
        checkBeta(beta);
        checkLabelSmoothing(labelSmoothing);
        if (!Double.isFinite(gamma)) throw new IllegalArgumentException("simpo_gamma must be finite, got " + gamma);
        MaskedStats.checkSameShape("policyRejectedMean", policyRejectedMean, "policyChosenMean", policyChosenMean);
        Tensor logits = policyChosenMean.sub(policyRejectedMean).mul(new Scalar(beta)).sub(new Scalar(gamma));
        Tensor loss = smoothedLogistic(logits, labelSmoothing).mean();
        return new Terms(loss, policyChosenMean.detach().mul(new Scalar(beta)), policyRejectedMean.detach().mul(new Scalar(beta)));
    }

    /** {@code terms} with {@code rpoAlpha} times {@code chosenNll} (0-dim, the mean NLL per chosen token) added to the loss. */
    public static Terms withNll(Terms terms, Tensor chosenNll, double rpoAlpha) {
        if (!(rpoAlpha >= 0) || Double.isInfinite(rpoAlpha)) throw new IllegalArgumentException("rpo_alpha must be >= 0 and finite, got " + rpoAlpha);
        if (rpoAlpha == 0) return terms;
        return new Terms(terms.loss().add(chosenNll.mul(new Scalar(rpoAlpha))), terms.chosenRewards(), terms.rejectedRewards());
    }

    /**
     * KTO's loss.
     *
     * @param policy     (N) summed log-probs of the labelled replies under the policy
     * @param reference  (N) the same under the reference
     * @param desirable  (N) 1 for a desirable reply, 0 for an undesirable one (float or bool)
     * @param policyKl   (M) summed log-probs of mismatched replies (another prompt's reply) under the policy
     * @param referenceKl (M) the same under the reference
     */
    public static KtoTerms kto(Tensor policy, Tensor reference, Tensor desirable, Tensor policyKl, Tensor referenceKl,
                               double beta, double desirableWeight, double undesirableWeight) {
        checkBeta(beta);
        if (!(desirableWeight > 0) || Double.isInfinite(desirableWeight)) throw new IllegalArgumentException("desirable_weight must be > 0 and finite, got " + desirableWeight);
        if (!(undesirableWeight > 0) || Double.isInfinite(undesirableWeight)) throw new IllegalArgumentException("undesirable_weight must be > 0 and finite, got " + undesirableWeight);
        MaskedStats.checkSameShape("reference", reference, "policy", policy);
        MaskedStats.checkSameShape("desirable", desirable, "policy", policy);
        MaskedStats.checkSameShape("referenceKl", referenceKl, "policyKl", policyKl);
        Tensor kl = policyKl.detach().sub(referenceKl.detach()).mean().clamp_min(new Scalar(0.0));    // z0, 0-dim
        Tensor ratio = policy.sub(reference);                                                          // (N)
        Tensor good = desirable.to(torch.ScalarType.Bool);
        // 1 - sigmoid(x) = sigmoid(-x)
        Tensor desirableLoss = torch.sigmoid(kl.sub(ratio).mul(new Scalar(beta))).mul(new Scalar(desirableWeight));
        Tensor undesirableLoss = torch.sigmoid(ratio.sub(kl).mul(new Scalar(beta))).mul(new Scalar(undesirableWeight));
        Tensor loss = torch.where(good, desirableLoss, undesirableLoss).mean();
        return new KtoTerms(loss, ratio.detach().mul(new Scalar(beta)), kl);
    }

    /** -(1 - eps) log sigmoid(x) - eps log sigmoid(-x) = (1 - eps) softplus(-x) + eps softplus(x), elementwise. */
    private static Tensor smoothedLogistic(Tensor logits, double labelSmoothing) {
        Tensor loss = torch.softplus(logits.neg());
        if (labelSmoothing == 0) return loss;
        return loss.mul(new Scalar(1 - labelSmoothing)).add(torch.softplus(logits).mul(new Scalar(labelSmoothing)));
    }

    private static void checkBeta(double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
    }

    private static void checkLabelSmoothing(double eps) {
        if (!(eps >= 0 && eps < 0.5)) throw new IllegalArgumentException("label_smoothing must be in [0, 0.5), got " + eps);
    }

    private static void checkPairs(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected) {
        MaskedStats.checkSameShape("policyRejected", policyRejected, "policyChosen", policyChosen);
        MaskedStats.checkSameShape("referenceChosen", referenceChosen, "policyChosen", policyChosen);
        MaskedStats.checkSameShape("referenceRejected", referenceRejected, "policyChosen", policyChosen);
    }
}
