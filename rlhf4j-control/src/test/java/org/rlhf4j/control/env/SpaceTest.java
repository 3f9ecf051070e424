package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpaceTest {

    @Test
    void discreteContainsZeroToNMinusOne() {
        Space.Discrete space = new Space.Discrete(3);
        assertThat(space.contains(0)).isTrue();
        assertThat(space.contains(2)).isTrue();
        assertThat(space.contains(3)).isFalse();
        assertThat(space.contains(-1)).isFalse();
        assertThat(space.flatSize()).isEqualTo(1);
        assertThat(space).hasToString("Discrete(3)");
    }

    @Test
    void boxIsImmutableAndComparedByValue() {
        float[] low = {-1f, -2f};
        float[] high = {1f, 2f};
        Space.Box box = new Space.Box(low, high);
        low[0] = -100f;
        box.high()[0] = 100f;
        assertThat(box.low(0)).isEqualTo(-1f);
        assertThat(box.high(0)).isEqualTo(1f);
        assertThat(box).isEqualTo(Space.Box.symmetric(1f, 2f)).hasSameHashCodeAs(Space.Box.symmetric(1f, 2f));
        assertThat(box).isNotEqualTo(Space.Box.symmetric(1f, 3f));
        assertThat(box.size()).isEqualTo(2);
    }

    @Test
    void boxContainsChecksLengthBoundsAndNan() {
        Space.Box box = Space.Box.symmetric(2f);
        assertThat(box.contains(new float[] {2f})).isTrue();
        assertThat(box.contains(new float[] {-2.0001f})).isFalse();
        assertThat(box.contains(new float[] {Float.NaN})).isFalse();
        assertThat(box.contains(new float[] {0f, 0f})).isFalse();
        assertThat(Space.Box.symmetric(Float.POSITIVE_INFINITY).contains(new float[] {1e30f})).isTrue();
    }
}
