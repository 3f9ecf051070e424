package org.rlhf4j.control.preference;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.rlhf4j.feedback.simulate.AnnotatorConfig;
import org.rlhf4j.feedback.simulate.Judgement;
import org.rlhf4j.feedback.simulate.Teacher;

/**
 * The simulated annotator of {@code rlhf4j-feedback} judging clips by their true return, as in
 * Christiano et al.'s synthetic experiments and B-Pref: {@link Teacher#ofTrajectories} scores a
 * clip's per-step environment rewards (optionally myopic), with the {@link AnnotatorConfig}'s
 * Boltzmann noise, mistakes, skips and ties. "Both bad" answers say nothing about which clip is
 * better and count as skipped.
 */
public final class SimulatedTeacher implements PreferenceTeacher {
    private final Teacher<List<Double>> teacher;

    public SimulatedTeacher(AnnotatorConfig config, SplittableRandom random) {
        this.teacher = Teacher.ofTrajectories(config, random);
    }

    /** A perfect teacher: the clip with the higher true return wins, equal returns tie. */
    public static SimulatedTeacher perfect(SplittableRandom random) {
        return new SimulatedTeacher(AnnotatorConfig.defaults(), random);
    }

    @Override
    public OptionalDouble compare(Segment a, Segment b) {
        Optional<Judgement> judgement = teacher.compare(a.rewardList(), b.rewardList());
        if (judgement.isEmpty()) return OptionalDouble.empty();
        switch (judgement.get().choice()) {
            case A:
                return OptionalDouble.of(1.0);
            case B:
                return OptionalDouble.of(0.0);
            case TIE:
                return OptionalDouble.of(0.5);
            default:
                return OptionalDouble.empty();
        }
    }

    @Override
    public String describe() {
        AnnotatorConfig c = teacher.config();
        return "simulated (true return; temperature " + c.temperature() + ", mistakes " + c.mistakeProbability() + ", skips "
                + c.skipProbability() + ", myopia " + c.myopiaGamma() + ")";
    }
}
