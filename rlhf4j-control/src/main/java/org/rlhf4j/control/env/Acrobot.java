package org.rlhf4j.control.env;

import java.util.SplittableRandom;

/**
 * Acrobot swing-up, {@code Acrobot-v1}: a two-link pendulum hanging from a fixed pivot, actuated
 * only at the joint between the links (torque -1, 0 or +1 N m for actions 0, 1, 2). The episode
 * terminates when the free end rises above one link length over the pivot:
 * {@code -cos(theta1) - cos(theta1 + theta2) > 1}. Reward -1 per step, 0 on the terminating step.
 *
 * <p>Sources: Sutton (1996), "Generalization in reinforcement learning: successful examples using
 * sparse coarse coding", NIPS 8; Sutton &amp; Barto, <i>Reinforcement Learning: An Introduction</i>
 * (the "book" dynamics, which add the {@code -m2 l1 lc2 theta1Dot^2 sin(theta2)} term the NIPS paper
 * omits); Gymnasium 1.x {@code gymnasium/envs/classic_control/acrobot.py}, which this class
 * reproduces: one classic Runge-Kutta-4 step of dt = 0.2 s with the torque held constant, then
 * angles wrapped into [-pi, pi] and velocities bounded to +-4 pi and +-9 pi rad/s.
 *
 * <p>State {@code (theta1, theta2 [rad], theta1Dot, theta2Dot [rad/s])}; theta1 = 0 is link 1
 * hanging straight down, theta2 is relative to link 1. Observation
 * {@code (cos theta1, sin theta1, cos theta2, sin theta2, theta1Dot, theta2Dot)} as float32.
 * As in Gymnasium, the initial state is drawn from U(-0.1, 0.1) and rounded to float32; the state
 * is float64 from the first step on. Torque noise ({@code torque_noise_max}, 0 in Gymnasium) is
 * not modelled.
 */
public final class Acrobot extends AbstractEnvironment {

    /** The two sets of equations Gymnasium offers through {@code book_or_nips}. */
    public enum Dynamics {
        /** Sutton &amp; Barto's book (Gymnasium default). */
        BOOK,
        /** Sutton (1996) NIPS paper, without the {@code theta1Dot^2} term in theta2's acceleration. */
        NIPS
    }

    /**
     * @param link1LengthMeters l1 (1.0)
     * @param link1MassKilograms m1 (1.0)
     * @param link2MassKilograms m2 (1.0)
     * @param link1CenterOfMassMeters lc1, pivot to centre of mass of link 1 (0.5)
     * @param link2CenterOfMassMeters lc2, joint to centre of mass of link 2 (0.5)
     * @param linkMomentOfInertia I1 = I2, kg m^2 (1.0)
     * @param gravityMetersPerSecondSquared g (9.8)
     * @param timeStepSeconds one RK4 step (0.2)
     * @param maxVelocity1RadiansPerSecond bound of theta1Dot (4 pi)
     * @param maxVelocity2RadiansPerSecond bound of theta2Dot (9 pi)
     * @param dynamics book or NIPS equations (book)
     * @param resetLow lower bound of the uniform initial state, every component (-0.1)
     * @param resetHigh upper bound (0.1)
     * @param maxEpisodeSteps time limit (500)
     */
    public record Config(
            double link1LengthMeters,
            double link1MassKilograms,
            double link2MassKilograms,
            double link1CenterOfMassMeters,
            double link2CenterOfMassMeters,
            double linkMomentOfInertia,
            double gravityMetersPerSecondSquared,
            double timeStepSeconds,
            double maxVelocity1RadiansPerSecond,
            double maxVelocity2RadiansPerSecond,
            Dynamics dynamics,
            double resetLow,
            double resetHigh,
            int maxEpisodeSteps) {

        /** {@code Acrobot-v1} as registered by Gymnasium 1.x. */
        public static final Config DEFAULT = new Config(1.0, 1.0, 1.0, 0.5, 0.5, 1.0, 9.8, 0.2,
                4 * Math.PI, 9 * Math.PI, Dynamics.BOOK, -0.1, 0.1, 500);

        public Config {
            if (dynamics == null || !(timeStepSeconds > 0 && resetLow <= resetHigh)) {
                throw new IllegalArgumentException("Acrobot config needs dynamics, timeStepSeconds > 0 and"
                        + " resetLow <= resetHigh");
            }
        }
    }

    /** Available joint torques in N m, indexed by action (Gymnasium {@code AVAIL_TORQUE}). */
    private static final double[] TORQUE_NEWTON_METERS = {-1.0, 0.0, 1.0};

