package org.rlhf4j.align.rloo;

import static org.rlhf4j.align.online.OnlineDoctor.fmt;
import static org.rlhf4j.align.online.OnlineDoctor.headMean;
import static org.rlhf4j.align.online.OnlineDoctor.max;
import static org.rlhf4j.align.online.OnlineDoctor.min;
import static org.rlhf4j.align.online.OnlineDoctor.series;
import static org.rlhf4j.align.online.OnlineDoctor.tailMean;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlhf4j.align.online.OnlineDoctor;
import org.rlhf4j.align.online.OnlineDoctor.Finding;
import org.rlhf4j.align.online.OnlineDoctor.Findings;
import org.rlhf4j.align.online.OnlineDoctor.Severity;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.rlhf4j.core.run.MetricNames.Rloo;

/** Reads an RLOO run's metrics: groups with no reward spread, KL running away or negative, ratios clipped often, entropy collapse, length drift, reward hacking. */
public final class RlooDoctor {
    private static final String HEALTHY = "reward spread within groups, KL, clipping, entropy and length look healthy.";

    private RlooDoctor() {}

    public static Findings examine(List<Map<String, Object>> rows, List<OnlineEvaluation.Result> evaluations) {
        List<Finding> out = new ArrayList<>();
        double[] kl = series(rows, Rloo.KL), zeroStd = series(rows, Rloo.FRAC_REWARD_ZERO_STD), clipfrac = series(rows, Rloo.CLIPFRAC),
                entropy = series(rows, Rloo.ENTROPY), length = series(rows, Rloo.RESPONSES_LEN_MEAN), firstRatio = series(rows, Rloo.FIRST_RATIO_ERROR);
        if (kl.length == 0) return new Findings(out, HEALTHY);
        OnlineDoctor.hacking(evaluations, out);
        if (zeroStd.length > 0 && tailMean(zeroStd) > 0.5) {
            out.add(new Finding(Severity.WARNING, "most groups have zero reward variance",
                    fmt("in the last steps %.0f%% of groups gave all rloo_k replies the same score, so their leave-one-out advantages are only the KL term's. Use a graded "
                            + "reward or raise rloo_k.", 100 * tailMean(zeroStd))));
        }
        if (max(firstRatio) > 1e-4) {
            out.add(new Finding(Severity.WARNING, "sampling and training disagree",
                    fmt("the first micro-batch's |ratio - 1| was %.2g before any update; it should be 0.", max(firstRatio))));
        }
        if (min(kl) < -0.5) {
            out.add(new Finding(Severity.WARNING, "negative KL",
                    fmt("objective/kl reached %.2f nats: the single-sample estimate sum_t (log pi - log pi_ref) is unbiased only on the policy's own samples at the "
                            + "temperature its log-probs use. Check the sampling settings, or use more replies per step.", min(kl))));
        }
        if (tailMean(kl) > 25) {
            out.add(new Finding(Severity.WARNING, "exploding KL",
                    fmt("objective/kl ends at %.1f nats per reply. Raise kl_coef, lower learning_rate, or stop earlier.", tailMean(kl))));
        }
        if (tailMean(clipfrac) > 0.3) {
            out.add(new Finding(Severity.WARNING, "ratios clipped often",
                    fmt("%.0f%% of replies' sequence ratios were clipped in the last steps: a reply's ratio multiplies over all its tokens, so it leaves the clip range fast. "
                            + "Lower learning_rate or num_ppo_epochs.", 100 * tailMean(clipfrac))));
        }
        if (entropy.length >= 8 && tailMean(entropy) < 0.2 * headMean(entropy)) {
            out.add(new Finding(Severity.WARNING, "entropy collapse",
                    fmt("objective/entropy fell from %.1f to %.1f nats per reply. Raise kl_coef or lower learning_rate.", headMean(entropy), tailMean(entropy))));
        }
        if (length.length >= 8) {
            double ratio = tailMean(length) / Math.max(1e-9, headMean(length));
            if (ratio > 1.5 || ratio < 0.67) {
                out.add(new Finding(Severity.NOTE, "response length drifted",
                        fmt("replies went from %.0f to %.0f tokens on average. If the gold score did not follow, the reward is paying for length.", headMean(length), tailMean(length))));
            }
        }
        return new Findings(out, HEALTHY);
    }
}
