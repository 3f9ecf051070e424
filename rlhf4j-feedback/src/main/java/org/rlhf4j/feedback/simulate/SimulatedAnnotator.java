package org.rlhf4j.feedback.simulate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;

/**
 * A simulated person judging text, built from any (prompt, response) score function: the stand-in
 * for the CartPole example's {@code human_feedback}, with the imperfections of an
 * {@link AnnotatorConfig}. It perceives
 *
 * <pre>
 * u'(prompt, response) = u(prompt, first readChars characters of response) + lengthBias * ln(characters)
 * </pre>
 *
 * and writes every feedback form as records attributed to its id, the injected clock's time and
 * source {@value #SOURCE}; record ids are {@code <annotator>/<kind>/<n>}. A skipped question
 * returns {@code Optional.empty()} and is counted in {@link #skipped()}. Not thread-safe.
 */
public final class SimulatedAnnotator {
    public static final String SOURCE = "simulated";

    private final String id;
    private final ScoreFunction<PromptResponse> truth;
    private final Teacher<PromptResponse> teacher;
    private final Clock clock;
    private final Critic critic;
    private long sequence;

    public SimulatedAnnotator(String id, ScoreFunction<PromptResponse> truth, AnnotatorConfig config, SplittableRandom rng, Clock clock, Critic critic) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id must be set");
        this.id = id;
        this.truth = Objects.requireNonNull(truth, "truth");
        this.teacher = new Teacher<>(perceived(truth, config), config, rng);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.critic = Objects.requireNonNull(critic, "critic");
    }

    /** An annotator whose critiques only name the score ({@link Critic#fromScore}). */
    public static SimulatedAnnotator of(String id, ScoreFunction<PromptResponse> truth, AnnotatorConfig config, SplittableRandom rng, Clock clock) {
        return new SimulatedAnnotator(id, truth, config, rng, clock, Critic.fromScore(truth));
    }

    /** u' = u(skimmed response) + lengthBias * ln(length): the utility this annotator believes. */
    static ScoreFunction<PromptResponse> perceived(ScoreFunction<PromptResponse> truth, AnnotatorConfig config) {
        return item -> {
            String text = item.response();
            String read = config.readChars() == 0 || text.length() <= config.readChars() ? text : text.substring(0, config.readChars());
            double bias = config.lengthBias() == 0.0 ? 0.0 : config.lengthBias() * Math.log(text.length());
            return truth.utility(read == text ? item : new PromptResponse(item.prompt(), read)) + bias;
        };
    }

    public String id() {
        return id;
    }

    public AnnotatorConfig config() {
        return teacher.config();
    }

    /** Questions declined so far (all forms together). */
    public long skipped() {
        return teacher.skipped();
    }

    /** The utility this annotator perceives (with skimming and bias, without noise). */
    public double perceivedUtility(Prompt prompt, String response) {
        return teacher.utility(new PromptResponse(prompt, response));
    }

    public Optional<Comparison> compare(Prompt prompt, String responseA, String responseB) {
        return compare(new ComparisonTask(prompt, responseA, responseB), Map.of());
    }

    public Optional<Comparison> compare(ComparisonTask task) {
        return compare(task, Map.of());
    }

    Optional<Comparison> compare(ComparisonTask task, Map<String, String> metadata) {
        Optional<Judgement> judgement = teacher.compare(new PromptResponse(task.prompt(), task.responseA()), new PromptResponse(task.prompt(), task.responseB()));
        return judgement.map(j -> new Comparison(nextId("comparison"), task.prompt(), task.responseA(), task.responseB(), j.choice(), j.strength(), attribution(metadata)));
    }

    /** Stars from the perceived utility on the 1-5 scale (see {@link Teacher#rate}). */
    public Optional<Rating> rate(Prompt prompt, String response) {
        OptionalInt stars = teacher.rate(new PromptResponse(prompt, response));
        if (stars.isEmpty()) return Optional.empty();
        return Optional.of(new Rating(nextId("rating"), prompt, response, stars.getAsInt(), Map.of(), attribution(Map.of())));
    }

    /** Competition ranks of noisy utilities (see {@link Teacher#rank}). */
    public Optional<Ranking> rank(Prompt prompt, List<String> responses) {
        List<PromptResponse> items = new ArrayList<>(responses.size());
        for (String response : responses) items.add(new PromptResponse(prompt, response));
        return teacher.rank(items).map(ranks -> new Ranking(nextId("ranking"), prompt, responses, ranks, attribution(Map.of())));
    }

    /**
     * A written critique from the critic and, when {@code corrector} (may be null) writes a reply
     * whose true utility is higher than the response's, that reply as the correction.
     */
    public Optional<Critique> critique(Prompt prompt, String response, Function<PromptResponse, String> corrector) {
        if (teacher.declines()) return Optional.empty();
        PromptResponse item = new PromptResponse(prompt, response);
        String corrected = corrector == null ? null : corrector.apply(item);
        boolean better = corrected != null && !corrected.isEmpty() && truth.utility(new PromptResponse(prompt, corrected)) > truth.utility(item);
        return Optional.of(new Critique(nextId("critique"), prompt, response, critic.critique(item), better ? corrected : null, attribution(Map.of())));
    }

    /**
     * A demonstration: the reply {@code writer} produces for the prompt (for the support world,
     * {@link SupportScore#replyWriter()}), or empty when this annotator skips.
     */
    public Optional<Demonstration> demonstrate(Prompt prompt, Function<Prompt, String> writer) {
        if (teacher.declines()) return Optional.empty();
        return Optional.of(new Demonstration(nextId("demonstration"), prompt, writer.apply(prompt), attribution(Map.of())));
    }

    private String nextId(String kind) {
        return id + "/" + kind + "/" + (++sequence);
    }

    private Attribution attribution(Map<String, String> metadata) {
        return new Attribution(id, clock.instant(), SOURCE, metadata);
    }
}
