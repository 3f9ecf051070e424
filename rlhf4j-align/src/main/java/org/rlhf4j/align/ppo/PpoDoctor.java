package org.rlhf4j.align.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlhf4j.align.online.OnlineDoctor.Finding;
import org.rlhf4j.align.online.OnlineDoctor.Findings;
import org.rlhf4j.align.online.OnlineDoctor.Severity;
import org.rlhf4j.align.online.OnlineEvaluation;
import org.rlhf4j.core.run.MetricNames.Ppo;

import static org.rlhf4j.align.online.OnlineDoctor.*;

/**
 * Reads a PPO run's metrics and evaluations and explains in plain words what went wrong, with
 * what to change: the questions TRL's and OpenRLHF's users ask most in their issue trackers
 * (negative or exploding KL, ratios far from 1, a value head that learns nothing, entropy
 * collapse, length drift, a falling EOS rate, a reward that pays for length) and reward hacking:
 * the reward rising while the gold score falls ({@link OnlineDoctor#hacking}, shared with GRPO and RLOO).
 */
public final class PpoDoctor {
    private static final String HEALTHY = "KL, ratios, value head, entropy, length and EOS rate look healthy.";

    private PpoDoctor() {}

    /** @param rows metrics.jsonl's records; @param evaluations the run's evaluations in step order */
    public static Findings examine(List<Map<String, Object>> rows, List<OnlineEvaluation.Result> evaluations) {
        List<Finding> out = new ArrayList<>();
        double[] kl = series(rows, Ppo.KL), entropy = series(rows, Ppo.ENTROPY), length = series(rows, Ppo.RESPONSES_LEN_MEAN), eos = series(rows, Ppo.EOS_RATE),
                ratioMax = series(rows, Ppo.POLICY_RATIO_MAX), clipfrac = series(rows, Ppo.POLICY_CLIPFRAC), explained = series(rows, Ppo.VAL_VAR_EXPLAINED),
                valueLoss = series(rows, Ppo.LOSS_VALUE), score = series(rows, Ppo.MEAN_SCORES), firstRatio = series(rows, Ppo.POLICY_FIRST_RATIO_ERROR);
        if (kl.length == 0) return new Findings(out, HEALTHY);
        hacking(evaluations, out);
        double minKl = min(kl);
        if (minKl < -0.5) {
            out.add(new Finding(Severity.WARNING, "negative KL",
                    fmt("objective/kl reached %.2f nats. The kl estimator (log pi - log pi_ref of the sampled token) is unbiased only for tokens sampled from the policy at the "
                            + "temperature its log-probs use; a negative mean says the samples came from another distribution (top-k, top-p, a minimum length or another "
                            + "temperature) or the batch is too small. Sample with the training temperature and no truncation, or use kl_penalty k3 or abs, which are never negative.", minKl)));
        }
        double lastKl = tailMean(kl);
        if (lastKl > 25) {
            out.add(new Finding(Severity.WARNING, "exploding KL",
                    fmt("objective/kl ends at %.1f nats per reply: the policy has moved far from the reference, where the reward model was never trained. Raise init_kl_coef "
                            + "(or lower the adaptive target), lower learning_rate, or stop earlier.", lastKl)));
        }
        double firstRatioError = max(firstRatio);
        if (firstRatioError > 1e-4) {
            out.add(new Finding(Severity.WARNING, "rollout and training disagree",
                    fmt("the first micro-batch's |ratio - 1| was %.2g before any update; it should be 0. Something differs between the rollout's forward pass and the training pass "
                            + "(dropout, a different precision, or log-probs taken under another temperature).", firstRatioError)));
        }
        if (max(ratioMax) > 5 || tailMean(clipfrac) > 0.3) {
            out.add(new Finding(Severity.WARNING, "ratios far from 1",
                    fmt("the policy ratio reached %.1f and %.0f%% of tokens were clipped in the last steps: each step moves the policy too far. Lower learning_rate or ppo_epochs, or "
                            + "raise mini_batch_size.", max(ratioMax), 100 * tailMean(clipfrac))));
        }
        if (explained.length >= 8 && tailMean(explained) < 0.05) {
            out.add(new Finding(Severity.WARNING, "value head explains nothing",
                    fmt("ppo/val/var_explained averages %.2f over the last steps, so advantages are mostly noise. Check the score scale (use_score_scaling), raise vf_coef, or "
                            + "train longer before judging.", tailMean(explained))));
        }
        if (valueLoss.length >= 8 && tailMean(valueLoss) > 10 * Math.max(1e-6, headMean(valueLoss))) {
            out.add(new Finding(Severity.WARNING, "value loss blowing up",
                    fmt("ppo/loss/value grew from %.3g to %.3g. Scores may be on an unbounded scale: use use_score_scaling or score_clip, and a cliprange_value of 0.2.",
                            headMean(valueLoss), tailMean(valueLoss))));
        }
        if (entropy.length >= 8 && tailMean(entropy) < 0.2 * headMean(entropy)) {
            out.add(new Finding(Severity.WARNING, "entropy collapse",
                    fmt("objective/entropy fell from %.1f to %.1f nats per reply: the policy now says nearly the same thing every time, which usually means it found one reply "
                            + "the reward model likes. Raise the KL coefficient or ent_coef, or lower learning_rate.", headMean(entropy), tailMean(entropy))));
        }
        if (length.length >= 8) {
            double ratio = tailMean(length) / Math.max(1e-9, headMean(length));
            if (ratio > 1.5 || ratio < 0.67) {
                out.add(new Finding(Severity.NOTE, "response length drifted",
                        fmt("replies went from %.0f to %.0f tokens on average. If the gold score did not follow, the reward model is paying for length: correct it with "
                                + "length-balanced comparisons or a length penalty.", headMean(length), tailMean(length))));
                double c = correlation(score, length);
                if (c > 0.7) {
                    out.add(new Finding(Severity.WARNING, "reward follows length",
                            fmt("across steps the mean score and mean length correlate at %.2f.", c)));
                }
            }
        }
        if (eos.length >= 8 && tailMean(eos) < headMean(eos) - 0.2) {
            out.add(new Finding(Severity.WARNING, "EOS rate falling",
                    fmt("the share of replies that end with EOS fell from %.0f%% to %.0f%%: replies run into max_new_tokens. Set missing_eos_penalty, or check that the reward "
                            + "does not favour long replies.", 100 * headMean(eos), 100 * tailMean(eos))));
        }
        return new Findings(out, HEALTHY);
    }
}
