package org.rlhf4j.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.Tokenizer;

/**
 * Feedback records into {@link RewardExample}s. Nothing is dropped silently: both-bad
 * comparisons (no preference between the two), critiques without a correction and
 * demonstrations are counted in {@link Counts}; sequences longer than {@code maxLength} keep BOS
 * and their last tokens (the response's end, which the head reads) and are counted as truncated.
 */
public final class RewardExamples {
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final int maxLength;
    private final boolean margins;
    private final RatingLoss ratingLoss;

    /**
     * @param margins    use comparison strengths and star differences as Bradley-Terry margins
     * @param ratingLoss how ratings train (pairs per prompt, ordinal or regression)
     */
    public RewardExamples(Tokenizer tokenizer, ChatTemplate template, int maxLength, boolean margins, RatingLoss ratingLoss) {
        if (maxLength < 4) throw new IllegalArgumentException("maxLength must be >= 4, got " + maxLength);
        this.tokenizer = tokenizer;
        this.template = template;
        this.maxLength = maxLength;
        this.margins = margins;
        this.ratingLoss = ratingLoss;
    }

    /** An encoder for scoring with {@code model}: its template, sequences capped at {@code maxLength} and at the model's positions. */
    public static RewardExamples forScoring(Tokenizer tokenizer, RewardModel model, int maxLength) {
        return new RewardExamples(tokenizer, model.template(), model.fit(maxLength), false, RatingLoss.PAIRS);
    }

    /** How many records of each kind became examples, and what was left out or cut. */
    public record Counts(Map<String, Integer> used, Map<String, Integer> skipped, int pairs, int ties, int ratings, int truncated) {
        @Override
        public String toString() {
            return "used " + used + ", skipped " + skipped + "; " + pairs + " pairs, " + ties + " ties, " + ratings + " ratings; "
                    + truncated + " sequences truncated";
        }
    }

    public record Result(List<RewardExample> examples, Counts counts) {}

    public Result from(List<? extends Feedback> records) {
        List<RewardExample> out = new ArrayList<>();
        Map<String, Integer> used = new TreeMap<>(), skipped = new TreeMap<>();
        int[] truncated = {0};
        Map<Prompt, List<Rating>> ratingsByPrompt = new LinkedHashMap<>();
        for (Feedback f : records) {
            RewardExample e = null;
            if (f instanceof Comparison c) e = comparison(c, truncated);
            else if (f instanceof Ranking r) e = ranking(r, truncated);
            else if (f instanceof Critique c && c.corrected() && !c.correctedResponse().equals(c.response())) {
                e = build(c.id(), c.prompt(), List.of(c.correctedResponse(), c.response()), new int[] {0}, new int[] {1}, new float[] {0},
                        new int[0], new int[0], new int[0], new int[0], c.attribution().source(), c.attribution().annotator(), truncated);
            } else if (f instanceof Rating r) {
                if (ratingLoss == RatingLoss.PAIRS) {
                    ratingsByPrompt.computeIfAbsent(r.prompt(), p -> new ArrayList<>()).add(r);
                    continue;
                }
                e = build(r.id(), r.prompt(), List.of(r.response()), new int[0], new int[0], new float[0], new int[0], new int[0],
                        new int[] {0}, new int[] {r.stars()}, r.attribution().source(), r.attribution().annotator(), truncated);
            }
            String kind = f.kind() + (f instanceof Comparison c && !c.choice().decisive() ? " " + c.choice().name().toLowerCase().replace('_', '-')
                    : f instanceof Comparison c && c.responseA().equals(c.responseB()) ? " (identical responses)"
                    : f instanceof Critique c && !c.corrected() ? " (no correction)" : "");
            if (e == null) skipped.merge(kind, 1, Integer::sum);
            else {
                used.merge(kind, 1, Integer::sum);
                out.add(e);
            }
        }
        for (List<Rating> group : ratingsByPrompt.values()) {
            RewardExample e = ratingPairs(group, truncated);
            if (e == null) skipped.merge("rating (only one for its prompt)", group.size(), Integer::sum);
            else {
                used.merge("rating", group.size(), Integer::sum);
                out.add(e);
            }
        }
        int pairs = 0, ties = 0, ratings = 0;
        for (RewardExample e : out) {
            pairs += e.pairs();
            ties += e.ties();
            ratings += e.ratings();
        }
        return new Result(out, new Counts(used, skipped, pairs, ties, ratings, truncated[0]));
    }

