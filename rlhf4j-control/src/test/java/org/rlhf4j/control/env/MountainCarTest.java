package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * MountainCar-v0 dynamics against hand computation. Gymnasium {@code classic_control/mountain_car.py}
 * (Moore 1990): force 0.001, gravity 0.0025, speed limit 0.07, positions [-1.2, 0.6], goal x >= 0.5
 * with v >= 0. Update: v += (a - 1) * 0.001 + cos(3x) * (-0.0025); clip v; x += v; clip x; at the
 * left wall a negative v becomes 0.
 */
class MountainCarTest {
    private final MountainCar env = new MountainCar();
    private final float[] observation = new float[2];
    private final StepResult result = new StepResult();

    @Test
    void pushRightFromRestMatchesHandComputation() {
        // x = -0.5, v = 0, action 2:
        //   cos(3 * -0.5) = cos(-1.5) = 0.0707372016677029
        //   v = 0 + (1 * 0.001 + 0.0707372016677029 * -0.0025) = 0.001 - 0.000176843004169257 = 0.000823156995830743
        //   x = -0.5 + 0.000823156995830743 = -0.499176843004169257
        env.setState(-0.5, 0.0);
        env.step(2, observation, result);
        assertThat(env.state()[1]).isCloseTo(0.000823156995830743, within(1e-17));
        assertThat(env.state()[0]).isCloseTo(-0.499176843004169257, within(1e-15));
        assertThat(result.reward()).isEqualTo(-1.0);
        assertThat(result.terminated()).isFalse();
        assertThat(observation).containsExactly((float) env.state()[0], (float) env.state()[1]);
    }

    @Test
    void pushLeftAndNoPushDifferByOneForceUnit() {
        // action 0: v = -0.001 - 0.000176843004169257 = -0.001176843004169257
        // action 1: v =          -0.000176843004169257
        env.setState(-0.5, 0.0);
        env.step(0, observation, result);
        assertThat(env.state()[1]).isCloseTo(-0.001176843004169257, within(1e-17));
        env.setState(-0.5, 0.0);
        env.step(1, observation, result);
        assertThat(env.state()[1]).isCloseTo(-0.000176843004169257, within(1e-17));
    }

    @Test
    void velocityIsClippedToPlusMinusSevenHundredths() {
        // x = -0.6, v = 0.0695, action 2: cos(-1.8) = -0.2272020946930869
        //   v = 0.0695 + (0.001 + 0.000568005236732717) = 0.071068... -> clipped to 0.07; x = -0.6 + 0.07 = -0.53
        env.setState(-0.6, 0.0695);
        env.step(2, observation, result);
        assertThat(env.state()[1]).isEqualTo(0.07);
        assertThat(env.state()[0]).isCloseTo(-0.53, within(1e-15));
        // x = 0, v = -0.0695, action 0: v = -0.0695 - 0.001 - 0.0025 = -0.073 -> -0.07; x = -0.07
        env.setState(0.0, -0.0695);
        env.step(0, observation, result);
        assertThat(env.state()[1]).isEqualTo(-0.07);
        assertThat(env.state()[0]).isEqualTo(-0.07);
    }

    @Test
    void leftWallStopsTheCar() {
        // x = -1.19, v = -0.02, action 0: cos(-3.57) = -0.9096285273579445
        //   v = -0.02 + (-0.001 + 0.002274071318394861) = -0.018725928681605139
        //   x = -1.19 - 0.0187259 = -1.2087259 -> clipped to -1.2, and v < 0 there -> v = 0
        env.setState(-1.19, -0.02);
        env.step(0, observation, result);
        assertThat(env.state()).containsExactly(-1.2, 0.0);
        // Next step from the wall: v = 0 + (-0.001 + cos(-3.6) * -0.0025) > 0, so the car leaves the wall.
        env.step(0, observation, result);
        assertThat(env.state()[1]).isCloseTo(-0.001 + Math.cos(-3.6) * -0.0025, within(1e-17)).isPositive();
    }

    @Test
    void rightEndClipsPositionButKeepsVelocity() {
        // x = 0.59, v = 0.05, action 2: v = 0.05 + 0.001 - 0.0025 * cos(1.77) = 0.051494... ; x = 0.6415 -> 0.6
        env.setState(0.59, 0.05);
        env.step(2, observation, result);
        assertThat(env.state()[0]).isEqualTo(0.6);
        assertThat(env.state()[1]).isCloseTo(0.05 + 0.001 - 0.0025 * Math.cos(1.77), within(1e-15));
        assertThat(result.terminated()).isTrue();
    }

    @Test
    void terminatesAtTheFlagOnlyWithNonNegativeVelocity() {
        // x = 0.495, v = 0.006, action 2: v = 0.006 + 0.001 - 0.0025 * cos(1.485) = 0.0067857722310096,
        //   x = 0.5017857722310096 >= 0.5 and v >= 0 -> terminated, reward still -1.
        env.setState(0.495, 0.006);
        env.step(2, observation, result);
        assertThat(env.state()[0]).isCloseTo(0.5017857722310096, within(1e-15));
        assertThat(result.terminated()).isTrue();
        assertThat(result.reward()).isEqualTo(-1.0);
        // x = 0.55, v = -0.001, action 0: v = -0.0018021977779831648 < 0 at x = 0.548 -> not terminated.
        env.setState(0.55, -0.001);
        env.step(0, observation, result);
        assertThat(env.state()[0]).isGreaterThan(0.5);
        assertThat(result.terminated()).isFalse();
    }

    @Test
    void truncatesAfterTwoHundredStepsWithoutPushing() {
        // Without pushing, the car oscillates around the valley bottom and never reaches x = 0.5.
        env.reset(5L, observation);
        for (int step = 1; step <= 200; step++) {
            env.step(1, observation, result);
            assertThat(result.terminated()).isFalse();
            assertThat(result.truncated()).isEqualTo(step == 200);
        }
    }

    @Test
    void resetPositionIsUniformInMinusSixToMinusFourTenthsWithZeroVelocity() {
        double min = 0;
        double max = -1;
        for (long seed = 0; seed < 1000; seed++) {
            env.reset(seed, observation);
            double[] state = env.state();
            assertThat(state[0]).isBetween(-0.6, -0.4);
            assertThat(state[1]).isEqualTo(0.0);
            min = Math.min(min, state[0]);
            max = Math.max(max, state[0]);
        }
        assertThat(min).isLessThan(-0.598);
        assertThat(max).isGreaterThan(-0.402);
    }

    @Test
    void renderTextShowsCarAndFlag() {
        env.setState(-0.5, 0);
        String frame = env.renderText();
        assertThat(frame).contains("C").contains("F").contains("MountainCar-v0");
        // The car is near the valley bottom: on the lowest track row.
        String[] lines = frame.split("\n");
        assertThat(lines[lines.length - 1]).contains("C");
        env.setState(0.45, 0);
        String[] high = env.renderText().split("\n");
        assertThat(high[high.length - 1]).doesNotContain("C");
    }
}
