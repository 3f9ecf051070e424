package org.rlhf4j.control.a2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.control.policy.PolicyConfig;
import org.rlhf4j.core.rl.Schedule;

class A2cConfigTest {
    @Test
    void defaultsAreStableBaselines3s() {
        A2cConfig c = A2cConfig.defaults();
        assertThat(c.learningRate()).isEqualTo(Schedule.constant(7e-4));
        assertThat(c.nSteps()).isEqualTo(5);
        assertThat(c.gamma()).isEqualTo(0.99);
        assertThat(c.gaeLambda()).isEqualTo(1.0);
        assertThat(c.entCoef()).isEqualTo(0.0);
        assertThat(c.vfCoef()).isEqualTo(0.5);
        assertThat(c.maxGradNorm()).isEqualTo(0.5);
        assertThat(c.rmsPropEps()).isEqualTo(1e-5);
        assertThat(c.useRmsProp()).isTrue();
        assertThat(c.normalizeAdvantage()).isFalse();
        assertThat(c.policy()).isEqualTo(PolicyConfig.defaults());
        assertThat(A2cConfig.RMS_PROP_ALPHA).isEqualTo(0.99);
        assertThat(A2cConfig.zooCartPole().nEnvs()).isEqualTo(8);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withLearningRate(Schedule.constant(-1)), "learningRate"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withNSteps(0), "nSteps must be >= 1"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withGamma(-0.5), "gamma must be in [0, 1]"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withGaeLambda(2), "gaeLambda"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withVfCoef(Double.POSITIVE_INFINITY), "vfCoef"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withMaxGradNorm(-1), "maxGradNorm"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withRmsPropEps(0), "rmsPropEps"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withNEnvs(0), "nEnvs"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withNSteps(1).withNormalizeAdvantage(true), "nSteps * nEnvs"),
                Arguments.of((UnaryOperator<A2cConfig>) c -> c.withPolicy(null), "policy"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalidValuesNamingTheField(UnaryOperator<A2cConfig> change, String message) {
        assertThatThrownBy(() -> change.apply(A2cConfig.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
