package org.rlhf4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now; // fake clock, nanoseconds

    private void advanceSeconds(double seconds) {
        now += (long) (seconds * 1e9);
    }

    @Test
    void rendersPercentBarRateEtaAndExtra() {
        ProgressBar bar = new ProgressBar("task", 1000, "steps", out, false, () -> now);
        for (int i = 0; i < 18; i++) { // 25 steps every 2 s: 12.5 steps/s, 450 steps after 36 s
            advanceSeconds(2);
            bar.step(25);
        }
        bar.setExtra("loss 2.31");
        // 550 steps left at 12.5 steps/s = 44 s
        assertThat(bar.render(now)).isEqualTo("task  45% [=========>          ] 450/1000 steps  12.5 steps/s  ETA 0:44  loss 2.31");
    }

    @Test
    void rateIsAnExponentialMovingAverageOfOneSecondIntervals() {
        ProgressBar bar = new ProgressBar("t", 100, "steps", out, false, () -> now);
        advanceSeconds(0.5);
        bar.step(4);
        assertThat(bar.rate()).isEqualTo(8.0); // before a full interval: 4 / 0.5 s
        advanceSeconds(0.5);
        bar.step(6);
        assertThat(bar.rate()).isEqualTo(10.0); // first interval [0, 1 s]: 10 steps
        advanceSeconds(1);
        bar.step(20);
        assertThat(bar.rate()).isCloseTo(13.0, within()); // 0.3 * 20 + 0.7 * 10
        advanceSeconds(1);
        bar.step(0);
        assertThat(bar.rate()).isCloseTo(9.1, within()); // 0.3 * 0 + 0.7 * 13
        advanceSeconds(0.4);
        bar.step(100);
        assertThat(bar.rate()).isCloseTo(9.1, within()); // interval not over yet: unchanged
    }

    @Test
    void withoutATerminalPrintsAPlainLineEveryFiveSecondsAndAtTheEnd() {
        ProgressBar bar = new ProgressBar("train", 12, "steps", out, false, () -> now);
        for (int i = 0; i < 12; i++) {
            advanceSeconds(1);
            bar.step(1);
        }
        bar.close();
        bar.close(); // idempotent: no second final line
        assertThat(text()).doesNotContain("\r").isEqualTo(String.join(System.lineSeparator(),
                "train  41% [========>           ] 5/12 steps  1.0 steps/s  ETA 0:07",
                "train  83% [================>   ] 10/12 steps  1.0 steps/s  ETA 0:02",
                "train 100% [====================] 12/12 steps  1.0 steps/s  in 0:12", ""));
    }

    @Test
    void onATerminalRedrawsInPlaceAndBlanksLeftovers() {
        ProgressBar bar = new ProgressBar("t", 2, "ex", out, true, () -> now);
        bar.setExtra("loss 12.345");
        advanceSeconds(1);
        bar.step(1);
        bar.setExtra("");
        advanceSeconds(1);
        bar.step(1);
        bar.close();
        String[] frames = text().split("\r", -1);
        assertThat(frames).hasSize(5); // "", initial, two steps, final
        assertThat(frames[1]).isEqualTo("t   0% [>                   ] 0/2 ex  0.0 ex/s  ETA -:--");
        assertThat(frames[2]).isEqualTo("t  50% [==========>         ] 1/2 ex  1.0 ex/s  ETA 0:01  loss 12.345");
        assertThat(frames[3]).isEqualTo("t 100% [====================] 2/2 ex  1.0 ex/s  ETA 0:00" + " ".repeat(13));
        assertThat(frames[4]).isEqualTo("t 100% [====================] 2/2 ex  1.0 ex/s  in 0:02" + " " + System.lineSeparator()); // one shorter than "ETA 0:00"
    }

    @Test
    void unknownTotalShowsCountAndRateOnly() {
        ProgressBar bar = new ProgressBar("sample", ProgressBar.UNKNOWN_TOTAL, "tokens", out, false, () -> now);
        advanceSeconds(10);
        bar.step(37);
        bar.setExtra("batch 3");
        assertThat(bar.render(now)).isEqualTo("sample 37 tokens  3.7 tokens/s  batch 3");
    }

    @Test
    void formatsDurationsAndSlowRates() {
        assertThat(ProgressBar.formatDuration(0)).isEqualTo("0:00");
        assertThat(ProgressBar.formatDuration(44)).isEqualTo("0:44");
        assertThat(ProgressBar.formatDuration(59.2)).isEqualTo("1:00"); // rounded up
        assertThat(ProgressBar.formatDuration(3723)).isEqualTo("1:02:03");
        assertThat(ProgressBar.formatDuration(36_000)).isEqualTo("10:00:00");
        assertThat(ProgressBar.formatRate(12.34)).isEqualTo("12.3");
        assertThat(ProgressBar.formatRate(0.034)).isEqualTo("0.03");
        assertThat(ProgressBar.bar(0)).isEqualTo(">" + " ".repeat(19));
        assertThat(ProgressBar.bar(0.999)).isEqualTo("=".repeat(19) + ">");
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertThatThrownBy(() -> new ProgressBar("t", -5, "steps", out, false, () -> now)).hasMessageContaining("total must be >= 0");
        assertThatThrownBy(() -> new ProgressBar(" ", 5, "steps", out, false, () -> now)).hasMessageContaining("task");
        ProgressBar bar = new ProgressBar("t", 5, "steps", out, false, () -> now);
        assertThatThrownBy(() -> bar.step(-1)).hasMessageContaining("n must be >= 0");
        bar.close();
        assertThatThrownBy(() -> bar.step(1)).isInstanceOf(IllegalStateException.class);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
