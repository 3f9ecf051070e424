package org.rlhf4j.control.env;

import java.util.SplittableRandom;

/**
 * Cart-pole balancing, {@code CartPole-v1}: a pole hinged on a cart that moves along a
 * frictionless track; push the cart left (action 0) or right (action 1) with a fixed force to keep
 * the pole upright.
 *
 * <p>Sources: Barto, Sutton &amp; Anderson (1983), "Neuronlike adaptive elements that can solve
 * difficult learning control problems", IEEE SMC 13(5); the equations of motion as in Florian
 * (2007), "Correct equations for the dynamics of the cart-pole system"; and Gymnasium 1.x
 * {@code gymnasium/envs/classic_control/cartpole.py}, whose constants, integrator, reset
 * distribution, thresholds and rewards this class reproduces.
 *
 * <p>State {@code (x [m], xDot [m/s], theta [rad], thetaDot [rad/s])} is kept in double precision
 * (Gymnasium keeps a float64 array) and observed as float32. {@code theta > 0} means the pole leans
 * to the right (+x).
 */
public final class CartPole extends AbstractEnvironment {

    /** How positions are advanced from velocities; Gymnasium's {@code kinematics_integrator}. */
    public enum Integrator {
        /** Explicit Euler (Gymnasium's default {@code "euler"}): positions use the old velocities. */
        EULER,
        /** Semi-implicit Euler: velocities first, positions from the new velocities. */
        SEMI_IMPLICIT_EULER
    }

    /**
     * Physical constants and episode rules; {@link #DEFAULT} is {@code CartPole-v1}.
     *
     * @param gravityMetersPerSecondSquared gravitational acceleration (9.8)
     * @param cartMassKilograms mass of the cart (1.0)
     * @param poleMassKilograms mass of the pole (0.1)
     * @param halfPoleLengthMeters half the pole's length, i.e. pivot to centre of mass (0.5)
     * @param forceMagnitudeNewtons magnitude of the push (10.0)
     * @param timeStepSeconds integration step {@code tau} (0.02)
     * @param integrator position update rule (explicit Euler)
     * @param angleThresholdRadians episode terminates when {@code |theta| >} this (12 degrees)
     * @param positionThresholdMeters episode terminates when {@code |x| >} this (2.4)
     * @param resetLow lower bound of the uniform initial state, every component (-0.05)
     * @param resetHigh upper bound of the uniform initial state, every component (0.05)
     * @param suttonBartoReward if true, reward 0 per step and -1 on termination (the 1983 paper);
     *        else +1 per step including the terminating one (Gymnasium default)
     * @param maxEpisodeSteps time limit (500 for v1, 200 for v0)
     */
    public record Config(
            double gravityMetersPerSecondSquared,
            double cartMassKilograms,
            double poleMassKilograms,
            double halfPoleLengthMeters,
            double forceMagnitudeNewtons,
            double timeStepSeconds,
            Integrator integrator,
            double angleThresholdRadians,
            double positionThresholdMeters,
            double resetLow,
            double resetHigh,
            boolean suttonBartoReward,
            int maxEpisodeSteps) {

        /** {@code CartPole-v1} as registered by Gymnasium 1.x. */
        public static final Config DEFAULT = new Config(9.8, 1.0, 0.1, 0.5, 10.0, 0.02, Integrator.EULER,
                // 12 degrees, written as in Gymnasium (12 * 2 * pi / 360) so the double is identical.
                12 * 2 * Math.PI / 360, 2.4, -0.05, 0.05, false, 500);

        public Config {
            if (!(cartMassKilograms > 0 && poleMassKilograms > 0 && halfPoleLengthMeters > 0 && timeStepSeconds > 0)) {
                throw new IllegalArgumentException("CartPole masses, pole length and time step must be positive: "
                        + cartMassKilograms + ", " + poleMassKilograms + ", " + halfPoleLengthMeters + ", "
                        + timeStepSeconds);
            }
            if (integrator == null) {
                throw new IllegalArgumentException("CartPole integrator must not be null");
            }
            if (!(resetLow <= resetHigh)) {
                throw new IllegalArgumentException("CartPole resetLow " + resetLow + " must be <= resetHigh " + resetHigh);
            }
        }

        public Config withMaxEpisodeSteps(int steps) {
            return new Config(gravityMetersPerSecondSquared, cartMassKilograms, poleMassKilograms,
                    halfPoleLengthMeters, forceMagnitudeNewtons, timeStepSeconds, integrator, angleThresholdRadians,
                    positionThresholdMeters, resetLow, resetHigh, suttonBartoReward, steps);
        }
    }

