package org.rlhf4j.feedback.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnnotatorConfigTest {
    @Test
    void defaultsAreThePerfectTeacher() {
        AnnotatorConfig d = AnnotatorConfig.defaults();
        assertThat(d.temperature()).isZero();
        assertThat(d.mistakeProbability()).isZero();
        assertThat(d.skipProbability()).isZero();
        assertThat(d.tieThreshold()).isZero();
        assertThat(d.bothBadThreshold()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.myopiaGamma()).isEqualTo(1.0);
        assertThat(d.readChars()).isZero();
        assertThat(d.lengthBias()).isZero();
    }

    @Test
    void invalidFieldsAreNamedWithTheirRange() {
        AnnotatorConfig d = AnnotatorConfig.defaults();
        assertThatThrownBy(() -> d.withTemperature(-1)).hasMessageContaining("temperature").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> d.withMistakeProbability(1.5)).hasMessageContaining("mistakeProbability must be in [0, 1.0]");
        assertThatThrownBy(() -> d.withSkipProbability(1.0)).hasMessageContaining("skipProbability must be in [0, 1.0)");
        assertThatThrownBy(() -> d.withTieThreshold(Double.NaN)).hasMessageContaining("tieThreshold");
        assertThatThrownBy(() -> d.withBothBadThreshold(Double.NaN)).hasMessageContaining("bothBadThreshold");
        assertThatThrownBy(() -> d.withMyopiaGamma(0)).hasMessageContaining("myopiaGamma must be in (0, 1]");
        assertThatThrownBy(() -> d.withReadChars(-1)).hasMessageContaining("readChars");
        assertThatThrownBy(() -> d.withLengthBias(Double.POSITIVE_INFINITY)).hasMessageContaining("lengthBias");
        assertThatThrownBy(() -> d.withRatingNoise(-0.1)).hasMessageContaining("ratingNoise");
        assertThatThrownBy(() -> d.withStrengthGaps(1.0, 0.5)).hasMessageContaining("muchGap").hasMessageContaining("clearGap");
        assertThatThrownBy(() -> d.withStrengthGaps(0, 1)).hasMessageContaining("clearGap");
    }
}
