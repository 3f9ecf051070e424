package org.rlhf4j.control.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlhf4j.control.nn.Mlp;

class DqnConfigTest {
    /** stable_baselines3.dqn.DQN.__init__ defaults (SB3 2.x) and DQNPolicy's net_arch / activation_fn. */
    @Test
    void defaultsAreStableBaselines3s() {
        DqnConfig c = DqnConfig.defaults();
        assertThat(c.learningRate()).isEqualTo(1e-4);
        assertThat(c.bufferSize()).isEqualTo(1_000_000);
        assertThat(c.learningStarts()).isEqualTo(100);
        assertThat(c.batchSize()).isEqualTo(32);
        assertThat(c.tau()).isEqualTo(1.0);
        assertThat(c.gamma()).isEqualTo(0.99);
        assertThat(c.trainFreq()).isEqualTo(4);
        assertThat(c.gradientSteps()).isEqualTo(1);
        assertThat(c.targetUpdateInterval()).isEqualTo(10_000);
        assertThat(c.explorationFraction()).isEqualTo(0.1);
        assertThat(c.explorationInitialEps()).isEqualTo(1.0);
        assertThat(c.explorationFinalEps()).isEqualTo(0.05);
        assertThat(c.maxGradNorm()).isEqualTo(10);
        assertThat(c.netArch()).containsExactly(64, 64);
        assertThat(c.activation()).isEqualTo(Mlp.Activation.RELU);
        assertThat(c.doubleQ()).isFalse();
        assertThat(c.nEnvs()).isEqualTo(1);
        assertThat(c.logInterval()).isEqualTo(4);
    }

    @Test
    void zooCartPoleChangesOnlyTheTunedFields() {
        DqnConfig zoo = DqnConfig.zooCartPole(7);
        DqnConfig expected = DqnConfig.defaults().toBuilder().learningRate(2.3e-3).batchSize(64).bufferSize(100_000)
                .learningStarts(1000).targetUpdateInterval(10).trainFreq(256).gradientSteps(128).explorationFraction(0.16)
                .explorationFinalEps(0.04).netArch(List.of(256, 256)).seed(7).build();
        assertThat(zoo).isEqualTo(expected);
        assertThat(zoo.toSb3Map()).containsEntry("train_freq", 256).containsEntry("net_arch", List.of(256, 256))
                .containsEntry("activation_fn", "relu");
    }

    @Test
    void invalidValuesNameTheFieldAndRange() {
        DqnConfig.Builder b = DqnConfig.defaults().toBuilder();
        assertThatThrownBy(() -> DqnConfig.defaults().toBuilder().gamma(1.5).build()).hasMessage("gamma must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> DqnConfig.defaults().toBuilder().tau(0).build()).hasMessage("tau must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> DqnConfig.defaults().toBuilder().learningRate(Double.NaN).build())
                .hasMessage("learningRate must be in (0, inf), got NaN");
        assertThatThrownBy(() -> DqnConfig.defaults().toBuilder().explorationFraction(0).build())
                .hasMessage("explorationFraction must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> DqnConfig.defaults().toBuilder().batchSize(0).build()).hasMessage("batchSize must be >= 1, got 0");
        assertThatThrownBy(() -> DqnConfig.defaults().toBuilder().gradientSteps(-2).build())
                .hasMessageStartingWith("gradientSteps must be >= 0, or -1");
        assertThatThrownBy(() -> DqnConfig.defaults().toBuilder().netArch(List.of(64, 0)).build())
                .hasMessage("netArch[1] must be a layer width >= 1, got 0 in [64, 0]");
        assertThatThrownBy(() -> DqnConfig.defaults().toBuilder().explorationFinalEps(-0.1).build())
                .hasMessage("explorationFinalEps must be in [0, 1], got -0.1");
        assertThat(b.gradientSteps(-1).build().gradientSteps()).isEqualTo(-1);
    }
}
