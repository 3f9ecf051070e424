package org.rlhf4j.control.env;

import java.util.SplittableRandom;

/**
 * Mountain car, {@code MountainCar-v0}: an under-powered car in a valley (track height
 * {@code 0.45 sin(3x) + 0.55}) must rock back and forth to reach the flag at {@code x = 0.5}.
 * Actions: 0 accelerate left, 1 no push, 2 accelerate right.
 *
 * <p>Sources: Moore (1990), "Efficient memory-based learning for robot control", PhD thesis,
 * University of Cambridge; Sutton &amp; Barto, <i>Reinforcement Learning: An Introduction</i>;
 * Gymnasium 1.x {@code gymnasium/envs/classic_control/mountain_car.py}, whose update this class
 * reproduces:
 * {@code v += (a - 1) * force - gravity * cos(3x)}, clip v to +-0.07, {@code x += v}, clip x to
 * [-1.2, 0.6], and at the left wall a negative velocity becomes 0 (inelastic wall).
 * Units are abstract ("position units", "position units per step"). Reward -1 every step, also
 * on the terminating one.
 */
public final class MountainCar extends AbstractEnvironment {

    /**
     * @param minPosition left wall (-1.2)
     * @param maxPosition right end (0.6)
     * @param maxSpeedPerStep speed limit, position units per step (0.07)
     * @param goalPosition episode terminates at {@code x >= goalPosition} ... (0.5)
     * @param goalVelocity ... and {@code v >= goalVelocity} (0)
     * @param forcePerStep velocity change per step of a push (0.001)
     * @param gravityPerStep gravity factor multiplying {@code -cos(3x)} (0.0025)
     * @param resetLow lower bound of the uniform initial position (-0.6); initial velocity is 0
     * @param resetHigh upper bound of the uniform initial position (-0.4)
     * @param maxEpisodeSteps time limit (200)
     */
    public record Config(
            double minPosition,
            double maxPosition,
            double maxSpeedPerStep,
            double goalPosition,
            double goalVelocity,
            double forcePerStep,
            double gravityPerStep,
            double resetLow,
            double resetHigh,
            int maxEpisodeSteps) {

        /** {@code MountainCar-v0} as registered by Gymnasium 1.x. */
        public static final Config DEFAULT = new Config(-1.2, 0.6, 0.07, 0.5, 0.0, 0.001, 0.0025, -0.6, -0.4, 200);

        public Config {
            if (!(minPosition < maxPosition && maxSpeedPerStep > 0 && resetLow <= resetHigh)) {
                throw new IllegalArgumentException("MountainCar config needs minPosition < maxPosition, maxSpeed > 0,"
                        + " resetLow <= resetHigh: " + minPosition + ", " + maxPosition + ", " + maxSpeedPerStep
                        + ", " + resetLow + ", " + resetHigh);
            }
        }
    }

    private final Config config;
    private double position;
    private double velocityPerStep;

    /** {@code MountainCar-v0}. */
    public MountainCar() {
        this("MountainCar-v0", Config.DEFAULT);
    }

    public MountainCar(String id, Config config) {
        super(id,
                new Space.Box(new float[] {(float) config.minPosition(), (float) -config.maxSpeedPerStep()},
                        new float[] {(float) config.maxPosition(), (float) config.maxSpeedPerStep()}),
                new Space.Discrete(3), config.maxEpisodeSteps());
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    protected void sampleInitialState(SplittableRandom random) {
        // Gymnasium: [np_random.uniform(low=-0.6, high=-0.4), 0]
        position = config.resetLow() + (config.resetHigh() - config.resetLow()) * random.nextDouble();
        velocityPerStep = 0.0;
    }

    @Override
    protected void advance(int action, StepResult result) {
        // Python "velocity += a + b" adds the whole right-hand side at once: keep that grouping.
        double velocity = velocityPerStep
                + ((action - 1) * config.forcePerStep() + Math.cos(3 * position) * (-config.gravityPerStep()));
        velocity = Math.min(Math.max(velocity, -config.maxSpeedPerStep()), config.maxSpeedPerStep());
        double newPosition = position + velocity;
        newPosition = Math.min(Math.max(newPosition, config.minPosition()), config.maxPosition());
        if (newPosition == config.minPosition() && velocity < 0) {
            velocity = 0.0; // the left wall absorbs the car's momentum
        }
        position = newPosition;
        velocityPerStep = velocity;
        boolean terminated = position >= config.goalPosition() && velocityPerStep >= config.goalVelocity();
        result.set(-1.0, terminated, false);
    }

    @Override
    protected void writeObservation(float[] observation, int offset) {
        observation[offset] = (float) position;
        observation[offset + 1] = (float) velocityPerStep;
    }

    /** Sets {@code (position, velocity per step)} and allows stepping; the step counter is kept. */
    public void setState(double... state) {
        if (state.length != 2) {
            throw new IllegalArgumentException(id() + ": state is (position, velocity), got " + state.length
                    + " values");
        }
        position = state[0];
        velocityPerStep = state[1];
        allowSteppingFromSetState();
    }

    /** The double-precision state {@code (position, velocity)}; a new array. */
    public double[] state() {
        return new double[] {position, velocityPerStep};
    }

    /** Frame: header, a row for the flag 'F', 8 rows of valley profile with the car 'C'. */
    @Override
    public String renderText() {
        int width = 46;
        int height = 8;
        TextCanvas canvas = new TextCanvas(width, height + 1);
        double span = config.maxPosition() - config.minPosition();
        for (int column = 0; column < width; column++) {
            double x = config.minPosition() + span * column / (width - 1);
            canvas.put(column, rowOf(x, height), '.');
        }
        int flagColumn = (int) Math.round((config.goalPosition() - config.minPosition()) / span * (width - 1));
        canvas.put(flagColumn, rowOf(config.goalPosition(), height) - 1, 'F');
        int carColumn = (int) Math.round((position - config.minPosition()) / span * (width - 1));
        canvas.put(carColumn, rowOf(position, height), 'C');
        String header = String.format("%s step %d  x=%+.4f  v=%+.5f", id(), elapsedSteps(), position,
                velocityPerStep);
        return header + "\n" + canvas;
    }

    /** Track height 0.45 sin(3x) + 0.55 lies in [0.1, 1.0]; drawn in rows 1..height (row 0 is for the flag). */
    private static int rowOf(double x, int height) {
        double trackHeight = Math.sin(3 * x) * 0.45 + 0.55;
        return height - (int) Math.round((trackHeight - 0.1) / 0.9 * (height - 1));
    }
}
