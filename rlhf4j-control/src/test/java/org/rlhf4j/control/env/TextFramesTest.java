package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFramesTest {

    @Test
    void sideBySidePadsEachColumnToItsWidestLine() {
        String joined = TextFrames.sideBySide("ab\nc", "x\ny\nz");
        assertThat(joined).isEqualTo("ab | x\nc  | y\n   | z");
    }

    @Test
    void twoCartPoleFramesLineUp() {
        CartPole left = new CartPole();
        CartPole right = new CartPole();
        left.setState(-1, 0, -0.15, 0);
        right.setState(1, 0, 0.15, 0);
        String[] lines = TextFrames.sideBySide(left.renderText(), right.renderText()).split("\n");
        assertThat(lines).hasSize(7);
        int separator = lines[0].indexOf(" | ");
        for (String line : lines) {
            assertThat(line.indexOf(" | ")).isEqualTo(separator);
        }
        assertThat(lines[5]).contains("[===]"); // cart row, both frames
        assertThat(lines[5].indexOf("[===]")).isLessThan(separator);
        assertThat(lines[5].lastIndexOf("[===]")).isGreaterThan(separator);
    }

    @Test
    void segmentLabelsEachFrame() {
        assertThat(TextFrames.segment("A", List.of("f0", "f1"))).isEqualTo("A t=0\nf0\n\nA t=1\nf1");
    }
}