    private RewardExample comparison(Comparison c, int[] truncated) {
        var a = c.attribution();
        if (c.responseA().equals(c.responseB())) return null;
        switch (c.choice()) {
            case TIE:
                return build(c.id(), c.prompt(), List.of(c.responseA(), c.responseB()), new int[0], new int[0], new float[0],
                        new int[] {0}, new int[] {1}, new int[0], new int[0], a.source(), a.annotator(), truncated);
            case BOTH_BAD:
                return null;
            default:
                float margin = margins && c.strength() != null ? c.strength().floatValue() : 0f;
                return build(c.id(), c.prompt(), List.of(c.chosen(), c.rejected()), new int[] {0}, new int[] {1}, new float[] {margin},
                        new int[0], new int[0], new int[0], new int[0], a.source(), a.annotator(), truncated);
        }
    }

    /** All K choose 2 pairs (InstructGPT); equal ranks are ties; margins are rank differences when on. */
    private RewardExample ranking(Ranking r, int[] truncated) {
        List<Integer> better = new ArrayList<>(), worse = new ArrayList<>(), tieA = new ArrayList<>(), tieB = new ArrayList<>();
        List<Float> margin = new ArrayList<>();
        int k = r.responses().size();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                int ri = r.ranks().get(i), rj = r.ranks().get(j);
                if (ri == rj) {
                    tieA.add(i);
                    tieB.add(j);
                } else {
                    better.add(ri < rj ? i : j);
                    worse.add(ri < rj ? j : i);
                    margin.add(margins ? (float) Math.abs(ri - rj) : 0f);
                }
            }
        }
        return build(r.id(), r.prompt(), r.responses(), ints(better), ints(worse), floats(margin), ints(tieA), ints(tieB), new int[0], new int[0],
                r.attribution().source(), r.attribution().annotator(), truncated);
    }

    private RewardExample ratingPairs(List<Rating> group, int[] truncated) {
        if (group.size() < 2) return null;
        List<String> responses = new ArrayList<>();
        for (Rating r : group) responses.add(r.response());
        List<Integer> better = new ArrayList<>(), worse = new ArrayList<>(), tieA = new ArrayList<>(), tieB = new ArrayList<>();
        List<Float> margin = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            for (int j = i + 1; j < group.size(); j++) {
                int si = group.get(i).stars(), sj = group.get(j).stars();
                if (group.get(i).response().equals(group.get(j).response())) continue;
                if (si == sj) {
                    tieA.add(i);
                    tieB.add(j);
                } else {
                    better.add(si > sj ? i : j);
                    worse.add(si > sj ? j : i);
                    margin.add(margins ? (float) Math.abs(si - sj) : 0f);
                }
            }
        }
        if (better.isEmpty() && tieA.isEmpty()) return null;
        Rating first = group.get(0);
        return build(first.id(), first.prompt(), responses, ints(better), ints(worse), floats(margin), ints(tieA), ints(tieB), new int[0], new int[0],
                first.attribution().source(), first.attribution().annotator(), truncated);
    }

    private RewardExample build(String id, Prompt prompt, List<String> responses, int[] better, int[] worse, float[] margin, int[] tieA, int[] tieB,
                                int[] rated, int[] stars, String source, String annotator, int[] truncated) {
        int[] promptIds = template.encodePrompt(tokenizer, prompt);
        List<int[]> sequences = new ArrayList<>();
        int[] chars = new int[responses.size()];
        for (int i = 0; i < responses.size(); i++) {
            int[] response = template.encodeResponse(tokenizer, responses.get(i));
            int[] joined = new ChatTemplate.Encoded(promptIds, response).joined();
            if (joined.length > maxLength) {
                truncated[0]++;
                joined = ChatTemplate.keepBosAndEnd(joined, maxLength);
            }
            sequences.add(joined);
            chars[i] = responses.get(i).length();
        }
        return new RewardExample(id, sequences, chars, better, worse, margin, tieA, tieB, rated, stars, source, annotator);
    }

    /** One sequence for scoring a (prompt, response), fitted to {@code maxLength} like training data. */
    public int[] encode(Prompt prompt, String response) {
        int[] joined = template.encode(tokenizer, prompt, response).joined();
        return joined.length > maxLength ? ChatTemplate.keepBosAndEnd(joined, maxLength) : joined;
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] floats(List<Float> l) {
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) f[i] = l.get(i);
        return f;
    }
}