    private final Config config;
    // Derived constants, computed exactly as Gymnasium does (total_mass = masspole + masscart, ...).
    private final double totalMassKilograms;
    private final double poleMassTimesHalfLength;

    private double xMeters;
    private double xDotMetersPerSecond;
    private double thetaRadians;
    private double thetaDotRadiansPerSecond;

    /** {@code CartPole-v1}. */
    public CartPole() {
        this("CartPole-v1", Config.DEFAULT);
    }

    public CartPole(String id, Config config) {
        super(id, observationSpaceFor(config), new Space.Discrete(2), config.maxEpisodeSteps());
        this.config = config;
        this.totalMassKilograms = config.poleMassKilograms() + config.cartMassKilograms();
        this.poleMassTimesHalfLength = config.poleMassKilograms() * config.halfPoleLengthMeters();
    }

    /** Gymnasium: bounds are twice the termination thresholds so the failing observation is inside. */
    private static Space.Box observationSpaceFor(Config config) {
        return Space.Box.symmetric(
                (float) (config.positionThresholdMeters() * 2), Float.POSITIVE_INFINITY,
                (float) (config.angleThresholdRadians() * 2), Float.POSITIVE_INFINITY);
    }

    public Config config() {
        return config;
    }

    @Override
    protected void sampleInitialState(SplittableRandom random) {
        // Gymnasium: np_random.uniform(low=-0.05, high=0.05, size=(4,)) = low + (high - low) * U[0, 1).
        double low = config.resetLow();
        double width = config.resetHigh() - low;
        xMeters = low + width * random.nextDouble();
        xDotMetersPerSecond = low + width * random.nextDouble();
        thetaRadians = low + width * random.nextDouble();
        thetaDotRadiansPerSecond = low + width * random.nextDouble();
    }

    @Override
    protected void advance(int action, StepResult result) {
        double force = action == 1 ? config.forceMagnitudeNewtons() : -config.forceMagnitudeNewtons();
        double cosTheta = Math.cos(thetaRadians);
        double sinTheta = Math.sin(thetaRadians);
        double halfLength = config.halfPoleLengthMeters();
        // Operation order follows Gymnasium's expressions so that results agree to the last bits.
        double temp = (force + poleMassTimesHalfLength * (thetaDotRadiansPerSecond * thetaDotRadiansPerSecond) * sinTheta)
                / totalMassKilograms;
        double thetaAcc = (config.gravityMetersPerSecondSquared() * sinTheta - cosTheta * temp)
                / (halfLength * (4.0 / 3.0 - config.poleMassKilograms() * (cosTheta * cosTheta) / totalMassKilograms));
        double xAcc = temp - poleMassTimesHalfLength * thetaAcc * cosTheta / totalMassKilograms;

        double tau = config.timeStepSeconds();
        if (config.integrator() == Integrator.EULER) {
            xMeters = xMeters + tau * xDotMetersPerSecond;
            xDotMetersPerSecond = xDotMetersPerSecond + tau * xAcc;
            thetaRadians = thetaRadians + tau * thetaDotRadiansPerSecond;
            thetaDotRadiansPerSecond = thetaDotRadiansPerSecond + tau * thetaAcc;
        } else {
            xDotMetersPerSecond = xDotMetersPerSecond + tau * xAcc;
            xMeters = xMeters + tau * xDotMetersPerSecond;
            thetaDotRadiansPerSecond = thetaDotRadiansPerSecond + tau * thetaAcc;
            thetaRadians = thetaRadians + tau * thetaDotRadiansPerSecond;
        }

        double xLimit = config.positionThresholdMeters();
        double thetaLimit = config.angleThresholdRadians();
        boolean terminated = xMeters < -xLimit || xMeters > xLimit || thetaRadians < -thetaLimit || thetaRadians > thetaLimit;
        double reward;
        if (config.suttonBartoReward()) {
            reward = terminated ? -1.0 : 0.0;
        } else {
            reward = 1.0;
        }
        result.set(reward, terminated, false);
    }

