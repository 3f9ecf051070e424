package org.rlhf4j.control.env;

import java.util.SplittableRandom;

/**
 * Raw stepping throughput with uniformly random actions, resets included: the Java counterpart
 * of timing {@code env.step(env.action_space.sample())} in a Python loop. Measures for a fixed
 * wall-clock time after a JIT warm-up.
 *
 * <p>{@code java -cp target/classes org.rlhf4j.control.env.SteppingBenchmark [id] [seconds]}
 */
public final class SteppingBenchmark {
    /** Prevents the JIT from discarding the simulation as dead code. */
    private static volatile double sink;

    private SteppingBenchmark() {
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
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        double single = singleStepsPerSecond(id, seconds, seconds);
        double vector8 = vectorStepsPerSecond(id, 8, seconds, seconds);
        System.out.printf("%s single env: %,.0f steps/s%n", id, single);
        System.out.printf("%s vector x8:  %,.0f steps/s (sum over copies)%n", id, vector8);
    }
}
