package org.rlhf4j.eval.policy;

import org.rlhf4j.align.policy.ReplySampler;
import org.rlhf4j.align.policy.ReplyLogProbs;
import org.rlhf4j.align.policy.SampleKl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.world.SatisfactionTerms;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * Evaluates a policy on held-out prompts: its replies sampled at the policy's own temperature
 * (and greedily), their mean reward-model score and gold score (with 95% intervals), the support
 * world's gold terms, length, EOS rate and diversity; against a reference (the SFT model PPO
 * started from): KL on the policy's samples and the win rate against the reference's own samples,
 * judged by gold and by the reward model; and the best-of-n curve, the check that a reward model
 * is fit to optimise (Gao et al. 2022, "Scaling Laws for Reward Model Overoptimization"): gold of
 * the reply the reward model picks from n, against the reply gold itself would pick.
 *
 * <p>Phases, in order: sample, score, reference (samples, KL, win rates), best-of-n, sample table.
 * Sampling and log-probs run in fp32; the reward function batches as it was built to.
 */
public final class PolicyEvaluation {
    /** Streams split from the config's seed. */
    public static final String POLICY_SAMPLES = "policy_samples", REFERENCE_SAMPLES = "reference_samples", BEST_OF_N_SAMPLES = "best_of_n_samples";

    private final PolicyEvaluationConfig config;

    public PolicyEvaluation(PolicyEvaluationConfig config) {
        this.config = config;
    }

    /** A model to sample from and the tokenizer it was trained with; owned by the caller. */
    public record Model(LlamaModel model, Tokenizer tokenizer) {}

    /** The support world's terms, averaged over replies. */
    public record GoldTerms(double relevance, double details, double wrongDetailRate) {}

    /**
     * One set of replies (one per prompt).
     *
     * @param meanTokens reply tokens without the closing EOS
     * @param meanWords  white-space separated words
     * @param gold       null without a gold reward; {@code terms} null unless it is the support world's
     */
    public record ReplySummary(int replies, Estimate score, Estimate gold, GoldTerms terms, double meanTokens, double meanWords, double eosRate,
                               double distinct1, double distinct2) {}

    /** The policy against the reference: the reference's own samples, KL on the policy's samples, win rates (ties half). */
    public record ReferenceComparison(ReplySummary reference, SampleKl kl, Estimate winRateByGold, Estimate winRateByReward) {}

    /**
     * The best-of-n curve, mean over {@code prompts} prompts with {@code samplesPerPrompt} replies
     * each, by the exact estimator over subsets ({@link BestOfN}).
     *
     * @param goldPickedByReward gold of the reply the reward function ranks first, per size
     * @param goldPickedByGold   gold of the best reply (the oracle), per size
     * @param rewardOfPick       reward of the reply the reward function ranks first, per size
     * @param withinPromptCorrelation mean over prompts of the Pearson correlation of reward and gold on that prompt's replies
     */
    public record BestOfNCurve(int prompts, int samplesPerPrompt, double temperature, List<Integer> sizes, double[] goldPickedByReward,
                               double[] goldPickedByGold, double[] rewardOfPick, double withinPromptCorrelation, String estimator,
                               List<PickedTerms> pickedTerms) {}

    /**
     * What the support world saw in the reply ranked first among all N by {@code picker}
     * ("reward", "gold", or "any": every reply), averaged over prompts: where a reward model is
     * hacked, its picks differ from gold's in some term.
     */
    public record PickedTerms(String picker, double relevance, double details, double politeness, double concision, double actionability,
                              double wrongDetailRate, double otherAreaRate, double words, double penalty) {
        static PickedTerms of(String picker, List<SatisfactionTerms> terms) {
            double[] sum = new double[8];
            for (SatisfactionTerms t : terms) {
                sum[0] += t.relevance();
                sum[1] += t.details();
                sum[2] += t.politeness();
                sum[3] += t.concision();
                sum[4] += t.actionability();
                sum[5] += t.wrongDetail() ? 1 : 0;
                sum[6] += t.otherAreaIntents() > 0 ? 1 : 0;
                sum[7] += t.words();
            }
            double penalty = 0;
            for (SatisfactionTerms t : terms) penalty += t.penalty();
            int n = terms.size();
            return new PickedTerms(picker, sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n, sum[4] / n, sum[5] / n, sum[6] / n, sum[7] / n, penalty / n);
        }
    }

    /** A row of the sample table; {@code gold} NaN without a gold reward. */
    public record SampleRow(String prompt, String reply, double reward, double gold) {}

