package org.rlhf4j.align.bon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlhf4j.align.policy.ReplySampler;
import org.rlhf4j.align.reward.RewardFunction;
import org.rlhf4j.core.run.ProgressBar;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * Best-of-n sampling: {@code sample_size} replies per prompt from a policy (fp32, the KV cache,
 * stop at EOS), each scored by a {@link RewardFunction}, the {@code n_candidates} highest kept
 * ({@link BestOfNSelection#top}). Prompts go in chunks, each chunk's sampling seed split from the
 * config's seed by its index, so a seed fixes every pick and the progress bar can move.
 */
public final class BestOfNSampling {
    /** Prompts sampled per chunk (one progress step each). */
    static final int CHUNK = 16;

    private final BestOfNConfig config;

    public BestOfNSampling(BestOfNConfig config) {
        this.config = config;
    }

    /**
     * A kept reply.
     *
     * @param rank      0 = the best of its prompt's n
     * @param meanScore the mean score of all n replies to the prompt (what one sample would get on average)
     */
    public record Pick(Prompt prompt, String reply, double score, int rank, double meanScore) {
        /** As a demonstration for SFT, the score and rank kept in its attribution. */
        public Demonstration demonstration(String id) {
            return new Demonstration(id, prompt, reply, new Attribution(null, null, "best-of-n", Map.of(
                    "score", String.format(Locale.ROOT, "%.6f", score), "rank", Integer.toString(rank), "mean_score", String.format(Locale.ROOT, "%.6f", meanScore))));
        }
    }

    /** The picks, prompt by prompt, best first. */
    public record Result(List<Pick> picks, int sampled, double meanOfBest, double meanOfAll) {
        public String describe() {
            return String.format(Locale.ROOT, "best-of-n: %d replies sampled; mean score of all %.3f, of the kept %.3f (%+.3f)", sampled, meanOfAll, meanOfBest,
                    meanOfBest - meanOfAll);
        }
    }

    public Result sample(LlamaModel model, Tokenizer tokenizer, RewardFunction reward, List<Prompt> prompts) {
        if (prompts.isEmpty()) throw new IllegalArgumentException("no prompts to sample replies for");
        ReplySampler sampler = new ReplySampler(model, tokenizer, ChatTemplate.named(config.template()), Precision.FP32, config.batchSize());
        SeedStreams seeds = SeedStreams.of(config.seed()).fork("best_of_n");
        List<Pick> picks = new ArrayList<>();
        double sumAll = 0, sumBest = 0;
        int sampled = 0, best = 0;
        int n = config.sampleSize();
        try (ProgressBar bar = new ProgressBar("best-of-" + n, prompts.size(), "prompts")) {
            for (int from = 0, chunk = 0; from < prompts.size(); from += CHUNK, chunk++) {
                List<Prompt> part = prompts.subList(from, Math.min(prompts.size(), from + CHUNK));
                ReplySampler.Replies replies = sampler.sample(part, n, config.temperature(), config.maxNewTokens(), seeds.seed("chunk-" + chunk));
                double[] scores = reward.score(replies.rowPrompts(), replies.text());
                if (scores.length != replies.size()) throw new IllegalStateException("the reward function returned " + scores.length + " scores for " + replies.size() + " replies");
                int[][] top = BestOfNSelection.top(scores, n, config.nCandidates());
                for (int p = 0; p < part.size(); p++) {
                    double mean = 0;
                    for (int k = 0; k < n; k++) mean += scores[p * n + k];
                    mean /= n;
                    sumAll += mean * n;
                    for (int r = 0; r < top[p].length; r++) picks.add(new Pick(part.get(p), replies.text().get(top[p][r]), scores[top[p][r]], r, mean));
                    sumBest += scores[top[p][0]];
                    best++;
                }
                sampled += replies.size();
                bar.step(part.size());
                bar.setExtra(String.format(Locale.ROOT, "best %.3f  all %.3f", sumBest / best, sumAll / sampled));
            }
        }
        return new Result(List.copyOf(picks), sampled, sumBest / best, sumAll / sampled);
    }
}
