package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Acrobot-v1 (Sutton 1996; Sutton &amp; Barto's book dynamics) from Gymnasium
 * {@code classic_control/acrobot.py}: m1 = m2 = 1 kg, l1 = 1 m, lc1 = lc2 = 0.5 m, I1 = I2 = 1,
 * g = 9.8, dt = 0.2 s (one RK4 step), torques {-1, 0, +1}, |theta1Dot| <= 4 pi, |theta2Dot| <= 9 pi.
 */
class AcrobotTest {
    private final Acrobot env = new Acrobot();
    private final float[] observation = new float[6];
    private final StepResult result = new StepResult();

    @Test
    void accelerationsAtRestHangingDownMatchHandComputation() {
        // theta1 = theta2 = 0, velocities 0, torque +1:
        //   d1 = m1 lc1^2 + m2 (l1^2 + lc2^2 + 2 l1 lc2 cos 0) + I1 + I2 = 0.25 + (1 + 0.25 + 1) + 1 + 1 = 4.5
        //   d2 = m2 (lc2^2 + l1 lc2 cos 0) + I2 = 0.25 + 0.5 + 1 = 1.75
        //   phi2 = m2 lc2 g cos(-pi/2) ~ 3e-16, phi1 = 14.7 cos(-pi/2) + phi2 ~ 1.2e-15 (gravity has no lever arm)
        //   theta2DotDot = (1 + d2/d1 phi1 - 0 - phi2) / (m2 lc2^2 + I2 - d2^2/d1)
        //                = 1 / (1.25 - 3.0625/4.5) = 1 / 0.5694444 = 72/41 = 1.7560975609756098
        //   theta1DotDot = -(d2 theta2DotDot + phi1) / d1 = -(1.75 * 72/41) / 4.5 = -28/41 = -0.6829268292682927
        double[] out = new double[4];
        env.derivatives(0, 0, 0, 0, 1.0, out);
        assertThat(out[0]).isEqualTo(0.0);
        assertThat(out[1]).isEqualTo(0.0);
        assertThat(out[2]).isCloseTo(-28.0 / 41.0, within(1e-14));
        assertThat(out[3]).isCloseTo(72.0 / 41.0, within(1e-14));
    }

    @Test
    void gravityPullsAHorizontalFirstLinkDown() {
        // theta1 = pi/2 (link 1 horizontal), theta2 = 0, at rest, no torque:
        //   phi2 = 0.5 * 9.8 * cos(pi/2 - pi/2) = 4.9 ; phi1 = (0.5 + 1) * 9.8 * cos(0) + 4.9 = 19.6
        //   theta2DotDot = (0 + 1.75/4.5 * 19.6 - 4.9) / (1.25 - 1.75^2/4.5) = 2.7222222 / 0.5694444 = 196/41
        //   theta1DotDot = -(1.75 * 196/41 + 19.6) / 4.5 = -(343/41 + 19.6) / 4.5 = -6.214634146341463
        double[] out = new double[4];
        env.derivatives(Math.PI / 2, 0, 0, 0, 0.0, out);
        assertThat(out[3]).isCloseTo(196.0 / 41.0, within(1e-13));
        assertThat(out[2]).isCloseTo(-(343.0 / 41.0 + 19.6) / 4.5, within(1e-13));
    }

    @Test
    void bookDynamicsAddTheCentripetalTermTheNipsPaperOmits() {
        // theta2 = pi/2, theta1Dot = 2: the book subtracts m2 l1 lc2 theta1Dot^2 sin(theta2) = 0.5 * 4 * 1 = 2
        // from theta2DotDot's numerator; denominator 1.25 - d2^2/d1 with d2 = 1.25, d1 = 3.5:
        //   1.25 - 1.5625/3.5 = 0.8035714285714286, so book - nips = -2 / 0.8035714 = -2.488888888888889
        Acrobot.Config base = Acrobot.Config.DEFAULT;
        Acrobot nips = new Acrobot("Acrobot-nips", new Acrobot.Config(base.link1LengthMeters(), base.link1MassKilograms(),
                base.link2MassKilograms(), base.link1CenterOfMassMeters(), base.link2CenterOfMassMeters(),
                base.linkMomentOfInertia(), base.gravityMetersPerSecondSquared(), base.timeStepSeconds(),
                base.maxVelocity1RadiansPerSecond(), base.maxVelocity2RadiansPerSecond(), Acrobot.Dynamics.NIPS,
                base.resetLow(), base.resetHigh(), base.maxEpisodeSteps()));
        double[] book = new double[4];
        double[] paper = new double[4];
        env.derivatives(0.3, Math.PI / 2, 2.0, 0.0, 1.0, book);
        nips.derivatives(0.3, Math.PI / 2, 2.0, 0.0, 1.0, paper);
        assertThat(book[3] - paper[3]).isCloseTo(-2.488888888888889, within(1e-12));
    }

    /**
     * Independent reference: the same mechanics written as the 2x2 mass-matrix system
     * [d1 d2; d2 d22] [theta1DotDot; theta2DotDot] = [-phi1; tau - m2 l1 lc2 theta1Dot^2 sin theta2 - phi2]
     * solved by Cramer's rule, with cos(a - pi/2) written as sin(a), integrated by a textbook RK4.
     */
    private static double[] referenceStep(double[] s, double torque) {
        double dt = 0.2;
        double[] k1 = referenceDerivative(s, torque);
        double[] k2 = referenceDerivative(axpy(s, dt / 2, k1), torque);
        double[] k3 = referenceDerivative(axpy(s, dt / 2, k2), torque);
        double[] k4 = referenceDerivative(axpy(s, dt, k3), torque);
        double[] next = new double[4];
        for (int i = 0; i < 4; i++) {
            next[i] = s[i] + dt * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
        }
        return next;
    }

    private static double[] axpy(double[] s, double a, double[] k) {
        double[] r = new double[4];
        for (int i = 0; i < 4; i++) {
            r[i] = s[i] + a * k[i];
        }
        return r;
    }

    private static double[] referenceDerivative(double[] s, double tau) {
        double m1 = 1, m2 = 1, l1 = 1, lc1 = 0.5, lc2 = 0.5, inertia = 1, g = 9.8;
        double q1 = s[0], q2 = s[1], w1 = s[2], w2 = s[3];
        double d11 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * Math.cos(q2)) + 2 * inertia;
        double d12 = m2 * (lc2 * lc2 + l1 * lc2 * Math.cos(q2)) + inertia;
        double d22 = m2 * lc2 * lc2 + inertia;
        double phi2 = m2 * lc2 * g * Math.sin(q1 + q2);
        double phi1 = -m2 * l1 * lc2 * Math.sin(q2) * (w2 * w2 + 2 * w1 * w2) + (m1 * lc1 + m2 * l1) * g * Math.sin(q1) + phi2;
        double rhs1 = -phi1;
        double rhs2 = tau - m2 * l1 * lc2 * w1 * w1 * Math.sin(q2) - phi2;
        double det = d11 * d22 - d12 * d12;
        return new double[] {w1, w2, (rhs1 * d22 - d12 * rhs2) / det, (d11 * rhs2 - d12 * rhs1) / det};
    }

    @Test
    void rk4StepsAgreeWithAnIndependentMassMatrixReference() {
        double[] state = {0.05, -0.03, 0.02, 0.01};
        env.setState(state);
        int[] actions = {2, 2, 0, 1, 2, 0, 0, 2};
        for (int action : actions) {
            state = referenceStep(state, action - 1.0);
            env.step(action, observation, result);
            double[] actual = env.state();
            for (int i = 0; i < 4; i++) {
                assertThat(actual[i]).isCloseTo(state[i], within(1e-11));
            }
        }
    }

    @Test
    void anglesAreWrappedAndVelocitiesBoundedAfterTheStep() {
        // From (3.1, 0, 12, 0) with torque +1 the unbounded RK4 result has theta1 ~ 5.567 > pi and
        // theta1Dot > 4 pi. Gymnasium wraps theta1 by -2 pi and bounds theta1Dot to exactly 4 pi.
        double[] unbounded = referenceStep(new double[] {3.1, 0, 12, 0}, 1.0);
        assertThat(unbounded[0]).isGreaterThan(Math.PI);
        assertThat(unbounded[2]).isGreaterThan(4 * Math.PI);
        env.setState(3.1, 0, 12, 0);
        env.step(2, observation, result);
        double[] state = env.state();
        assertThat(state[0]).isBetween(-Math.PI, Math.PI).isCloseTo(unbounded[0] - 2 * Math.PI, within(1e-11));
        assertThat(state[2]).isEqualTo(4 * Math.PI);
        assertThat(observation[4]).isEqualTo((float) (4 * Math.PI));

        // From (0, 3.1, 0, 27): theta2 wraps and theta2Dot is bounded at +9 pi, theta1Dot at -4 pi.
        env.setState(0, 3.1, 0, 27);
        env.step(2, observation, result);
        state = env.state();
        assertThat(state[1]).isBetween(-Math.PI, Math.PI);
        assertThat(state[3]).isEqualTo(9 * Math.PI);
        assertThat(state[2]).isEqualTo(-4 * Math.PI);

        // From (-3.1, 0, -12.3, -27.5): theta2 wraps upwards from below -pi.
        double[] below = referenceStep(new double[] {-3.1, 0, -12.3, -27.5}, -1.0);
        assertThat(below[1]).isLessThan(-Math.PI);
        env.setState(-3.1, 0, -12.3, -27.5);
        env.step(0, observation, result);
        assertThat(env.state()[1]).isCloseTo(below[1] + 2 * Math.PI, within(1e-11));
        assertThat(env.state()[2]).isEqualTo(-4 * Math.PI);
    }

    @Test
    void wrapShiftsByWholePeriodsAndKeepsBothEnds() {
        assertThat(Acrobot.wrap(4.0, -Math.PI, Math.PI)).isCloseTo(4.0 - 2 * Math.PI, within(1e-15));
        assertThat(Acrobot.wrap(-7.0, -Math.PI, Math.PI)).isCloseTo(-7.0 + 2 * Math.PI, within(1e-15));
        assertThat(Acrobot.wrap(10.0, -Math.PI, Math.PI)).isCloseTo(10.0 - 4 * Math.PI, within(1e-14));
        assertThat(Acrobot.wrap(Math.PI, -Math.PI, Math.PI)).isEqualTo(Math.PI);
        assertThat(Acrobot.wrap(-Math.PI, -Math.PI, Math.PI)).isEqualTo(-Math.PI);
        assertThat(Acrobot.wrap(370, -180, 180)).isEqualTo(10);
    }

    @Test
    void observationIsCosSinForm() {
        env.setState(0.4, -1.1, 0.7, -2.5);
        env.step(1, observation, result);
        double[] s = env.state();
        assertThat(observation).containsExactly((float) Math.cos(s[0]), (float) Math.sin(s[0]), (float) Math.cos(s[1]),
                (float) Math.sin(s[1]), (float) s[2], (float) s[3]);
    }

    @Test
    void terminatesWhenTheTipIsAboveOneLinkLength() {
        // Both links straight up: -cos(pi) - cos(pi + 0) = 2 > 1; it barely moves in 0.2 s.
        env.setState(Math.PI, 0, 0, 0);
        env.step(1, observation, result);
        assertThat(result.terminated()).isTrue();
        assertThat(result.reward()).isEqualTo(0.0);
        // Hanging down: -cos(0) - cos(0) = -2 -> not terminated, reward -1.
        env.setState(0, 0, 0, 0);
        env.step(1, observation, result);
        assertThat(result.terminated()).isFalse();
        assertThat(result.reward()).isEqualTo(-1.0);
        // Link 1 horizontal, link 2 up: -cos(pi/2) - cos(pi) ~ 1 -> at the threshold, not above (at rest
        // gravity swings it down, lowering the tip).
        env.setState(Math.PI / 2, Math.PI / 2, 0, 0);
        env.step(1, observation, result);
        assertThat(result.terminated()).isFalse();
    }

    @Test
    void truncatesAtFiveHundredStepsWithoutTorque() {
        env.reset(2L, observation);
        for (int step = 1; step <= 500; step++) {
            env.step(1, observation, result);
            assertThat(result.terminated()).isFalse();
            assertThat(result.truncated()).isEqualTo(step == 500);
        }
    }

    @Test
    void resetStateIsFloat32RoundedUniformInPlusMinusOneTenth() {
        double[] min = {1, 1, 1, 1};
        double[] max = {-1, -1, -1, -1};
        for (long seed = 0; seed < 500; seed++) {
            env.reset(seed, observation);
            double[] state = env.state();
            for (int i = 0; i < 4; i++) {
                assertThat(state[i]).isBetween(-0.1, 0.1);
                assertThat((double) (float) state[i]).isEqualTo(state[i]); // Gymnasium: .astype(np.float32)
                min[i] = Math.min(min[i], state[i]);
                max[i] = Math.max(max[i], state[i]);
            }
        }
        for (int i = 0; i < 4; i++) {
            assertThat(min[i]).as("min of component %d", i).isLessThan(-0.098);
            assertThat(max[i]).as("max of component %d", i).isGreaterThan(0.098);
        }
    }

    @Test
    void renderTextShowsLinksAndTarget() {
        env.setState(0, 0, 0, 0);
        String frame = env.renderText();
        assertThat(frame).contains("O").contains("@").contains("-----");
        String[] lines = frame.split("\n");
        int pivotRow = -1;
        int tipRow = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("O") && i > 0) {
                pivotRow = i;
            }
            if (lines[i].contains("@")) {
                tipRow = i;
            }
        }
        assertThat(tipRow).isGreaterThan(pivotRow); // hanging down
    }
}
