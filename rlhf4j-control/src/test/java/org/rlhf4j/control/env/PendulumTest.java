package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Pendulum-v1 against hand computation. Gymnasium {@code classic_control/pendulum.py}: g = 10.0,
 * m = 1, l = 1, dt = 0.05, max speed 8, max torque 2;
 * thetaDot' = clip(thetaDot + (3g/(2l) sin(theta) + 3/(m l^2) u) dt, -8, 8), theta' = theta + thetaDot' dt,
 * reward = -(normalize(theta)^2 + 0.1 thetaDot^2 + 0.001 u^2) of the state before the step.
 */
class PendulumTest {
    private final Pendulum env = new Pendulum();
    private final float[] observation = new float[3];
    private final StepResult result = new StepResult();

    @Test
    void stepMatchesHandComputation() {
        // theta = 0.5, thetaDot = 0, u = 1:
        //   3g/(2l) = 15, sin(0.5) = 0.479425538604203, 15 sin = 7.191383079063045
        //   thetaDot' = 0 + (7.191383079063045 + 3 * 1) * 0.05 = 0.5095691539531523
        //   theta'    = 0.5 + 0.5095691539531523 * 0.05       = 0.5254784576976577
        //   cost      = 0.5^2 + 0.1 * 0^2 + 0.001 * 1^2       = 0.251  -> reward -0.251
        env.setState(0.5, 0.0);
        env.step(new float[] {1.0f}, observation, result);
        assertThat(env.state()[1]).isCloseTo(0.5095691539531523, within(1e-15));
        assertThat(env.state()[0]).isCloseTo(0.5254784576976577, within(1e-15));
        assertThat(result.reward()).isCloseTo(-0.251, within(1e-9));
        assertThat(result.terminated()).isFalse();
        // observation (cos theta, sin theta, thetaDot) as float32
        assertThat(observation).containsExactly((float) Math.cos(0.5254784576976577),
                (float) Math.sin(0.5254784576976577), (float) 0.5095691539531523);
    }

    @Test
    void gravityDefaultsToTenNotNinePointEightOne() {
        assertThat(Pendulum.Config.DEFAULT.gravityMetersPerSecondSquared()).isEqualTo(10.0);
        // Horizontal rod at rest, no torque: thetaDot' = 3 * 10 / 2 * sin(pi/2) * 0.05 = 0.75
        env.setState(Math.PI / 2, 0);
        env.step(new float[] {0f}, observation, result);
        assertThat(env.state()[1]).isCloseTo(0.75, within(1e-15));
        // with g = 9.81: 3 * 9.81 / 2 * 0.05 = 0.73575
        Pendulum earth = new Pendulum("Pendulum-earth", Pendulum.Config.DEFAULT.withGravity(9.81));
        earth.setState(Math.PI / 2, 0);
        earth.step(new float[] {0f}, observation, result);
        assertThat(earth.state()[1]).isCloseTo(0.73575, within(1e-15));
    }

    @Test
    void actionsOutsidePlusMinusTwoAreClipped() {
        // u = 5 acts as u = 2: thetaDot' = (15 sin(0.5) + 6) * 0.05 = 0.6595691539531523, cost 0.25 + 0.004
        env.setState(0.5, 0.0);
        env.step(new float[] {5.0f}, observation, result);
        double[] clippedHigh = env.state();
        double rewardHigh = result.reward();
        env.setState(0.5, 0.0);
        env.step(new float[] {2.0f}, observation, result);
        assertThat(clippedHigh).containsExactly(env.state());
        assertThat(rewardHigh).isEqualTo(result.reward()).isCloseTo(-0.254, within(1e-9));
        assertThat(clippedHigh[1]).isCloseTo(0.6595691539531523, within(1e-15));

        env.setState(0.5, 0.0);
        env.step(new float[] {-7.5f}, observation, result);
        double[] clippedLow = env.state();
        env.setState(0.5, 0.0);
        env.step(new float[] {-2.0f}, observation, result);
        assertThat(clippedLow).containsExactly(env.state());
        // thetaDot' = (7.191383079063045 - 6) * 0.05 = 0.05956915395315225
        assertThat(clippedLow[1]).isCloseTo(0.05956915395315225, within(1e-15));
    }

    @Test
    void angularVelocityIsClippedToEight() {
        // theta = 0, thetaDot = 7.9, u = 2: 7.9 + (0 + 6) * 0.05 = 8.2 -> 8; theta' = 0 + 8 * 0.05 = 0.4
        env.setState(0.0, 7.9);
        env.step(new float[] {2f}, observation, result);
        assertThat(env.state()).containsExactly(0.4, 8.0);
        env.setState(0.0, -7.9);
        env.step(new float[] {-2f}, observation, result);
        assertThat(env.state()).containsExactly(-0.4, -8.0);
    }

