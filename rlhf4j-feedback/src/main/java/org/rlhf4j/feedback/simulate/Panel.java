package org.rlhf4j.feedback.simulate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Rating;

/**
 * Several simulated annotators judging the same items, each record attributed to its annotator;
 * what inter-annotator agreement statistics measure. {@link #compareAll} marks each comparison
 * with the index of its item in attribution metadata {@value #ITEM_KEY}.
 */
public final class Panel {
    public static final String ITEM_KEY = "item";

    private final List<SimulatedAnnotator> annotators;

    public Panel(List<SimulatedAnnotator> annotators) {
        if (annotators == null || annotators.isEmpty()) throw new IllegalArgumentException("a panel needs at least one annotator");
        Set<String> ids = new HashSet<>();
        for (SimulatedAnnotator annotator : annotators) {
            if (!ids.add(annotator.id())) throw new IllegalArgumentException("annotator ids must be distinct, " + annotator.id() + " appears twice");
        }
        this.annotators = List.copyOf(annotators);
    }

    /**
     * {@code n} support-world reviewers {@code sim-1 .. sim-n} at one noise level (see
     * {@link #noisyConfig}); annotator i's configuration and random stream are split from
     * {@code seed} in order, so the same seed gives the same panel and the same records.
     */
    public static Panel support(SupportScore scores, int n, double noiseLevel, long seed, Clock clock) {
        return support(scores, n, noiseLevel, 0.0, seed, clock);
    }

    /**
     * As {@link #support(SupportScore, int, double, long, Clock)}, with {@code sharedLengthBias}
     * stars per unit of ln(characters) added to every reviewer's own bias: a panel that likes
     * long replies, for deliberately flawed reward models (reward-hacking experiments).
     */
    public static Panel support(SupportScore scores, int n, double noiseLevel, double sharedLengthBias, long seed, Clock clock) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        SplittableRandom root = new SplittableRandom(seed);
        List<SimulatedAnnotator> annotators = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            SplittableRandom own = root.split();
            AnnotatorConfig c = noisyConfig(noiseLevel, own);
            if (sharedLengthBias != 0) c = c.withLengthBias(c.lengthBias() + sharedLengthBias);
            annotators.add(scores.annotator("sim-" + i, c, own.split(), clock));
        }
        return new Panel(annotators);
    }

    /** {@link #support(SupportScore, int, double, long, Clock)} with the system clock. */
    public static Panel support(SupportScore scores, int n, double noiseLevel, long seed) {
        return support(scores, n, noiseLevel, seed, Clock.systemUTC());
    }

    /**
     * One annotator's knobs at noise level v in [0, 1] (utilities on the 1-5 scale): temperature
     * v * f and rating noise v * f with a personal factor f uniform in [0.5, 1.5); mistakes and
     * skips v / 4; a personal length bias v * 0.25 * N(0, 1) per unit of ln(characters). Level 0
     * is the perfect teacher for everyone.
     */
    public static AnnotatorConfig noisyConfig(double noiseLevel, SplittableRandom rng) {
        if (!(noiseLevel >= 0 && noiseLevel <= 1)) throw new IllegalArgumentException("noiseLevel must be in [0, 1], got " + noiseLevel);
        double personal = 0.5 + rng.nextDouble();
        double lengthBias = noiseLevel * 0.25 * rng.nextGaussian();
        return AnnotatorConfig.defaults()
                .withTemperature(noiseLevel * personal)
                .withRatingNoise(noiseLevel * personal)
                .withMistakeProbability(noiseLevel / 4)
                .withSkipProbability(noiseLevel / 4)
                .withLengthBias(lengthBias);
    }

    public List<SimulatedAnnotator> annotators() {
        return annotators;
    }

    public int size() {
        return annotators.size();
    }

    /** Every annotator compares every item (skips leave gaps); item by item, annotators in panel order. */
    public List<Comparison> compareAll(List<ComparisonTask> items) {
        List<Comparison> all = new ArrayList<>(items.size() * annotators.size());
        for (int i = 0; i < items.size(); i++) {
            Map<String, String> metadata = Map.of(ITEM_KEY, Integer.toString(i));
            for (SimulatedAnnotator annotator : annotators) annotator.compare(items.get(i), metadata).ifPresent(all::add);
        }
        return List.copyOf(all);
    }

    /** Every annotator rates every response (skips leave gaps). */
    public List<Rating> rateAll(List<PromptResponse> items) {
        List<Rating> all = new ArrayList<>(items.size() * annotators.size());
        for (PromptResponse item : items) {
            for (SimulatedAnnotator annotator : annotators) annotator.rate(item.prompt(), item.response()).ifPresent(all::add);
        }
        return List.copyOf(all);
    }
}
