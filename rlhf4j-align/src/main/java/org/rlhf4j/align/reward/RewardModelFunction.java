package org.rlhf4j.align.reward;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.lm.tokenizer.Tokenizer;
import org.rlhf4j.reward.RewardCheckpoint;
import org.rlhf4j.reward.RewardExamples;
import org.rlhf4j.reward.RewardModel;
import org.rlhf4j.reward.RewardScorer;

/**
 * One or more trained reward models as a {@link RewardFunction}. Each head's raw score is put on
 * its model's stored scale ({@code (raw - mean) / std}, measured when it was trained), and the
 * score is the mean over every head of every model minus {@code uncertaintyPenalty} times their
 * standard deviation: with an ensemble, a reply the members disagree on is worth less, which
 * makes the reward harder to hack (Coste et al. 2023, "Reward Model Ensembles Help Mitigate
 * Overoptimization"). With one single-head model the penalty has no effect.
 */
public final class RewardModelFunction implements RewardFunction, AutoCloseable {
    public static final int MAX_LENGTH = 512;
    private final List<Member> members;
    private final double uncertaintyPenalty;

    private record Member(RewardModel model, Tokenizer tokenizer, RewardExamples encoder, RewardScorer scorer) {}

    private RewardModelFunction(List<Member> members, double uncertaintyPenalty) {
        this.members = members;
        this.uncertaintyPenalty = uncertaintyPenalty;
    }

    /** Loads each folder written by {@code rlhf4j reward train}. */
    public static RewardModelFunction load(List<Path> dirs, ComputeDevice device, Precision precision, int batchSize, double uncertaintyPenalty) {
        if (dirs.isEmpty()) throw new IllegalArgumentException("no reward model given");
        if (!(uncertaintyPenalty >= 0) || Double.isInfinite(uncertaintyPenalty)) throw new IllegalArgumentException("uncertaintyPenalty must be >= 0 and finite, got " + uncertaintyPenalty);
        List<Member> members = new ArrayList<>();
        try {
            for (Path dir : dirs) {
                RewardCheckpoint.Loaded loaded = RewardCheckpoint.load(dir, device);
                if (loaded.tokenizer() == null) {
                    loaded.model().close();
                    throw new org.rlhf4j.core.UserError(dir + ": no tokenizer.json beside the reward model");
                }
                Tokenizer tokenizer = Tokenizer.load(loaded.tokenizer());
                members.add(new Member(loaded.model(), tokenizer, RewardExamples.forScoring(tokenizer, loaded.model(), MAX_LENGTH),
                        new RewardScorer(loaded.model(), precision, batchSize)));
            }
        } catch (RuntimeException e) {
            new RewardModelFunction(members, 0).close();
            throw e;
        }
        return new RewardModelFunction(members, uncertaintyPenalty);
    }

    @Override
    public double[] score(List<Prompt> prompts, List<String> responses) {
        SupportGoldReward.check(prompts, responses);
        int n = prompts.size();
        List<double[]> perHead = new ArrayList<>();   // [head][pair]
        for (Member m : members) {
            List<int[]> sequences = new ArrayList<>(n);
            for (int i = 0; i < n; i++) sequences.add(m.encoder().encode(prompts.get(i), responses.get(i)));
            float[][] raw = m.scorer().score(sequences);
            for (int h = 0; h < m.model().heads(); h++) {
                double[] s = new double[n];
                for (int i = 0; i < n; i++) s[i] = m.model().normalisation().apply(raw[i][h]);
                perHead.add(s);
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0, squares = 0;
            for (double[] h : perHead) sum += h[i];
            double mean = sum / perHead.size();
            for (double[] h : perHead) squares += (h[i] - mean) * (h[i] - mean);
            double std = perHead.size() > 1 ? Math.sqrt(squares / perHead.size()) : 0;
            out[i] = mean - uncertaintyPenalty * std;
        }
        return out;
    }

    public int members() {
        return members.size();
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.tokenizer().close();
            m.model().close();
        }
    }
}
