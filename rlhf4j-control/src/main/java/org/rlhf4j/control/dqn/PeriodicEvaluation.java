package org.rlhf4j.control.dqn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rlhf4j.control.env.Environment;

/**
 * A ready-made listener after stable-baselines3's {@code EvalCallback}: every
 * {@code everyTimesteps} environment steps (at the first round end past each multiple), a
 * {@link GreedyEvaluation} of the online network on its own environment instance, always from
 * the same seed so that evaluations are comparable; optionally stops training once the mean
 * return reaches a threshold ({@code StopTrainingOnRewardThreshold}).
 */
public final class PeriodicEvaluation implements DqnListener {
    /** One evaluation: environment steps done, mean and (population) std of the episode returns. */
    public record Point(long timesteps, double meanReturn, double stdReturn) {}

    private final Environment environment;
    private final long everyTimesteps;
    private final int episodes;
    private final long seed;
    private final List<Point> points = new ArrayList<>();
    private long next;
    private DqnTrainer trainerToStop;
    private double stopThreshold = Double.POSITIVE_INFINITY;

    /** Evaluates on {@code environment} (not shared with training) every {@code everyTimesteps}. */
    public PeriodicEvaluation(Environment environment, long everyTimesteps, int episodes, long seed) {
        this.environment = Objects.requireNonNull(environment, "environment");
        if (everyTimesteps < 1 || episodes < 1) {
            throw new IllegalArgumentException("everyTimesteps and episodes must be >= 1, got " + everyTimesteps + " and " + episodes);
        }
        this.everyTimesteps = everyTimesteps;
        this.episodes = episodes;
        this.seed = seed;
        this.next = everyTimesteps;
    }

    /** Asks {@code trainer} to stop once an evaluation's mean return is at least {@code threshold}. */
    public PeriodicEvaluation stopAt(double threshold, DqnTrainer trainer) {
        this.stopThreshold = threshold;
        this.trainerToStop = Objects.requireNonNull(trainer, "trainer");
        return this;
    }

    @Override
    public void onRoundEnd(long totalTimesteps, QNetwork qNetwork) {
        if (totalTimesteps < next) return;
        while (next <= totalTimesteps) next += everyTimesteps;
        GreedyEvaluation.Result result = GreedyEvaluation.evaluate(qNetwork, environment, episodes, seed);
        points.add(new Point(totalTimesteps, result.meanReturn(), result.stdReturn()));
        if (trainerToStop != null && result.meanReturn() >= stopThreshold) trainerToStop.requestStop();
    }

    /** Evaluations so far, oldest first. */
    public List<Point> points() {
        return List.copyOf(points);
    }

    /** The evaluation with the highest mean return (the earliest on ties). */
    public Optional<Point> best() {
        Point best = null;
        for (Point p : points) if (best == null || p.meanReturn() > best.meanReturn()) best = p;
        return Optional.ofNullable(best);
    }

    /** The first evaluation whose mean return is at least {@code threshold}. */
    public Optional<Point> firstAtLeast(double threshold) {
        return points.stream().filter(p -> p.meanReturn() >= threshold).findFirst();
    }
}
