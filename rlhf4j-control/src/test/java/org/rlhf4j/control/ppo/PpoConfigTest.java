package org.rlhf4j.control.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.policy.PolicyConfig;
import org.rlhf4j.core.rl.Schedule;

class PpoConfigTest {
    @Test
    void defaultsAreStableBaselines3s() {
        PpoConfig c = PpoConfig.defaults();
        assertThat(c.learningRate()).isEqualTo(Schedule.constant(3e-4));
        assertThat(c.nSteps()).isEqualTo(2048);
        assertThat(c.batchSize()).isEqualTo(64);
        assertThat(c.nEpochs()).isEqualTo(10);
        assertThat(c.gamma()).isEqualTo(0.99);
        assertThat(c.gaeLambda()).isEqualTo(0.95);
        assertThat(c.clipRange()).isEqualTo(Schedule.constant(0.2));
        assertThat(c.clipRangeVf()).isNull();
        assertThat(c.normalizeAdvantage()).isTrue();
        assertThat(c.entCoef()).isEqualTo(0.0);
        assertThat(c.vfCoef()).isEqualTo(0.5);
        assertThat(c.maxGradNorm()).isEqualTo(0.5);
        assertThat(c.targetKl()).isNull();
        assertThat(c.policy()).isEqualTo(PolicyConfig.defaults());
        assertThat(PpoConfig.ADAM_EPS).isEqualTo(1e-5);
    }

    @Test
    void zooCartPoleIsTheTunedSetting() {
        PpoConfig c = PpoConfig.zooCartPole();
        assertThat(c.nEnvs()).isEqualTo(8);
        assertThat(c.nSteps()).isEqualTo(32);
        assertThat(c.batchSize()).isEqualTo(256);
        assertThat(c.gaeLambda()).isEqualTo(0.8);
        assertThat(c.gamma()).isEqualTo(0.98);
        assertThat(c.nEpochs()).isEqualTo(20);
        assertThat(c.learningRate().valueAt(1.0)).isEqualTo(1e-3);
        assertThat(c.learningRate().valueAt(0.25)).isEqualTo(2.5e-4);
        assertThat(c.clipRange().valueAt(0.5)).isEqualTo(0.1);
        assertThat(c.clipRange().valueAt(0.0)).isEqualTo(0.0);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withLearningRate(null), "learningRate"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withLearningRate(Schedule.constant(0)), "learningRate must be > 0"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withNSteps(0), "nSteps must be >= 1"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withBatchSize(1), "batchSize must be > 1"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withNEpochs(0), "nEpochs"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withGamma(1.5), "gamma must be in [0, 1]"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withGaeLambda(-0.1), "gaeLambda"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withClipRange(Schedule.constant(1.5)), "clipRange must be in [0, 1.0)"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withClipRangeVf(Schedule.constant(-1)), "clipRangeVf"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withEntCoef(Double.NaN), "entCoef"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withVfCoef(-1), "vfCoef"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withMaxGradNorm(0), "maxGradNorm"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withTargetKl(0.0), "targetKl"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withNEnvs(0), "nEnvs"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withNSteps(1).withNormalizeAdvantage(false).withBatchSize(1),
                        "nSteps * nEnvs must be > 1"),
                Arguments.of((UnaryOperator<PpoConfig>) c -> c.withPolicy(null), "policy"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalidValuesNamingTheField(UnaryOperator<PpoConfig> change, String message) {
        assertThatThrownBy(() -> change.apply(PpoConfig.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
