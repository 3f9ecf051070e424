package org.rlhf4j.control.preference;

import java.util.Locale;
import org.rlhf4j.control.ppo.PpoConfig;
import org.rlhf4j.control.ppo.PpoTrainer;
import org.rlhf4j.core.run.SeedStreams;
import org.rlhf4j.feedback.simulate.AnnotatorConfig;

/**
 * Preference-based PPO on CartPole-v1 from a perfect simulated teacher, printing every round
 * (a diagnostic main, not a test); system properties {@code selection} (RANDOM, DISAGREEMENT),
 * {@code temperature} and {@code mistakes} set the query selection and the teacher's noise:
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat cp.txt) \
 *       org.rlhf4j.control.preference.PreferenceCurve [labels] [steps] [seeds...]
 * </pre>
 */
public final class PreferenceCurve {
    public static void main(String[] args) {
        int labels = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 150_000;
        long[] seeds = args.length > 2 ? java.util.Arrays.stream(args, 2, args.length).mapToLong(Long::parseLong).toArray() : new long[] {1};
        for (long seed : seeds) {
            PpoTrainer ppo = PpoTrainer.create(PpoConfig.zooCartPole().withSeed(seed), "CartPole-v1");
            PreferenceConfig config = PreferenceConfig.defaults().withTotalComparisons(labels).withSeed(seed)
                    .withQuerySelection(PreferenceConfig.QuerySelection.valueOf(System.getProperty("selection", "DISAGREEMENT")));
            AnnotatorConfig annotator = AnnotatorConfig.defaults().withTemperature(Double.parseDouble(System.getProperty("temperature", "0")))
                    .withMistakeProbability(Double.parseDouble(System.getProperty("mistakes", "0")));
            PreferenceLearning learning = new PreferenceLearning(ppo, config,
                    new SimulatedTeacher(annotator, SeedStreams.of(seed).random("teacher")));
            learning.addListener(r -> System.out.printf(Locale.ROOT,
                    "seed %d round %2d steps %7d labels %4d (+%3d, acc %.2f) eval %6.1f train %6.1f | rm loss %.3f acc %.3f off %.2f scale %.2f | %.1f s%n",
                    seed, r.round(), r.policySteps(), r.labels(), r.newLabels(), r.newLabelAccuracy(), r.evalMeanReturn(), r.trainEpisodeReturn(),
                    r.rewardLoss(), r.rewardAccuracy(), r.offset(), r.scale(), r.seconds()));
            PreferenceLearning.Result result = learning.learn(steps);
            PreferenceLearning.Round hit = result.firstAtOrAbove(475);
            System.out.printf(Locale.ROOT, "seed %d: labels asked %d; first eval >= 475: %s%n", seed, result.labelsAsked(),
                    hit == null ? "never" : "round " + hit.round() + " at " + hit.labels() + " labels, " + hit.policySteps() + " steps");
        }
    }
}
