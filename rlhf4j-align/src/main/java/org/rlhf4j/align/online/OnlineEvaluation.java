package org.rlhf4j.align.online;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlhf4j.align.policy.PolicyModel;
import org.rlhf4j.align.policy.ReplyLogProbs;
import org.rlhf4j.align.policy.SampleKl;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.align.reward.SupportGoldReward;
import org.rlhf4j.core.run.MetricNames;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.world.SatisfactionTerms;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * Evaluates the policy during an online run (PPO, GRPO, RLOO) on fixed held-out prompts: replies sampled at the policy's own
 * temperature with the same seed at every evaluation (so differences come from the policy, not
 * the draw) and, when asked, greedy replies; their mean reward score, gold score (and, in the
 * support world, its terms), KL to the reference in nats per reply, length and EOS rate.
 */
public final class OnlineEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int BATCH = 32;
    static final int SAMPLES_KEPT = 8;

    private final PolicyModel policy;
    private final PolicyModel referenceModel;
    private final OnlineTraining.Settings settings;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final RewardFunction reward;
    private final RewardFunction gold;
    private final long seed;

    public OnlineEvaluation(PolicyModel policy, PolicyModel reference, OnlineTraining.Settings settings, Tokenizer tokenizer, ChatTemplate template,
                            RewardFunction reward, RewardFunction gold, long seed) {
        this.policy = policy;
        this.referenceModel = reference;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.template = template;
        this.reward = reward;
        this.gold = gold;
        this.seed = seed;
    }

    /** One reply with its scores (gold NaN where unknown). */
    public record Sample(String prompt, String reply, double score, double gold) {}

    /**
     * One evaluation. Gold fields are NaN without a gold function; the terms are NaN outside the
     * support world; greedy fields are NaN when greedy replies were not asked for.
     */
    public record Result(int step, double score, double gold, double kl, double responseLength, double eosRate, double relevance, double details,
                         double wrongDetailRate, double greedyScore, double greedyGold, List<Sample> samples) {
        public Map<String, Number> metrics() {
            Map<String, Number> m = new LinkedHashMap<>();
            m.put(MetricNames.Eval.SCORE, score);
            if (!Double.isNaN(gold)) m.put(MetricNames.Eval.GOLD, gold);
            m.put(MetricNames.Eval.KL, kl);
            m.put(MetricNames.Eval.RESPONSE_LENGTH, responseLength);
            m.put(MetricNames.Eval.EOS_RATE, eosRate);
            if (!Double.isNaN(greedyGold)) m.put(MetricNames.Eval.GOLD_GREEDY, greedyGold);
            if (!Double.isNaN(greedyScore)) m.put(MetricNames.Eval.SCORE_GREEDY, greedyScore);
            if (!Double.isNaN(details)) {
                m.put(MetricNames.Eval.GOLD_RELEVANCE, relevance);
                m.put(MetricNames.Eval.GOLD_DETAILS, details);
                m.put(MetricNames.Eval.GOLD_WRONG_DETAIL_RATE, wrongDetailRate);
            }
            return m;
        }
    }

    /** Prompt ids as the template renders them (BOS first), cut to the configured query length, keeping BOS and the end. */
    public List<int[]> encode(List<Prompt> prompts) {
        int max = settings.maxQueryLength();
        List<int[]> out = new ArrayList<>(prompts.size());
        for (Prompt p : prompts) out.add(ChatTemplate.keepBosAndEnd(template.encodePrompt(tokenizer, p), max));
        return out;
    }

    /** Reply text: the response's tokens without special tokens (the closing EOS). */
    public List<String> decode(List<int[]> responses) {
        List<String> out = new ArrayList<>(responses.size());
        for (int[] r : responses) out.add(tokenizer.decode(r, true).strip());
        return out;
    }

    public Result run(List<Prompt> prompts, int step, boolean greedy) {
        Replies sampled = replies(prompts, settings.temperature(), seed);
        double[] scores = reward.score(prompts, sampled.texts);
        double[] golds = gold == null ? null : gold.score(prompts, sampled.texts);
        double relevance = Double.NaN, details = Double.NaN, wrong = Double.NaN;
        if (gold instanceof SupportGoldReward support) {
            relevance = 0;
            details = 0;
            wrong = 0;
            for (int i = 0; i < prompts.size(); i++) {
                SatisfactionTerms t = support.terms(prompts.get(i), sampled.texts.get(i));
                relevance += t.relevance() / prompts.size();
                details += t.details() / prompts.size();
                wrong += (t.wrongDetail() ? 1.0 : 0.0) / prompts.size();
            }
        }
        double greedyScore = Double.NaN, greedyGold = Double.NaN;
        if (greedy) {
            Replies g = replies(prompts, 0, seed);
            greedyScore = mean(reward.score(prompts, g.texts));
            if (gold != null) greedyGold = mean(gold.score(prompts, g.texts));
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < Math.min(SAMPLES_KEPT, prompts.size()); i++) {
            samples.add(new Sample(prompts.get(i).lastUserText(), sampled.texts.get(i), scores[i], golds == null ? Double.NaN : golds[i]));
        }
        return new Result(step, mean(scores), golds == null ? Double.NaN : mean(golds), kl(sampled), sampled.meanLength(), sampled.eosRate(),
                relevance, details, wrong, greedyScore, greedyGold, samples);
    }

    /** Samples every prompt's reply in batches; temperature 0 is greedy. */
    private Replies replies(List<Prompt> prompts, double temperature, long seed) {
        List<int[]> queries = encode(prompts);
        List<int[]> responses = new ArrayList<>();
        int maxNew = settings.maxNewTokens();
        for (int from = 0; from < queries.size(); from += BATCH) {
            List<int[]> chunk = queries.subList(from, Math.min(queries.size(), from + BATCH));
            var sampling = new org.rlhf4j.lm.sampling.SamplingConfig(maxNew, temperature, 0, 1.0, true, seed + from);
            var g = new org.rlhf4j.lm.sampling.Sampler(policy.model(), Precision.FP32).generate(chunk, sampling);
            responses.addAll(List.of(g.tokens()));
        }
        return new Replies(queries, responses, decode(responses), policy.model().config().eosTokenId());
    }

    private record Replies(List<int[]> queries, List<int[]> responses, List<String> texts, int eos) {
        double meanLength() {
            double n = 0;
            for (int[] r : responses) n += r.length;
            return n / responses.size();
        }

        double eosRate() {
            double n = 0;
            for (int[] r : responses) if (r[r.length - 1] == eos) n++;
            return n / responses.size();
        }
    }

    /** Mean over replies of sum_t (log pi - log pi_ref) on the policy's own samples: nats per reply. */
    private double kl(Replies r) {
        double temperature = settings.temperature();
        Precision precision = settings.precision();
        float[][] p = ReplyLogProbs.of(policy.model(), r.queries, r.responses, temperature, precision, BATCH);
        float[][] q = ReplyLogProbs.of(referenceModel.model(), r.queries, r.responses, temperature, precision, BATCH);
        return SampleKl.of(p, q).perReply();
    }

    /** Appends the evaluation's kept samples to {@code samples.jsonl}, one line each with the step. */
    public void appendSamples(Path file, Result r) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Sample s : r.samples()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", r.step());
            line.put("prompt", s.prompt());
            line.put("reply", s.reply());
            line.put("score", s.score());
            if (!Double.isNaN(s.gold())) line.put("gold", s.gold());
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