    private final Config config;
    private double theta1Radians;
    private double theta2Radians;
    private double theta1DotRadiansPerSecond;
    private double theta2DotRadiansPerSecond;
    /** Scratch for the four RK4 stages: k[stage][component]; reused, so a step allocates nothing. */
    private final double[][] k = new double[4][4];

    /** {@code Acrobot-v1}. */
    public Acrobot() {
        this("Acrobot-v1", Config.DEFAULT);
    }

    public Acrobot(String id, Config config) {
        super(id, Space.Box.symmetric(1f, 1f, 1f, 1f, (float) config.maxVelocity1RadiansPerSecond(),
                (float) config.maxVelocity2RadiansPerSecond()), new Space.Discrete(3), config.maxEpisodeSteps());
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    protected void sampleInitialState(SplittableRandom random) {
        // Gymnasium: np_random.uniform(low=-0.1, high=0.1, size=(4,)).astype(np.float32)
        double low = config.resetLow();
        double width = config.resetHigh() - low;
        theta1Radians = (float) (low + width * random.nextDouble());
        theta2Radians = (float) (low + width * random.nextDouble());
        theta1DotRadiansPerSecond = (float) (low + width * random.nextDouble());
        theta2DotRadiansPerSecond = (float) (low + width * random.nextDouble());
    }

    @Override
    protected void advance(int action, StepResult result) {
        double torque = TORQUE_NEWTON_METERS[action];
        double s0 = theta1Radians;
        double s1 = theta2Radians;
        double s2 = theta1DotRadiansPerSecond;
        double s3 = theta2DotRadiansPerSecond;
        // Gymnasium's rk4(derivs, y0, [0, dt]): a single classic RK4 step.
        double dt = config.timeStepSeconds();
        double halfDt = dt / 2.0;
        derivatives(s0, s1, s2, s3, torque, k[0]);
        derivatives(s0 + halfDt * k[0][0], s1 + halfDt * k[0][1], s2 + halfDt * k[0][2], s3 + halfDt * k[0][3],
                torque, k[1]);
        derivatives(s0 + halfDt * k[1][0], s1 + halfDt * k[1][1], s2 + halfDt * k[1][2], s3 + halfDt * k[1][3],
                torque, k[2]);
        derivatives(s0 + dt * k[2][0], s1 + dt * k[2][1], s2 + dt * k[2][2], s3 + dt * k[2][3], torque, k[3]);
        double sixthDt = dt / 6.0;
        double n0 = s0 + sixthDt * (k[0][0] + 2 * k[1][0] + 2 * k[2][0] + k[3][0]);
        double n1 = s1 + sixthDt * (k[0][1] + 2 * k[1][1] + 2 * k[2][1] + k[3][1]);
        double n2 = s2 + sixthDt * (k[0][2] + 2 * k[1][2] + 2 * k[2][2] + k[3][2]);
        double n3 = s3 + sixthDt * (k[0][3] + 2 * k[1][3] + 2 * k[2][3] + k[3][3]);

        theta1Radians = wrap(n0, -Math.PI, Math.PI);
        theta2Radians = wrap(n1, -Math.PI, Math.PI);
        double maxVelocity1 = config.maxVelocity1RadiansPerSecond();
        double maxVelocity2 = config.maxVelocity2RadiansPerSecond();
        theta1DotRadiansPerSecond = Math.min(Math.max(n2, -maxVelocity1), maxVelocity1);
        theta2DotRadiansPerSecond = Math.min(Math.max(n3, -maxVelocity2), maxVelocity2);

        boolean terminated = -Math.cos(theta1Radians) - Math.cos(theta2Radians + theta1Radians) > 1.0;
        result.set(terminated ? 0.0 : -1.0, terminated, false);
    }

    /**
     * Equations of motion (Gymnasium {@code _dsdt}; Sutton &amp; Barto): writes
     * {@code (theta1Dot, theta2Dot, theta1DotDot, theta2DotDot)} to {@code out}. Operation order
     * follows Gymnasium's expressions.
     */
    void derivatives(double theta1, double theta2, double dtheta1, double dtheta2, double torque,
            double[] out) {
        double m1 = config.link1MassKilograms();
        double m2 = config.link2MassKilograms();
        double l1 = config.link1LengthMeters();
        double lc1 = config.link1CenterOfMassMeters();
        double lc2 = config.link2CenterOfMassMeters();
        double i1 = config.linkMomentOfInertia();
        double i2 = config.linkMomentOfInertia();
        double g = config.gravityMetersPerSecondSquared();
        double cosTheta2 = Math.cos(theta2);
        double sinTheta2 = Math.sin(theta2);

        double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cosTheta2) + i1 + i2;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cosTheta2) + i2;
        double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sinTheta2
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2
                + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2;
        if (config.dynamics() == Dynamics.NIPS) {
            ddtheta2 = (torque + d2 / d1 * phi1 - phi2) / (m2 * (lc2 * lc2) + i2 - d2 * d2 / d1);
        } else {
            ddtheta2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sinTheta2 - phi2)
                    / (m2 * (lc2 * lc2) + i2 - d2 * d2 / d1);
        }
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        out[0] = dtheta1;
        out[1] = dtheta2;
        out[2] = ddtheta1;
        out[3] = ddtheta2;
    }

    /**
     * Gymnasium's {@code wrap}: shifts {@code x} by whole multiples of {@code max - min} until
     * {@code min <= x <= max} (both ends allowed, unlike a modulo).
     */
    static double wrap(double x, double min, double max) {
        double period = max - min;
        while (x > max) {
            x = x - period;
        }
        while (x < min) {
            x = x + period;
        }
        return x;
    }

    @Override
    protected void writeObservation(float[] observation, int offset) {
        observation[offset] = (float) Math.cos(theta1Radians);
        observation[offset + 1] = (float) Math.sin(theta1Radians);
        observation[offset + 2] = (float) Math.cos(theta2Radians);
        observation[offset + 3] = (float) Math.sin(theta2Radians);
        observation[offset + 4] = (float) theta1DotRadiansPerSecond;
        observation[offset + 5] = (float) theta2DotRadiansPerSecond;
    }

    /**
     * Sets {@code (theta1, theta2 [rad], theta1Dot, theta2Dot [rad/s])} as given (not wrapped) and
     * allows stepping; the step counter is kept.
     */
    public void setState(double... state) {
        if (state.length != 4) {
            throw new IllegalArgumentException(id() + ": state is (theta1, theta2, theta1Dot, theta2Dot), got "
                    + state.length + " values");
        }
        theta1Radians = state[0];
        theta2Radians = state[1];
        theta1DotRadiansPerSecond = state[2];
        theta2DotRadiansPerSecond = state[3];
        allowSteppingFromSetState();
    }

    /** The double-precision state {@code (theta1, theta2, theta1Dot, theta2Dot)}; a new array. */
    public double[] state() {
        return new double[] {theta1Radians, theta2Radians, theta1DotRadiansPerSecond, theta2DotRadiansPerSecond};
    }

    /**
     * Frame: header and a 13 x 25 grid, pivot 'O' in the centre, link 1 '1', link 2 '2', the tip
     * '@' and the target height (one link length above the pivot) as a row of '-'.
     */
    @Override
    public String renderText() {
        int radiusRows = 6;
        int radiusColumns = 12;
        double reach = config.link1LengthMeters() + 1.0 + 0.2; // Gymnasium draws l1 + l2 + 0.2 around the pivot
        TextCanvas canvas = new TextCanvas(2 * radiusColumns + 1, 2 * radiusRows + 1);
        int targetRow = radiusRows - (int) Math.round(1.0 / reach * radiusRows);
        for (int column = 0; column < 2 * radiusColumns + 1; column++) {
            canvas.put(column, targetRow, '-');
        }
        // Positions in (right, up): p1 = l1 (sin th1, -cos th1), p2 = p1 + l2 (sin(th1+th2), -cos(th1+th2)).
        double p1x = config.link1LengthMeters() * Math.sin(theta1Radians);
        double p1y = -config.link1LengthMeters() * Math.cos(theta1Radians);
        double p2x = p1x + Math.sin(theta1Radians + theta2Radians);
        double p2y = p1y - Math.cos(theta1Radians + theta2Radians);
        int samples = 4;
        for (int sample = 1; sample <= samples; sample++) {
            double f = (double) sample / samples;
            plot(canvas, f * p1x, f * p1y, reach, radiusColumns, radiusRows, '1');
            plot(canvas, p1x + f * (p2x - p1x), p1y + f * (p2y - p1y), reach, radiusColumns, radiusRows,
                    sample == samples ? '@' : '2');
        }
        plot(canvas, 0, 0, reach, radiusColumns, radiusRows, 'O');
        String header = String.format("%s step %d  theta1=%+.3f theta2=%+.3f rad  dtheta=(%+.3f, %+.3f) rad/s", id(),
                elapsedSteps(), theta1Radians, theta2Radians, theta1DotRadiansPerSecond, theta2DotRadiansPerSecond);
        return header + "\n" + canvas;
    }

    private static void plot(TextCanvas canvas, double x, double y, double reach, int radiusColumns, int radiusRows,
            char c) {
        canvas.put(radiusColumns + (int) Math.round(x / reach * radiusColumns),
                radiusRows - (int) Math.round(y / reach * radiusRows), c);
    }
}
