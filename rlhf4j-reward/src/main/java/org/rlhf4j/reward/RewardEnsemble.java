package org.rlhf4j.reward;

import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.feedback.simulate.PromptResponse;

/**
 * Several reward models (separate runs with different seeds or data, each possibly with several
 * heads) as one scorer: every head of every member gives a normalised score (its model's
 * reference mean 0, std 1); the ensemble reports their mean and their standard deviation, the
 * disagreement that active query selection and uncertainty-penalised rewards read. Each member
 * encodes with its own template and tokenizer.
 */
public final class RewardEnsemble {
    /** One model with the encoder for its tokenizer and template. */
    public record Member(RewardModel model, RewardExamples encoder) {}

    /** Per (prompt, response): the mean over all heads of the normalised scores, and their standard deviation (0 for one head). */
    public record Score(double mean, double disagreement) {}

    private final List<Member> members;
    private final Precision precision;
    private final int batchSize;

    public RewardEnsemble(List<Member> members, Precision precision, int batchSize) {
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one model");
        this.members = List.copyOf(members);
        this.precision = precision;
        this.batchSize = batchSize;
    }

    public List<Score> score(List<PromptResponse> items) {
        List<double[]> perItem = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) perItem.add(new double[0]);
        for (Member m : members) {
            List<int[]> seqs = new ArrayList<>(items.size());
            for (PromptResponse pr : items) seqs.add(m.encoder().encode(pr.prompt(), pr.response()));
            float[][] raw = new RewardScorer(m.model(), precision, batchSize).score(seqs);
            Normalisation n = m.model().normalisation();
            for (int i = 0; i < items.size(); i++) {
                double[] old = perItem.get(i), grown = java.util.Arrays.copyOf(old, old.length + raw[i].length);
                for (int h = 0; h < raw[i].length; h++) grown[old.length + h] = n.apply(raw[i][h]);
                perItem.set(i, grown);
            }
        }
        List<Score> out = new ArrayList<>(items.size());
        for (double[] v : perItem) out.add(summarise(v));
        return out;
    }

    /** Mean and population standard deviation. */
    static Score summarise(double[] v) {
        Moments m = Moments.of(v);
        return new Score(m.mean(), m.std());
    }
}
