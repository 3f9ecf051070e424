package org.rlhf4j.control.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlhf4j.feedback.simulate.AnnotatorConfig;

class TeacherTest {
    /** CartPole clips: 3 real steps (rewards 1) and then the episode over, or 4 real steps. */
    private static final Segment FELL = new Segment(new float[] {0, 0, 0.1f, 0, 0, 0, 0.15f, 0, 0, 0, 0.21f, 0}, new float[] {0, 1, 0},
            new float[] {1, 1, 1, 0}, 3, 4, 1, 0, 0);
    private static final Segment STAYED = new Segment(new float[16], new float[] {1, 0, 1, 0}, new float[] {1, 1, 1, 1}, 4, 4, 1, 1, 0);

    @Test
    void aPerfectTeacherPrefersTheHigherTrueReturnAndTiesEqualOnes() {
        SimulatedTeacher teacher = SimulatedTeacher.perfect(new SplittableRandom(1));
        assertThat(teacher.compare(STAYED, FELL).getAsDouble()).isEqualTo(1.0);
        assertThat(teacher.compare(FELL, STAYED).getAsDouble()).isEqualTo(0.0);
        assertThat(teacher.compare(STAYED, STAYED).getAsDouble()).isEqualTo(0.5);
    }

    @Test
    void aTeacherWhoAlwaysErrsFlipsAndOneWhoAlwaysSkipsAnswersNothing() {
        SimulatedTeacher wrong = new SimulatedTeacher(AnnotatorConfig.defaults().withMistakeProbability(1), new SplittableRandom(1));
        assertThat(wrong.compare(STAYED, FELL).getAsDouble()).isEqualTo(0.0);
        SimulatedTeacher absent = new SimulatedTeacher(AnnotatorConfig.defaults().withSkipProbability(0.999999), new SplittableRandom(1));
        assertThat(absent.compare(STAYED, FELL)).isEmpty();
    }

    @Test
    void aPersonAtTheTerminalSeesBothClipsAndAnswers() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        TerminalTeacher person = new TerminalTeacher("CartPole-v1", new BufferedReader(new StringReader("maybe\n2\n=\n\nq\n")),
                new PrintStream(shown, true, StandardCharsets.UTF_8), 1);
        assertThat(person.compare(FELL, STAYED).getAsDouble()).isEqualTo(0.0);
        String screen = shown.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains("query 1", "please answer 1, 2, =, s or q", "(episode over)", "[=]", "step 3");
        assertThat(screen).as("the cart is drawn").contains("[===]");
        assertThat(screen).as("each frame names its step in the episode").contains("CartPole-v1 step 2 ");
        assertThat(person.compare(FELL, STAYED).getAsDouble()).isEqualTo(0.5);
        assertThat(person.compare(FELL, STAYED)).as("an empty line skips").isEmpty();
        assertThat(person.finished()).isFalse();
        assertThat(person.compare(FELL, STAYED)).isEmpty();
        assertThat(person.finished()).isTrue();
        TerminalTeacher silent = new TerminalTeacher("Pendulum-v1", new BufferedReader(new StringReader("")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 2);
        assertThat(silent.compare(FELL, STAYED)).isEmpty();
        assertThat(silent.finished()).as("end of input stops the questions").isTrue();
    }
}
