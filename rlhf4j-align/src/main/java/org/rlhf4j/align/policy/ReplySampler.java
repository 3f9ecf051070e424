package org.rlhf4j.align.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.model.LlamaModel;
import org.rlhf4j.lm.sampling.Generation;
import org.rlhf4j.lm.sampling.Sampler;
import org.rlhf4j.lm.sampling.SamplingConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * A checkpoint's own replies to prompts: each prompt rendered with the chat template (starting
 * with BOS), {@code perPrompt} continuations sampled with the KV cache until EOS or
 * {@code maxNewTokens}, decoded without special tokens and stripped. Batches draw their seeds in
 * order from one stream split from {@code seed}, so a seed fixes every reply and successive
 * batches do not repeat one random stream.
 */
public final class ReplySampler {
    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final Precision precision;
    private final int batchSize;

    public ReplySampler(LlamaModel model, Tokenizer tokenizer, ChatTemplate template, Precision precision, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        this.model = model;
        this.tokenizer = tokenizer;
        this.template = template;
        this.precision = precision;
        this.batchSize = batchSize;
    }

    /**
     * Replies in prompt-major order: reply {@code k} to prompt {@code i} is row {@code i * perPrompt + k}.
     *
     * @param query    (rows) the prompt's ids, BOS first
     * @param response (rows) the generated ids, EOS last when one was produced (at least one token)
     * @param text     (rows) the decoded reply, what a reward function scores
     */
    public record Replies(int perPrompt, List<Prompt> prompts, List<int[]> query, List<int[]> response, List<String> text, boolean[] stoppedAtEos) {
        public int size() {
            return text.size();
        }

        /** The prompt of row {@code row}. */
        public Prompt prompt(int row) {
            return prompts.get(row / perPrompt);
        }

        /** Each row's prompt, in row order. */
        public List<Prompt> rowPrompts() {
            List<Prompt> out = new ArrayList<>(size());
            for (int r = 0; r < size(); r++) out.add(prompt(r));
            return out;
        }

        /** Tokens of row {@code row} without a closing EOS. */
        public int textTokens(int row, int eosId) {
            int[] r = response.get(row);
            return stoppedAtEos[row] && r.length > 0 && r[r.length - 1] == eosId ? r.length - 1 : r.length;
        }
    }

    /** {@code perPrompt} replies per prompt at {@code temperature} (0 = greedy). */
    public Replies sample(List<Prompt> prompts, int perPrompt, double temperature, int maxNewTokens, long seed) {
        if (prompts.isEmpty()) throw new IllegalArgumentException("no prompts to sample replies for");
        if (perPrompt < 1) throw new IllegalArgumentException("perPrompt must be >= 1, got " + perPrompt);
        List<int[]> queries = new ArrayList<>(prompts.size() * perPrompt);
        for (Prompt p : prompts) {
            int[] ids = template.encodePrompt(tokenizer, p);
            for (int k = 0; k < perPrompt; k++) queries.add(ids);
        }
        SplittableRandom seeds = new SplittableRandom(seed);
        SamplingConfig base = new SamplingConfig(maxNewTokens, temperature, 0, 1.0, true, 0L);
        Sampler sampler = new Sampler(model, precision);
        List<int[]> responses = new ArrayList<>(queries.size());
        List<String> texts = new ArrayList<>(queries.size());
        boolean[] eos = new boolean[queries.size()];
        for (int from = 0; from < queries.size(); from += batchSize) {
            List<int[]> batch = queries.subList(from, Math.min(queries.size(), from + batchSize));
            Generation g = sampler.generate(batch, base.withSeed(seeds.nextLong()));
            for (int i = 0; i < batch.size(); i++) {
                responses.add(g.tokens()[i]);
                texts.add(tokenizer.decode(g.tokens()[i], true).strip());
                eos[from + i] = g.stoppedAtEos()[i];
            }
        }
        return new Replies(perPrompt, List.copyOf(prompts), queries, responses, texts, eos);
    }
}