    @Test
    void costNormalizesTheAngleButTheStateDoesNot() {
        // theta = 2 pi + 0.5 costs like theta = 0.5: -(0.25 + 0 + 0) = -0.25
        env.setState(2 * Math.PI + 0.5, 0);
        env.step(new float[] {0f}, observation, result);
        assertThat(result.reward()).isCloseTo(-0.25, within(1e-12));
        assertThat(env.state()[0]).isGreaterThan(2 * Math.PI); // not wrapped in the state
        // theta = -2 pi - 0.5 costs like -0.5
        env.setState(-2 * Math.PI - 0.5, 0);
        env.step(new float[] {0f}, observation, result);
        assertThat(result.reward()).isCloseTo(-0.25, within(1e-12));
    }

    @Test
    void normalizeAngleUsesFlooredModuloIntoMinusPiToPi() {
        assertThat(Pendulum.normalizeAngle(0.5)).isCloseTo(0.5, within(1e-15));
        assertThat(Pendulum.normalizeAngle(-0.5)).isCloseTo(-0.5, within(1e-15));
        assertThat(Pendulum.normalizeAngle(3 * Math.PI / 2)).isCloseTo(-Math.PI / 2, within(1e-15));
        assertThat(Pendulum.normalizeAngle(-3 * Math.PI / 2)).isCloseTo(Math.PI / 2, within(1e-15));
        assertThat(Pendulum.normalizeAngle(7 * Math.PI + 0.25)).isCloseTo(-Math.PI + 0.25, within(1e-14));
        // ((pi + pi) mod 2 pi) - pi = -pi: the interval is half-open, [-pi, pi)
        assertThat(Pendulum.normalizeAngle(Math.PI)).isEqualTo(-Math.PI);
    }

    @Test
    void torqueTermsAreFloat32LikeNumpyTwoWithAFloat32Action() {
        // u = 0.1f; cost term 0.001f * (u * u) is computed in float32 (NEP 50), giving
        // 1.0000001566368155E-5 instead of 1.0000000298023226E-5 in float64.
        env.setState(0.0, 0.0);
        env.step(new float[] {0.1f}, observation, result);
        float expectedTorqueCost = 0.001f * (0.1f * 0.1f);
        assertThat(result.reward()).isEqualTo(-(double) expectedTorqueCost);
        assertThat((double) expectedTorqueCost).isNotEqualTo(0.001 * ((double) 0.1f * (double) 0.1f));
    }

    @Test
    void neverTerminatesAndTruncatesAtTwoHundred() {
        env.reset(11L, observation);
        for (int step = 1; step <= 200; step++) {
            env.step(new float[] {step % 3 - 1f}, observation, result);
            assertThat(result.terminated()).isFalse();
            assertThat(result.truncated()).isEqualTo(step == 200);
        }
    }

    @Test
    void resetIsUniformOverTheCircleAndPlusMinusOneRadianPerSecond() {
        double minTheta = 0;
        double maxTheta = 0;
        double minSpeed = 0;
        double maxSpeed = 0;
        for (long seed = 0; seed < 1000; seed++) {
            env.reset(seed, observation);
            double[] state = env.state();
            assertThat(state[0]).isBetween(-Math.PI, Math.PI);
            assertThat(state[1]).isBetween(-1.0, 1.0);
            minTheta = Math.min(minTheta, state[0]);
            maxTheta = Math.max(maxTheta, state[0]);
            minSpeed = Math.min(minSpeed, state[1]);
            maxSpeed = Math.max(maxSpeed, state[1]);
            assertThat(observation[0] * observation[0] + observation[1] * observation[1]).isCloseTo(1f, within(1e-6f));
        }
        assertThat(minTheta).isLessThan(-3.1);
        assertThat(maxTheta).isGreaterThan(3.1);
        assertThat(minSpeed).isLessThan(-0.99);
        assertThat(maxSpeed).isGreaterThan(0.99);
    }

    @Test
    void renderTextDrawsRodUpwardsAtThetaZero() {
        env.setState(0, 0);
        String[] lines = env.renderText().split("\n");
        // header, then tip '@' on the first grid row above the pivot 'O'
        assertThat(lines[1].trim()).isEqualTo("@");
        assertThat(lines[6].trim()).isEqualTo("O");
        env.setState(Math.PI, 0);
        String[] down = env.renderText().split("\n");
        assertThat(down[6].trim()).isEqualTo("O");
        assertThat(down[11].trim()).isEqualTo("@");
    }
}
