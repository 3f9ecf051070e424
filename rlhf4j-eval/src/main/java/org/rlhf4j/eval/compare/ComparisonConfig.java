package org.rlhf4j.eval.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@code rlhf4j compare} runs and how every row is evaluated. {@link #defaults()} is the only
 * place defaults live.
 *
 * @param methods          methods to run, in order ({@code sft} is always evaluated first, as the baseline)
 * @param evalPrompts      held-out prompts every row is evaluated on
 * @param temperature      sampling temperature of the evaluated replies (1: each policy's own distribution)
 * @param maxNewTokens     longest evaluated reply
 * @param batchSize        rows per sampling and scoring call
 * @param frontierSizes    best-of-n sizes drawn as the frontier line (gold of the reward model's pick against the KL bound), on the SFT row
 * @param frontierPrompts  prompts the frontier line uses
 * @param seed             every method's seed (unless its config file says otherwise) and the evaluation's
 */
public record ComparisonConfig(
        @JsonProperty("methods") List<String> methods,
        @JsonProperty("eval_prompts") int evalPrompts,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("max_new_tokens") int maxNewTokens,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("frontier_sizes") List<Integer> frontierSizes,
        @JsonProperty("frontier_prompts") int frontierPrompts,
        @JsonProperty("seed") long seed) {

    public ComparisonConfig {
        if (methods == null || methods.isEmpty()) throw new IllegalArgumentException("methods must name at least one method");
        methods = List.copyOf(methods);
        if (methods.stream().distinct().count() != methods.size()) throw new IllegalArgumentException("methods must not repeat, got " + methods);
        if (evalPrompts < 1) throw new IllegalArgumentException("eval_prompts must be >= 1, got " + evalPrompts);
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        frontierSizes = frontierSizes == null ? List.of() : List.copyOf(frontierSizes);
        if (frontierPrompts < 1) throw new IllegalArgumentException("frontier_prompts must be >= 1, got " + frontierPrompts);
    }

    /** Every method, 500 unseen prompts at temperature 1, 96 new tokens, the frontier at n = 1-16 on 100 prompts, seed 0. */
    public static ComparisonConfig defaults() {
        return new ComparisonConfig(AlignmentMethods.names(), 500, 1.0, 96, 32, List.of(1, 2, 4, 8, 16), 100, 0L);
    }
}