    /**
     * Everything measured; {@code greedy}, {@code reference} and {@code bestOfN} are null where
     * not asked for (or, for best-of-n, without a gold reward). {@code sampledGold} holds each
     * sampled reply's gold score (empty without gold), for the distribution plot.
     */
    public record Result(PolicyEvaluationConfig config, int prompts, ReplySummary sampled, ReplySummary greedy, ReferenceComparison reference,
                         BestOfNCurve bestOfN, List<SampleRow> samples, double[] sampledGold, double[] referenceGold, double seconds) {
        /** The sampled replies' figures under {@link MetricNames.Eval}'s names, for a trainer's metrics.jsonl (absent ones left out). */
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(MetricNames.Eval.SCORE, sampled.score().mean());
            if (sampled.gold() != null) m.put(MetricNames.Eval.GOLD, sampled.gold().mean());
            if (reference != null) {
                m.put(MetricNames.Eval.KL, reference.kl().perReply());
                m.put(MetricNames.Eval.KL_K3, reference.kl().k3PerToken());
                if (reference.winRateByGold() != null) m.put(MetricNames.Eval.WIN_RATE_GOLD, reference.winRateByGold().mean());
                m.put(MetricNames.Eval.WIN_RATE_SCORE, reference.winRateByReward().mean());
            }
            m.put(MetricNames.Eval.RESPONSE_LENGTH, sampled.meanTokens());
            m.put(MetricNames.Eval.EOS_RATE, sampled.eosRate());
            m.put(MetricNames.Eval.DISTINCT_1, sampled.distinct1());
            m.put(MetricNames.Eval.DISTINCT_2, sampled.distinct2());
            return m;
        }
    }

    /** Scores of one set of replies. */
    private record Scored(ReplySampler.Replies replies, double[] reward, double[] gold, List<SatisfactionTerms> terms) {}

    /**
     * @param reference null: no KL and no win rate
     * @param gold      null: no gold score, no win rate by gold, no best-of-n
     */
    public Result evaluate(Model policy, Model reference, RewardFunction reward, RewardFunction gold, List<Prompt> allPrompts) {
        if (allPrompts.isEmpty()) throw new IllegalArgumentException("no prompts to evaluate on");
        if (reference != null && reference.model().config().vocabSize() != policy.model().config().vocabSize()) {
            throw new IllegalArgumentException("the reference's vocabulary (" + reference.model().config().vocabSize() + " tokens) differs from the policy's ("
                    + policy.model().config().vocabSize() + "); KL needs one tokenizer");
        }
        long t0 = System.nanoTime();
        List<Prompt> prompts = allPrompts.subList(0, Math.min(config.prompts(), allPrompts.size()));
        SeedStreams seeds = SeedStreams.of(config.seed());

        Scored sampled = score(sampler(policy).sample(prompts, 1, config.temperature(), config.maxNewTokens(), seeds.seed(POLICY_SAMPLES)), reward, gold);
        ReplySummary greedy = null;
        if (config.greedy()) greedy = summarise(score(sampler(policy).sample(prompts, 1, 0.0, config.maxNewTokens(), 0L), reward, gold), policy.tokenizer());
        ReferenceComparison vsReference = null;
        Scored referenceSampled = null;
        if (reference != null) {
            referenceSampled = score(sampler(reference).sample(prompts, 1, config.temperature(), config.maxNewTokens(), seeds.seed(REFERENCE_SAMPLES)), reward, gold);
            vsReference = compare(policy, reference, sampled, referenceSampled);
        }
        BestOfNCurve curve = null;
        if (!config.bestOfN().isEmpty() && gold != null) {
            curve = bestOfN(policy, prompts.subList(0, Math.min(config.bestOfNPrompts(), prompts.size())), reward, gold, seeds.seed(BEST_OF_N_SAMPLES));
        }
        return new Result(config, prompts.size(), summarise(sampled, policy.tokenizer()), greedy, vsReference, curve, table(sampled),
                gold == null ? new double[0] : sampled.gold(), referenceSampled == null || gold == null ? new double[0] : referenceSampled.gold(),
                (System.nanoTime() - t0) / 1e9);
    }

    private ReplySampler sampler(Model m) {
        return new ReplySampler(m.model(), m.tokenizer(), ChatTemplate.named(config.template()), Precision.FP32, config.batchSize());
    }

    private static Scored score(ReplySampler.Replies replies, RewardFunction reward, RewardFunction gold) {
        List<Prompt> rowPrompts = replies.rowPrompts();
        double[] r = check(reward.score(rowPrompts, replies.text()), replies.size(), "reward");
        double[] g = gold == null ? null : check(gold.score(rowPrompts, replies.text()), replies.size(), "gold");
        List<SatisfactionTerms> terms = null;
        if (gold instanceof SupportGoldReward support) {
            terms = new ArrayList<>(replies.size());
            for (int i = 0; i < replies.size(); i++) terms.add(support.terms(rowPrompts.get(i), replies.text().get(i)));
        }
        return new Scored(replies, r, g, terms);
    }

    private static double[] check(double[] scores, int expected, String what) {
        if (scores.length != expected) throw new IllegalStateException("the " + what + " function returned " + scores.length + " scores for " + expected + " replies");
        return scores;
    }

    private static ReplySummary summarise(Scored s, Tokenizer tokenizer) {
        int n = s.replies().size();
        double tokens = 0, words = 0, eos = 0;
        for (int i = 0; i < n; i++) {
            tokens += s.replies().textTokens(i, tokenizer.eosId());
            words += SampleStatistics.words(s.replies().text().get(i)).length;
            if (s.replies().stoppedAtEos()[i]) eos++;
        }
        GoldTerms terms = null;
        if (s.terms() != null) {
            double relevance = 0, details = 0, wrong = 0;
            for (SatisfactionTerms t : s.terms()) {
                relevance += t.relevance();
                details += t.details();
                if (t.wrongDetail()) wrong++;
            }
            terms = new GoldTerms(relevance / n, details / n, wrong / n);
        }
        List<String> text = s.replies().text();
        return new ReplySummary(n, Estimate.of(s.reward()), s.gold() == null ? null : Estimate.of(s.gold()), terms, tokens / n, words / n, eos / n,
                SampleStatistics.distinct(text, 1), SampleStatistics.distinct(text, 2));
    }

    /** KL on the policy's samples (one forward pass of each model over them) and win rates against the reference's samples. */
    private ReferenceComparison compare(Model policy, Model reference, Scored sampled, Scored referenceSampled) {
        ReplySampler.Replies r = sampled.replies();
        float[][] own = ReplyLogProbs.of(policy.model(), r.query(), r.response(), config.temperature(), Precision.FP32, config.batchSize());
        float[][] ref = ReplyLogProbs.of(reference.model(), r.query(), r.response(), config.temperature(), Precision.FP32, config.batchSize());
        Estimate byGold = sampled.gold() == null ? null : SampleStatistics.winRate(sampled.gold(), referenceSampled.gold());
        return new ReferenceComparison(summarise(referenceSampled, reference.tokenizer()), SampleKl.of(own, ref), byGold,
                SampleStatistics.winRate(sampled.reward(), referenceSampled.reward()));
    }

    private BestOfNCurve bestOfN(Model policy, List<Prompt> prompts, RewardFunction reward, RewardFunction gold, long seed) {
        int n = config.bestOfN().get(config.bestOfN().size() - 1);
        Scored s = score(sampler(policy).sample(prompts, n, config.temperature(), config.maxNewTokens(), seed), reward, gold);
        double[][] r = new double[prompts.size()][], g = new double[prompts.size()][];
        for (int p = 0; p < prompts.size(); p++) {
            r[p] = java.util.Arrays.copyOfRange(s.reward(), p * n, (p + 1) * n);
            g[p] = java.util.Arrays.copyOfRange(s.gold(), p * n, (p + 1) * n);
        }
        int[] sizes = config.bestOfN().stream().mapToInt(Integer::intValue).toArray();
        List<PickedTerms> picked = new ArrayList<>();
        if (s.terms() != null) {
            List<SatisfactionTerms> byReward = new ArrayList<>(), byGold = new ArrayList<>();
            for (int p = 0; p < prompts.size(); p++) {
                byReward.add(s.terms().get(p * n + argmax(r[p])));
                byGold.add(s.terms().get(p * n + argmax(g[p])));
            }
            picked.add(PickedTerms.of("any", s.terms()));
            picked.add(PickedTerms.of("reward", byReward));
            picked.add(PickedTerms.of("gold", byGold));
        }
        return new BestOfNCurve(prompts.size(), n, config.temperature(), config.bestOfN(), BestOfN.curve(r, g, sizes), BestOfN.curve(g, g, sizes),
                BestOfN.curve(r, r, sizes), BestOfN.meanWithinPromptCorrelation(r, g),
                "exact expectation over all n-subsets of the " + n + " replies per prompt (unbiased; ties in the picker's score share their mean gold)", picked);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private List<SampleRow> table(Scored s) {
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(config.sampleRows(), s.replies().size()); i++) {
            rows.add(new SampleRow(s.replies().prompt(i).lastUserText(), s.replies().text().get(i), s.reward()[i], s.gold() == null ? Double.NaN : s.gold()[i]));
        }
        return rows;
    }
}
