package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * CartPole-v1 dynamics against hand computation. Constants from Gymnasium
 * {@code classic_control/cartpole.py} (Barto, Sutton &amp; Anderson 1983): g = 9.8, m_cart = 1.0,
 * m_pole = 0.1, total mass 1.1, half length l = 0.5, m_pole * l = 0.05, force 10.0, tau = 0.02,
 * theta limit 12 * 2 * pi / 360 = 0.20943951023931953 rad, x limit 2.4.
 */
class CartPoleTest {
    private final CartPole env = new CartPole();
    private final float[] observation = new float[4];
    private final StepResult result = new StepResult();

    @Test
    void firstStepFromTiltedPolePushingRightMatchesHandComputation() {
        // State (x, xDot, theta, thetaDot) = (0, 0, 0.05, 0), action 1 -> force = +10.
        //   cos(0.05) = 0.99875026039496630,  sin(0.05) = 0.04997916927067833
        //   temp     = (force + m_pole*l * thetaDot^2 * sin) / total = (10 + 0) / 1.1 = 9.090909090909091
        //   num      = g * sin - cos * temp = 0.4897958588526477 - 9.07954782177242 = -8.589751962919772
        //   den      = l * (4/3 - m_pole * cos^2 / total)
        //            = 0.5 * (1.3333333333333333 - 0.1 * 0.997502082639013 / 1.1)
        //            = 0.5 * (1.3333333333333333 - 0.09068200751263754) = 0.6213256629103479
        //   thetaAcc = num / den = -13.824878764357754
        //   xAcc     = temp - m_pole*l * thetaAcc * cos / total = 9.090909090909091 + 0.6276182393559613
        //            = 9.71852733026505
        // Explicit Euler (positions use the old velocities):
        //   x        = 0 + 0.02 * 0                    = 0
        //   xDot     = 0 + 0.02 * 9.71852733026505     = 0.194370546605301
        //   theta    = 0.05 + 0.02 * 0                 = 0.05
        //   thetaDot = 0 + 0.02 * -13.824878764357754 = -0.2764975752871551
        env.setState(0, 0, 0.05, 0);
        env.step(1, observation, result);

        double[] state = env.state();
        assertThat(state[0]).isEqualTo(0.0);
        assertThat(state[1]).isCloseTo(0.194370546605301, within(1e-13));
        assertThat(state[2]).isEqualTo(0.05);
        assertThat(state[3]).isCloseTo(-0.2764975752871551, within(1e-13));
        assertThat(result.reward()).isEqualTo(1.0);
        assertThat(result.terminated()).isFalse();
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void secondStepUsesTheUpdatedVelocitiesForPositions() {
        // From the state above, explicit Euler moves the positions with the step-1 velocities:
        //   x     = 0 + 0.02 * 0.194370546605301     = 0.00388741093210602
        //   theta = 0.05 + 0.02 * -0.2764975752871551 = 0.044470048494256898
        env.setState(0, 0, 0.05, 0);
        env.step(1, observation, result);
        env.step(1, observation, result);
        assertThat(env.state()[0]).isCloseTo(0.00388741093210602, within(1e-15));
        assertThat(env.state()[2]).isCloseTo(0.044470048494256898, within(1e-15));
    }

    @Test
    void pushingLeftMirrorsPushingRight() {
        // The dynamics are odd-symmetric: state -s with force -F gives exactly -(next state).
        env.setState(0, 0, 0.05, 0);
        env.step(1, observation, result);
        double[] right = env.state();
        env.setState(0, 0, -0.05, 0);
        env.step(0, observation, result);
        double[] left = env.state();
        for (int i = 0; i < 4; i++) {
            assertThat(left[i]).isEqualTo(-right[i]);
        }
    }

    @Test
    void semiImplicitEulerMovesPositionsWithTheNewVelocities() {
        // Same accelerations as the first test; velocities first, then
        //   x     = 0 + 0.02 * 0.194370546605301     = 0.00388741093210602
        //   theta = 0.05 + 0.02 * -0.2764975752871551 = 0.044470048494256898
        CartPole.Config base = CartPole.Config.DEFAULT;
        CartPole semiImplicit = new CartPole("CartPole-semi", new CartPole.Config(base.gravityMetersPerSecondSquared(),
                base.cartMassKilograms(), base.poleMassKilograms(), base.halfPoleLengthMeters(),
                base.forceMagnitudeNewtons(), base.timeStepSeconds(), CartPole.Integrator.SEMI_IMPLICIT_EULER,
                base.angleThresholdRadians(), base.positionThresholdMeters(), base.resetLow(), base.resetHigh(),
                false, 500));
        semiImplicit.setState(0, 0, 0.05, 0);
        semiImplicit.step(1, observation, result);
        double[] state = semiImplicit.state();
        assertThat(state[0]).isCloseTo(0.00388741093210602, within(1e-15));
        assertThat(state[1]).isCloseTo(0.194370546605301, within(1e-13));
        assertThat(state[2]).isCloseTo(0.044470048494256898, within(1e-15));
        assertThat(state[3]).isCloseTo(-0.2764975752871551, within(1e-13));
    }

    @Test
    void observationIsTheFloat32CastOfTheDoubleState() {
        env.setState(0, 0, 0.05, 0);
        env.step(1, observation, result);
        double[] state = env.state();
        for (int i = 0; i < 4; i++) {
            assertThat(observation[i]).isEqualTo((float) state[i]);
        }
        // 0.194370546605301 is not a float: the observation is rounded, the state is not.
        assertThat((double) observation[1]).isNotEqualTo(state[1]);
    }

    @Test
    void angleThresholdIsTwelveDegrees() {
        assertThat(CartPole.Config.DEFAULT.angleThresholdRadians()).isEqualTo(12 * 2 * Math.PI / 360)
                .isCloseTo(0.20943951023931953, within(1e-17));
    }

    @Test
    void terminatesWhenCartLeavesTheTrack() {
        // x = 2.39 + 0.02 * 1.0 = 2.41 > 2.4 -> terminated, still reward +1 (Gymnasium v1).
        env.setState(2.39, 1.0, 0, 0);
        env.step(1, observation, result);
        assertThat(env.state()[0]).isCloseTo(2.41, within(1e-12));
        assertThat(result.terminated()).isTrue();
        assertThat(result.truncated()).isFalse();
        assertThat(result.reward()).isEqualTo(1.0);
    }

    @Test
    void terminatesOnTheLeftSideToo() {
        // x = -2.39 + 0.02 * -1.0 = -2.41 < -2.4
        env.setState(-2.39, -1.0, 0, 0);
        env.step(0, observation, result);
        assertThat(result.terminated()).isTrue();
    }

    @Test
    void positionExactlyAtTheLimitDoesNotTerminate() {
        // x = 2.4 + 0.02 * 0 = 2.4, and the test is strict: x > 2.4.
        env.setState(2.4, 0, 0, 0);
        env.step(1, observation, result);
        assertThat(env.state()[0]).isEqualTo(2.4);
        assertThat(result.terminated()).isFalse();
    }

    @Test
    void staysAliveJustInsideThePositionLimit() {
        // x = 2.38 + 0.02 * 0.5 = 2.39 < 2.4
        env.setState(2.38, 0.5, 0, 0);
        env.step(1, observation, result);
        assertThat(result.terminated()).isFalse();
    }

    @Test
    void terminatesWhenPoleFallsPastTwelveDegrees() {
        // theta = 0.2 + 0.02 * 0.5 = 0.21 > 0.2094395 ; with thetaDot 0.4: 0.208 < 0.2094395.
        env.setState(0, 0, 0.2, 0.5);
        env.step(1, observation, result);
        assertThat(result.terminated()).isTrue();

        env.reset(1L, observation);
        env.setState(0, 0, 0.2, 0.4);
        env.step(1, observation, result);
        assertThat(env.state()[2]).isCloseTo(0.208, within(1e-12));
        assertThat(result.terminated()).isFalse();

        env.setState(0, 0, -0.2, -0.5);
        env.step(0, observation, result);
        assertThat(result.terminated()).isTrue();
    }

    @Test
    void angleExactlyAtTheLimitDoesNotTerminate() {
        double limit = 12 * 2 * Math.PI / 360;
        env.setState(0, 0, limit, 0);
        env.step(0, observation, result);
        assertThat(env.state()[2]).isEqualTo(limit);
        assertThat(result.terminated()).isFalse();
    }

    @Test
    void truncatesAtFiveHundredSteps() {
        env.reset(3L, observation);
        for (int step = 1; step <= 500; step++) {
            env.setState(0, 0, 0, 0); // keep the pole balanced; the step counter keeps running
            env.step(step % 2, observation, result);
            assertThat(result.terminated()).isFalse();
            assertThat(result.truncated()).as("truncated after step %d", step).isEqualTo(step == 500);
        }
        assertThat(env.elapsedSteps()).isEqualTo(500);
        assertThat(result.bootstrapFromFinalObservation()).isTrue();
    }

    @Test
    void terminationOnTheLastAllowedStepSetsBothFlags() {
        // Gymnasium's TimeLimit sets truncated regardless of terminated.
        env.reset(3L, observation);
        for (int step = 1; step < 500; step++) {
            env.setState(0, 0, 0, 0);
            env.step(1, observation, result);
        }
        env.setState(2.39, 1.0, 0, 0);
        env.step(1, observation, result);
        assertThat(result.terminated()).isTrue();
        assertThat(result.truncated()).isTrue();
        assertThat(result.bootstrapFromFinalObservation()).isFalse();
    }

    @Test
    void cartPoleV0TruncatesAtTwoHundred() {
        Environment v0 = Environments.make("CartPole-v0");
        assertThat(v0.maxEpisodeSteps()).isEqualTo(200);
        assertThat(new CartPole().maxEpisodeSteps()).isEqualTo(500);
    }

    @Test
    void suttonBartoRewardIsZeroPerStepAndMinusOneOnFailure() {
        CartPole.Config base = CartPole.Config.DEFAULT;
        CartPole sb = new CartPole("CartPole-sb", new CartPole.Config(base.gravityMetersPerSecondSquared(),
                base.cartMassKilograms(), base.poleMassKilograms(), base.halfPoleLengthMeters(),
                base.forceMagnitudeNewtons(), base.timeStepSeconds(), base.integrator(), base.angleThresholdRadians(),
                base.positionThresholdMeters(), base.resetLow(), base.resetHigh(), true, 500));
        sb.setState(0, 0, 0, 0);
        sb.step(1, observation, result);
        assertThat(result.reward()).isEqualTo(0.0);
        sb.setState(2.39, 1.0, 0, 0);
        sb.step(1, observation, result);
        assertThat(result.terminated()).isTrue();
        assertThat(result.reward()).isEqualTo(-1.0);
    }

    @Test
    void resetStateIsUniformInPlusMinusFiveHundredths() {
        double[] min = {1, 1, 1, 1};
        double[] max = {-1, -1, -1, -1};
        double[] sum = new double[4];
        int seeds = 1000;
        for (long seed = 0; seed < seeds; seed++) {
            env.reset(seed, observation);
            double[] state = env.state();
            for (int i = 0; i < 4; i++) {
                assertThat(state[i]).isBetween(-0.05, 0.05);
                min[i] = Math.min(min[i], state[i]);
                max[i] = Math.max(max[i], state[i]);
                sum[i] += state[i];
            }
        }
        // Each of the four components is drawn from U(-0.05, 0.05): it covers the interval and
        // averages ~0 (standard error 0.1 / sqrt(12 * 1000) = 0.0009).
        for (int i = 0; i < 4; i++) {
            assertThat(min[i]).as("min of component %d", i).isLessThan(-0.049);
            assertThat(max[i]).as("max of component %d", i).isGreaterThan(0.049);
            assertThat(sum[i] / seeds).as("mean of component %d", i).isBetween(-0.004, 0.004);
        }
    }

    @Test
    void spacesMatchGymnasium() {
        assertThat(env.actionSpace()).isEqualTo(new Space.Discrete(2));
        Space.Box box = (Space.Box) env.observationSpace();
        assertThat(box.high()).containsExactly(4.8f, Float.POSITIVE_INFINITY, (float) (2 * 12 * 2 * Math.PI / 360),
                Float.POSITIVE_INFINITY);
        assertThat(box.low(0)).isEqualTo(-4.8f);
    }

    @Test
    void renderTextShowsCartAndPoleDirection() {
        env.setState(0, 0, 0, 0);
        String upright = env.renderText();
        assertThat(upright).contains("[===]").contains("|").contains("CartPole-v1");
        env.setState(0, 0, 0.18, 0);
        assertThat(env.renderText()).contains("/").doesNotContain("\\");
        env.setState(0, 0, -0.18, 0);
        assertThat(env.renderText()).contains("\\");
        env.setState(1.5, 0, 0, 0);
        String moved = env.renderText();
        int cartColumnCentre = upright.lines().filter(l -> l.contains("[===]")).findFirst().orElseThrow().indexOf('[');
        int cartColumnRight = moved.lines().filter(l -> l.contains("[===]")).findFirst().orElseThrow().indexOf('[');
        assertThat(cartColumnRight - cartColumnCentre).isEqualTo(12); // 1.5 m at 8 columns per metre
    }
}
