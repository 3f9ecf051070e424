package org.rlhf4j.control.env;

import java.util.SplittableRandom;

/**
 * Inverted pendulum swing-up, {@code Pendulum-v1}: apply a torque in [-2, 2] N m at the pivot of
 * a rigid rod to swing it up and hold it upright. {@code theta = 0} is upright and positive theta
 * is counter-clockwise; the angle is not wrapped in the state (as in Gymnasium), only inside the
 * cost.
 *
 * <p>Source: Gymnasium 1.x {@code gymnasium/envs/classic_control/pendulum.py}, reproduced here:
 * <pre>
 *   u        = clip(u, -2, 2)                 (float32, see advance)
 *   cost     = normalize(theta)^2 + 0.1 thetaDot^2 + 0.001 u^2,   reward = -cost (of the old state)
 *   thetaDot = clip(thetaDot + (3 g / (2 l) sin(theta) + 3 / (m l^2) u) dt, -8, 8)
 *   theta    = theta + thetaDot dt                                  (semi-implicit Euler)
 * </pre>
 * Observation {@code (cos theta, sin theta, thetaDot)}; never terminates, truncated after 200 steps.
 */
public final class Pendulum extends AbstractEnvironment {

    /**
     * @param gravityMetersPerSecondSquared g (Gymnasium default 10.0, not 9.81)
     * @param massKilograms m (1.0)
     * @param lengthMeters l (1.0)
     * @param timeStepSeconds dt (0.05)
     * @param maxSpeedRadiansPerSecond angular-velocity clip (8)
     * @param maxTorqueNewtonMeters action clip (2.0)
     * @param resetMaxAngleRadians initial theta ~ U(-this, this) (pi)
     * @param resetMaxSpeedRadiansPerSecond initial thetaDot ~ U(-this, this) (1.0)
     * @param maxEpisodeSteps time limit (200)
     */
    public record Config(
            double gravityMetersPerSecondSquared,
            double massKilograms,
            double lengthMeters,
            double timeStepSeconds,
            double maxSpeedRadiansPerSecond,
            double maxTorqueNewtonMeters,
            double resetMaxAngleRadians,
            double resetMaxSpeedRadiansPerSecond,
            int maxEpisodeSteps) {

        /** {@code Pendulum-v1} as registered by Gymnasium 1.x. */
        public static final Config DEFAULT = new Config(10.0, 1.0, 1.0, 0.05, 8.0, 2.0, Math.PI, 1.0, 200);

        public Config {
            if (!(massKilograms > 0 && lengthMeters > 0 && timeStepSeconds > 0 && maxSpeedRadiansPerSecond > 0
                    && maxTorqueNewtonMeters > 0)) {
                throw new IllegalArgumentException("Pendulum mass, length, time step, max speed and max torque must be"
                        + " positive");
            }
        }

        public Config withGravity(double gravityMetersPerSecondSquared) {
            return new Config(gravityMetersPerSecondSquared, massKilograms, lengthMeters, timeStepSeconds,
                    maxSpeedRadiansPerSecond, maxTorqueNewtonMeters, resetMaxAngleRadians,
                    resetMaxSpeedRadiansPerSecond, maxEpisodeSteps);
        }
    }

    private static final double TWO_PI = 2 * Math.PI;

    private final Config config;
    private double thetaRadians;
    private double thetaDotRadiansPerSecond;
    /** Last applied (clipped) torque, for rendering; NaN before the first step. */
    private double lastTorqueNewtonMeters = Double.NaN;

    /** {@code Pendulum-v1}. */
    public Pendulum() {
        this("Pendulum-v1", Config.DEFAULT);
    }

