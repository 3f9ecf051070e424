package org.rlhf4j.reward;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.preference.BradleyTerry;
import org.rlhf4j.core.tensor.TensorData;

/**
 * The reward model's training loss over a {@link RewardBatch}, a pure function of the scores:
 * <pre>
 *   total = pairs + tieWeight * ties + ratingWeight * ratings + centerCoefficient * centring
 *   pairs    = weighted mean of -log sigmoid(r_better - r_worse - margin)          (Bradley-Terry)
 *   ties     = weighted mean of BradleyTerry.tieLoss(r_a, r_b)                      (0 when equal)
 *   ratings  = weighted mean of -log P(stars | r, cuts)  (ordinal)  or  (r - (stars - 3))^2
 *   centring = weighted mean of (r_a + r_b)^2 over pairs and ties (TRL's center_rewards_coefficient)
 * </pre>
 * Every head has its own column of scores and is trained by the same terms, each with its own
 * weights. Parts with no terms in the batch are 0.
 */
public record RewardLoss(double tieWeight, double ratingWeight, RatingLoss ratingLoss, double centerCoefficient) {
    /** Far beyond any cut point; stands for -inf and +inf without producing NaN gradients. */
    private static final double FAR = 1e4;

    public RewardLoss {
        if (!(tieWeight >= 0) || !(ratingWeight >= 0) || !(centerCoefficient >= 0)) {
            throw new IllegalArgumentException("loss weights must be >= 0 (tie " + tieWeight + ", rating " + ratingWeight + ", centring " + centerCoefficient + ")");
        }
    }

    /** The total (a scalar with autograd history) and each part as a number. */
    public record Parts(Tensor total, double pairs, double ties, double ratings, double centring) {}

    /**
     * @param rewards (N, H) fp32 scores of the batch's sequences
     * @param cuts    (H, 4) increasing cut points, needed for ordinal ratings, else null
     */
    public Parts compute(Tensor rewards, RewardBatch b, Tensor cuts) {
        int h = b.heads();
        Tensor total = on(rewards, torch.zeros(new long[] {}, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Float)));
        double pairs = 0, ties = 0, ratings = 0, centring = 0;
        Tensor centreSum = null, centreWeight = null;
        if (b.pairs() > 0) {
            Tensor better = pick(rewards, b.pairBetter()), worse = pick(rewards, b.pairWorse());          // (P, H)
            Tensor margin = on(rewards, TensorData.floats(b.pairMargin(), b.pairs(), 1));              // (P, 1)
            Tensor w = on(rewards, TensorData.floats(b.pairWeight(), b.pairs(), h));
            Tensor loss = weightedMean(BradleyTerry.pairLosses(better, worse, margin), w);
            total = total.add(loss);
            pairs = TensorData.scalar(loss);
            centreSum = better.add(worse).pow(new Scalar(2)).mul(w).sum();
            centreWeight = w.sum();
        }
        if (b.ties() > 0) {
            Tensor a = pick(rewards, b.tieA()), c = pick(rewards, b.tieB());
            Tensor w = on(rewards, TensorData.floats(b.tieWeight(), b.ties(), h));
            Tensor loss = weightedMean(BradleyTerry.tieLosses(a, c), w);
            total = total.add(loss.mul(new Scalar(tieWeight)));
            ties = TensorData.scalar(loss);
            Tensor s = a.add(c).pow(new Scalar(2)).mul(w).sum();
            centreSum = centreSum == null ? s : centreSum.add(s);
            centreWeight = centreWeight == null ? w.sum() : centreWeight.add(w.sum());
        }
        if (b.ratings() > 0) {
            Tensor r = pick(rewards, b.rated());                                                       // (R, H)
            Tensor w = on(rewards, TensorData.floats(b.ratingWeight(), b.ratings(), h));
            Tensor losses = ratingLoss == RatingLoss.ORDINAL ? ordinal(r, b.stars(), cuts) : regression(r, b.stars());
            Tensor loss = weightedMean(losses, w);
            total = total.add(loss.mul(new Scalar(ratingWeight)));
            ratings = TensorData.scalar(loss);
        }
        if (centreSum != null && centerCoefficient > 0) {
            Tensor c = centreSum.div(centreWeight.clamp_min(new Scalar(1e-12)));
            total = total.add(c.mul(new Scalar(centerCoefficient)));
            centring = TensorData.scalar(c);
        } else if (centreSum != null) {
            centring = TensorData.scalar(centreSum.div(centreWeight.clamp_min(new Scalar(1e-12))));
        }
        return new Parts(total, pairs, ties, ratings, centring);
    }

    /**
     * -log P(stars | r) under the cumulative-link model: P = sigmoid(u - r) - sigmoid(l - r) with
     * l, u the cuts below and above the stars (-inf below 1 star, +inf above 5), computed as
     * -(log sigmoid(u - r) + log(1 - exp(log sigmoid(l - r) - log sigmoid(u - r)))).
     */
    static Tensor ordinal(Tensor r, int[] stars, Tensor cuts) {
        if (cuts == null) throw new IllegalArgumentException("ordinal rating loss needs the model's cut points (a head made with ordinal = true)");
        long h = cuts.size(0);
        Tensor low = on(cuts, torch.full(new long[] {h, 1}, new Scalar(-FAR))), high = on(cuts, torch.full(new long[] {h, 1}, new Scalar(FAR)));
        Tensor padded = torch.cat(new TensorVector(low, cuts, high), 1).t();                          // (6, H): -inf, c1..c4, +inf
        long[] upperIdx = new long[stars.length], lowerIdx = new long[stars.length];
        for (int i = 0; i < stars.length; i++) {
            upperIdx[i] = stars[i];
            lowerIdx[i] = stars[i] - 1;
        }
        Tensor upper = padded.index_select(0, on(cuts, TensorData.longs(upperIdx, stars.length)));    // (R, H)
        Tensor lower = padded.index_select(0, on(cuts, TensorData.longs(lowerIdx, stars.length)));
        Tensor logUpper = torch.log_sigmoid(upper.sub(r)), logLower = torch.log_sigmoid(lower.sub(r));
        Tensor gap = logLower.sub(logUpper).clamp_max(new Scalar(-1e-6));
        return logUpper.add(torch.log1p(torch.exp(gap).neg())).neg();
    }

    /** (r - (stars - 3))^2. */
    static Tensor regression(Tensor r, int[] stars) {
        float[] target = new float[stars.length];
        for (int i = 0; i < stars.length; i++) target[i] = stars[i] - 3f;
        return r.sub(on(r, TensorData.floats(target, stars.length, 1))).pow(new Scalar(2));
    }

    private static Tensor pick(Tensor rewards, int[] rows) {
        long[] idx = new long[rows.length];
        for (int i = 0; i < rows.length; i++) idx[i] = rows[i];
        return rewards.index_select(0, TensorData.longs(idx, rows.length).to(rewards.device(), torch.ScalarType.Long));
    }

    /** {@code t} on {@code like}'s device (a no-op on the CPU). */
    private static Tensor on(Tensor like, Tensor t) {
        return like.device().is_cpu() ? t : t.to(like.device(), t.scalar_type());
    }

    private static Tensor weightedMean(Tensor values, Tensor w) {
        return values.mul(w).sum().div(w.sum().clamp_min(new Scalar(1e-12)));
    }
}