    @Override
    protected void writeObservation(float[] observation, int offset) {
        observation[offset] = (float) xMeters;
        observation[offset + 1] = (float) xDotMetersPerSecond;
        observation[offset + 2] = (float) thetaRadians;
        observation[offset + 3] = (float) thetaDotRadiansPerSecond;
    }

    /**
     * Sets the state {@code (x [m], xDot [m/s], theta [rad], thetaDot [rad/s])}, like assigning
     * {@code env.unwrapped.state} in Gymnasium, and allows stepping; the step counter is kept.
     */
    public void setState(double... state) {
        if (state.length != 4) {
            throw new IllegalArgumentException(id() + ": state is (x, xDot, theta, thetaDot), got " + state.length
                    + " values");
        }
        xMeters = state[0];
        xDotMetersPerSecond = state[1];
        thetaRadians = state[2];
        thetaDotRadiansPerSecond = state[3];
        allowSteppingFromSetState();
    }

    /** The double-precision state {@code (x, xDot, theta, thetaDot)}; a new array. */
    public double[] state() {
        return new double[] {xMeters, xDotMetersPerSecond, thetaRadians, thetaDotRadiansPerSecond};
    }

    /**
     * Frame of 7 lines: header, 4 rows of pole, cart, track. The track spans +-1.25 times the
     * position threshold at 8 columns per metre; '|' on the track marks the termination limits.
     */
    @Override
    public String renderText() {
        double xLimit = config.positionThresholdMeters();
        double halfSpanMeters = 1.25 * xLimit;
        int columnsPerMeter = 8;
        int width = (int) Math.round(2 * halfSpanMeters * columnsPerMeter) + 1;
        int poleRows = 4;
        TextCanvas canvas = new TextCanvas(width, poleRows + 2);
        int trackRow = poleRows + 1;
        for (int column = 0; column < width; column++) {
            canvas.put(column, trackRow, '-');
        }
        canvas.put(columnOf(-xLimit, halfSpanMeters, columnsPerMeter), trackRow, '|');
        canvas.put(columnOf(xLimit, halfSpanMeters, columnsPerMeter), trackRow, '|');
        int cartColumn = columnOf(xMeters, halfSpanMeters, columnsPerMeter);
        if (cartColumn < 0 || cartColumn >= width) {
            canvas.put(cartColumn < 0 ? 0 : width - 1, poleRows, cartColumn < 0 ? '<' : '>');
        } else {
            for (int dc = -2; dc <= 2; dc++) {
                canvas.put(cartColumn + dc, poleRows, dc == -2 ? '[' : dc == 2 ? ']' : '=');
            }
            // Pole of full length 2 * halfLength drawn as 4 samples; a character cell is about twice
            // as tall as wide, so one row is taken as 2 columns' worth of distance.
            double poleLength = 2 * config.halfPoleLengthMeters();
            char poleChar = Math.abs(thetaRadians) < 0.1 ? '|' : thetaRadians > 0 ? '/' : '\\';
            for (int sample = 1; sample <= poleRows; sample++) {
                double along = poleLength * sample / poleRows;
                double dxMeters = along * Math.sin(thetaRadians);
                double dyMeters = along * Math.cos(thetaRadians);
                int row = poleRows - (int) Math.round(dyMeters * poleRows / poleLength);
                int column = columnOf(xMeters + dxMeters, halfSpanMeters, columnsPerMeter);
                if (row >= 0 && row < poleRows) {
                    canvas.put(column, row, poleChar);
                }
            }
        }
        String header = String.format("%s step %d  x=%+.3f m  xdot=%+.3f m/s  theta=%+.2f deg  thetadot=%+.3f rad/s",
                id(), elapsedSteps(), xMeters, xDotMetersPerSecond, Math.toDegrees(thetaRadians),
                thetaDotRadiansPerSecond);
        return header + "\n" + canvas;
    }

    private static int columnOf(double xMeters, double halfSpanMeters, int columnsPerMeter) {
        return (int) Math.round((xMeters + halfSpanMeters) * columnsPerMeter);
    }
}
