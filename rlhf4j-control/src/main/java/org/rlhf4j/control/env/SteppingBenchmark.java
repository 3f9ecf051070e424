package org.rlhf4j.control.env;

import java.util.SplittableRandom;

/**
 * Raw stepping throughput with uniformly random actions, resets included: the Java counterpart
 * of timing {@code env.step(env.action_space.sample())} in a Python loop. Measures for a fixed
 * wall-clock time after a JIT warm-up. {@code rlhf4j bench control} reports it against
 * {@link #GYMNASIUM_REFERENCE_STEPS_PER_SECOND}.
 *
 * <p>{@code java -cp target/classes org.rlhf4j.control.env.SteppingBenchmark [id] [seconds]}
 */
public final class SteppingBenchmark {
    /** Gymnasium's raw CartPole-v1 stepping in a Python loop on a machine of this kind, as the issue states it. */
    public static final double GYMNASIUM_REFERENCE_STEPS_PER_SECOND = 160_000;
    /** Gymnasium 1.4.0 measured on rlhf4j's development machine, unwrapped environment (72k through gym.make). */
    public static final double GYMNASIUM_1_4_UNWRAPPED_STEPS_PER_SECOND = 92_000;
    /** Warm-up and measurement time of each figure unless given. */
    public static final double DEFAULT_SECONDS = 2.0;

    /** Prevents the JIT from discarding the simulation as dead code. */
    private static volatile double sink;

    private SteppingBenchmark() {
    }

    /** Steps per second of one copy and of {@code copies} copies (summed over copies). */
    public record Result(String id, int copies, double singleStepsPerSecond, double vectorStepsPerSecond) {}

    /** Both measurements of {@code id}, each after its own warm-up. */
    public static Result measure(String id, int copies, double warmupSeconds, double measureSeconds) {
        if (!(warmupSeconds >= 0 && measureSeconds > 0)) {
            throw new IllegalArgumentException("stepping warm-up must be >= 0 s and measurement > 0 s, got " + warmupSeconds + " and " + measureSeconds);
        }
        if (copies < 1) throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        double single = singleStepsPerSecond(id, warmupSeconds, measureSeconds);
        return new Result(id, copies, single, vectorStepsPerSecond(id, copies, warmupSeconds, measureSeconds));
    }

    /** Environment steps per second of one copy of {@code id} with random discrete actions. */
    public static double singleStepsPerSecond(String id, double warmupSeconds, double measureSeconds) {
        Environment env = Environments.make(id);
        int actionCount = discreteActionCount(env);
        float[] observation = new float[env.observationSize()];
        StepResult result = new StepResult();
        SplittableRandom actions = new SplittableRandom(1);
        env.reset(0L, observation);
        double checksum = 0;
        double rate = 0;
        for (int phase = 0; phase < 2; phase++) {
            long duration = (long) ((phase == 0 ? warmupSeconds : measureSeconds) * 1e9);
            long steps = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                for (int i = 0; i < 10_000; i++) {
                    env.step(actions.nextInt(actionCount), observation, result);
                    checksum += observation[0];
                    if (result.done()) {
                        env.reset(observation);
                    }
                }
                steps += 10_000;
                elapsed = System.nanoTime() - start;
            } while (elapsed < duration);
            rate = steps / (elapsed / 1e9);
        }
        sink = checksum;
        return rate;
    }

    /** Environment steps per second (summed over copies) of {@code copies} copies of {@code id}. */
    public static double vectorStepsPerSecond(String id, int copies, double warmupSeconds, double measureSeconds) {
        VectorEnvironment vector = VectorEnvironment.make(id, copies);
        int actionCount = discreteActionCount(vector.environment(0));
        int[] actions = new int[copies];
        SplittableRandom random = new SplittableRandom(1);
        vector.reset(0L);
        double checksum = 0;
        double rate = 0;
        for (int phase = 0; phase < 2; phase++) {
            long duration = (long) ((phase == 0 ? warmupSeconds : measureSeconds) * 1e9);
            long vectorSteps = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                for (int i = 0; i < 2_000; i++) {
                    for (int c = 0; c < copies; c++) {
                        actions[c] = random.nextInt(actionCount);
                    }
                    vector.step(actions);
                    checksum += vector.observations()[0];
                }
                vectorSteps += 2_000;
                elapsed = System.nanoTime() - start;
            } while (elapsed < duration);
            rate = vectorSteps * copies / (elapsed / 1e9);
        }
        sink = checksum;
        return rate;
    }

    private static int discreteActionCount(Environment env) {
        if (env.actionSpace() instanceof Space.Discrete discrete) {
            return discrete.n();
        }
        throw new IllegalArgumentException("SteppingBenchmark needs a discrete action space, " + env.id() + " has "
                + env.actionSpace());
    }

    public static void main(String[] args) {
        String id = args.length > 0 ? args[0] : "CartPole-v1";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : DEFAULT_SECONDS;
        Result r = measure(id, 8, seconds, seconds);
        System.out.printf("%s single env: %,.0f steps/s%n", id, r.singleStepsPerSecond());
        System.out.printf("%s vector x8:  %,.0f steps/s (sum over copies)%n", id, r.vectorStepsPerSecond());
    }
}