    public Pendulum(String id, Config config) {
        super(id, Space.Box.symmetric(1f, 1f, (float) config.maxSpeedRadiansPerSecond()),
                Space.Box.symmetric((float) config.maxTorqueNewtonMeters()), config.maxEpisodeSteps());
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /**
     * Gymnasium's {@code angle_normalize}: {@code ((x + pi) mod 2 pi) - pi} with Python's floored
     * modulo (result has the divisor's sign), giving a value in [-pi, pi).
     */
    static double normalizeAngle(double radians) {
        double shifted = (radians + Math.PI) % TWO_PI; // Java %: sign of the dividend
        if (shifted < 0) {
            shifted += TWO_PI;
        }
        return shifted - Math.PI;
    }

    @Override
    protected void sampleInitialState(SplittableRandom random) {
        // Gymnasium: np_random.uniform(low=-[pi, 1], high=[pi, 1]) = low + (high - low) * U[0, 1).
        double angle = config.resetMaxAngleRadians();
        double speed = config.resetMaxSpeedRadiansPerSecond();
        thetaRadians = -angle + (angle - -angle) * random.nextDouble();
        thetaDotRadiansPerSecond = -speed + (speed - -speed) * random.nextDouble();
        lastTorqueNewtonMeters = Double.NaN;
    }

    @Override
    protected void advance(float[] action, StepResult result) {
        // The action is float32 (as stable-baselines3 passes it). Under NumPy 2 promotion rules
        // (NEP 50), np.clip and the two terms in u are then float32 operations; everything with
        // theta is float64. The casts below reproduce exactly that mix.
        float maxTorque = (float) config.maxTorqueNewtonMeters();
        float u = Math.min(Math.max(action[0], -maxTorque), maxTorque);
        lastTorqueNewtonMeters = u;
        double g = config.gravityMetersPerSecondSquared();
        double m = config.massKilograms();
        double l = config.lengthMeters();
        double dt = config.timeStepSeconds();

        double normalized = normalizeAngle(thetaRadians);
        float torqueCost = 0.001f * (u * u);
        double cost = normalized * normalized + 0.1 * (thetaDotRadiansPerSecond * thetaDotRadiansPerSecond) + torqueCost;
        float torqueAcceleration = (float) (3.0 / (m * (l * l))) * u;
        double newThetaDot = thetaDotRadiansPerSecond
                + (3 * g / (2 * l) * Math.sin(thetaRadians) + torqueAcceleration) * dt;
        double maxSpeed = config.maxSpeedRadiansPerSecond();
        newThetaDot = Math.min(Math.max(newThetaDot, -maxSpeed), maxSpeed);
        thetaRadians = thetaRadians + newThetaDot * dt;
        thetaDotRadiansPerSecond = newThetaDot;
        result.set(-cost, false, false);
    }

    @Override
    protected void writeObservation(float[] observation, int offset) {
        observation[offset] = (float) Math.cos(thetaRadians);
        observation[offset + 1] = (float) Math.sin(thetaRadians);
        observation[offset + 2] = (float) thetaDotRadiansPerSecond;
    }

    /** Sets {@code (theta [rad], thetaDot [rad/s])} and allows stepping; the step counter is kept. */
    public void setState(double... state) {
        if (state.length != 2) {
            throw new IllegalArgumentException(id() + ": state is (theta, thetaDot), got " + state.length + " values");
        }
        thetaRadians = state[0];
        thetaDotRadiansPerSecond = state[1];
        allowSteppingFromSetState();
    }

    /** The double-precision state {@code (theta, thetaDot)}; a new array. */
    public double[] state() {
        return new double[] {thetaRadians, thetaDotRadiansPerSecond};
    }

    /** Frame: header and an 11 x 21 grid with the pivot 'O', the rod '*' and the tip '@' (up = theta 0). */
    @Override
    public String renderText() {
        int radiusRows = 5;
        int radiusColumns = 10; // character cells are about twice as tall as wide
        TextCanvas canvas = new TextCanvas(2 * radiusColumns + 1, 2 * radiusRows + 1);
        // Tip direction in (right, up) coordinates: (-sin theta, cos theta), as Gymnasium draws it.
        for (int sample = 1; sample <= radiusRows; sample++) {
            double fraction = (double) sample / radiusRows;
            int column = radiusColumns + (int) Math.round(-Math.sin(thetaRadians) * fraction * radiusColumns);
            int row = radiusRows - (int) Math.round(Math.cos(thetaRadians) * fraction * radiusRows);
            canvas.put(column, row, sample == radiusRows ? '@' : '*');
        }
        canvas.put(radiusColumns, radiusRows, 'O');
        String header = String.format("%s step %d  theta=%+.3f rad  thetadot=%+.3f rad/s  torque=%+.3f N m", id(),
                elapsedSteps(), thetaRadians, thetaDotRadiansPerSecond, lastTorqueNewtonMeters);
        return header + "\n" + canvas;
    }
}
