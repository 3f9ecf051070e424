package org.rlhf4j.align.grpo;

import static org.rlhf4j.align.online.OnlineDoctor.fmt;
import static org.rlhf4j.align.online.OnlineDoctor.headMean;
import static org.rlhf4j.align.online.OnlineDoctor.max;
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
import org.rlhf4j.core.run.MetricNames.Grpo;

/**
 * Reads a GRPO run's metrics and explains what its users ask most: why the loss is 0 (TRL issue
 * #2703), groups whose rewards do not vary (TRL's {@code frac_reward_zero_std}: they teach
 * nothing), a KL running away, entropy collapse, clipping, replies running into
 * max_completion_length, sampling and training disagreeing, and reward hacking.
 */
public final class GrpoDoctor {
    private static final String HEALTHY = "reward spread within groups, KL, clipping, entropy and length look healthy.";

    private GrpoDoctor() {}

    /** @param rows metrics.jsonl's records; @param evaluations the run's evaluations in step order; @param numIterations the run's */
    public static Findings examine(List<Map<String, Object>> rows, List<OnlineEvaluation.Result> evaluations, int numIterations) {
        List<Finding> out = new ArrayList<>();
        double[] loss = series(rows, Grpo.LOSS), zeroStd = series(rows, Grpo.FRAC_REWARD_ZERO_STD), kl = series(rows, Grpo.KL), entropy = series(rows, Grpo.ENTROPY),
                grad = series(rows, Grpo.GRAD_NORM), region = series(rows, Grpo.CLIP_RATIO_REGION), clipped = series(rows, Grpo.COMPLETIONS_CLIPPED_RATIO),
                firstRatio = series(rows, Grpo.FIRST_RATIO_ERROR), length = series(rows, Grpo.COMPLETIONS_MEAN_LENGTH);
        if (loss.length == 0) return new Findings(out, HEALTHY);
        OnlineDoctor.hacking(evaluations, out);
        double meanAbsLoss = 0;
        for (double l : loss) meanAbsLoss += Math.abs(l) / loss.length;
        if (meanAbsLoss < 0.05 && tailMean(grad) > 0) {
            out.add(new Finding(Severity.NOTE, "the loss is near zero, as it should be",
                    fmt("the mean |loss| is %.3g while the gradient norm is %.3g: the policy is learning. %s Group-normalised advantages have mean 0 in every group, so "
                            + "-mean(A x ratio) is 0, while its gradient, -mean(A x grad log pi), is not. The loss's value tells nothing here (TRL issue #2703); watch reward, "
                            + "kl and the held-out gold instead.", meanAbsLoss, tailMean(grad),
                            numIterations == 1 ? "With num_iterations 1 the ratio is exactly 1 (old log-probs are the policy's own)."
                                    : "Near the start of each batch the ratio is 1.")));
        }
        double zero = tailMean(zeroStd);
        if (zeroStd.length > 0 && zero > 0.5) {
            out.add(new Finding(Severity.WARNING, "most groups have zero reward variance",
                    fmt("in the last steps %.0f%% of groups gave every reply the same reward (frac_reward_zero_std), so their advantages are 0 and they teach nothing. "
                            + "The reward is too coarse or the task too easy or too hard for the policy: use a graded reward, raise num_generations or temperature, or "
                            + "filter out prompts the policy always or never solves.", 100 * zero)));
        } else if (zeroStd.length > 0 && max(zeroStd) > 0.2) {
            out.add(new Finding(Severity.NOTE, "some groups have zero reward variance",
                    fmt("up to %.0f%% of a step's groups gave every reply the same reward (frac_reward_zero_std, %.0f%% in the last steps): those prompts taught nothing that step.",
                            100 * max(zeroStd), 100 * zero)));
        }
        double firstRatioError = max(firstRatio);
        if (firstRatioError > 1e-4) {
            out.add(new Finding(Severity.WARNING, "sampling and training disagree",
                    fmt("the first micro-batch's |ratio - 1| was %.2g before any update; it should be 0. The old log-probs and the training pass differ (dropout, "
                            + "precision, or another temperature).", firstRatioError)));
        }
        if (kl.length >= 4 && tailMean(kl) > 0.1) {
            out.add(new Finding(Severity.WARNING, "KL to the reference running away",
                    fmt("kl (k3, per token) ends at %.3f, about %.1f nats per reply: the policy is far from the reference. Raise beta, lower learning_rate, or stop earlier.",
                            tailMean(kl), tailMean(kl) * (length.length > 0 ? tailMean(length) : 1))));
        }
        if (tailMean(region) > 0.2) {
            out.add(new Finding(Severity.WARNING, "ratios clipped often",
                    fmt("%.0f%% of tokens were clipped in the last steps: each update moves the policy too far. Lower learning_rate or num_iterations.", 100 * tailMean(region))));
        }
        if (entropy.length >= 8 && tailMean(entropy) < 0.3 * headMean(entropy)) {
            out.add(new Finding(Severity.WARNING, "entropy collapse",
                    fmt("entropy per token fell from %.2f to %.2f: replies within a group are becoming identical, so the groups' rewards stop varying. Raise beta or temperature, "
                            + "or lower learning_rate.", headMean(entropy), tailMean(entropy))));
        }
        if (clipped.length >= 8 && tailMean(clipped) > headMean(clipped) + 0.2) {
            out.add(new Finding(Severity.WARNING, "replies run into max_completion_length",
                    fmt("the share of replies cut at max_completion_length rose from %.0f%% to %.0f%%. With loss_type grpo long wrong replies are penalised less per token; "
                            + "try dr_grpo, or check that the reward does not favour length.", 100 * headMean(clipped), 100 * tailMean(clipped))));
        }
        return new Findings(out, HEALTHY);
    }
}
