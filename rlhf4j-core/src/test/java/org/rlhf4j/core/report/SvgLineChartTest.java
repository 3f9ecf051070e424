package org.rlhf4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.core.run.MetricsSink;

class SvgLineChartTest {
    @TempDir
    Path tmp;

    @Test
    void ticksAreNiceNumbersCoveringTheRange() {
        assertThat(SvgLineChart.ticks(0, 1200)).containsExactly(0, 500, 1000, 1500);
        assertThat(SvgLineChart.ticks(0.78, 8.3)).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(SvgLineChart.ticks(1e-4, 2e-3)).hasSize(5).startsWith(0.0);
    }

    /** Points map into the plot box: x 0 -> left edge (70), x 10 -> right edge (700); y 0 -> bottom (365), y 10 -> top (40). */
    @Test
    void rendersWellFormedSvgWithPointsInPlace() throws Exception {
        String svg = new SvgLineChart("t <&>", "x", "y").add(new Series("s", new double[] {0, 10, Double.NaN}, new double[] {0, 10, 3}, "#000", false)).render();
        assertThat(svg).contains("points=\"70.0,365.0 700.0,40.0\"").contains("t &lt;&amp;&gt;");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.ByteArrayInputStream(svg.getBytes()));
    }

    @Test
    void reportLinksChartsWrittenFromMetrics() throws Exception {
        Path metrics = tmp.resolve("metrics.jsonl");
        try (MetricsSink sink = MetricsSink.open(metrics)) {
            for (int s = 1; s <= 20; s++) sink.log(s, Map.of("train/loss", 5.0 / s, "train/learning_rate", 1e-3));
            sink.log(20, Map.of("eval/loss", 0.4));
        }
        Path report = new RunReport("run").figure("held-out loss", "0.4").chart("loss.svg", LearningCurves.loss(metrics))
                .chart("lr.svg", LearningCurves.learningRate(metrics)).section("Samples", "a < b").link("metrics.jsonl", "metrics").write(tmp);
        String html = Files.readString(report);
        assertThat(html).contains("<img src=\"loss.svg\"", "<img src=\"lr.svg\"", "a &lt; b", "href=\"metrics.jsonl\"");
        String loss = Files.readString(tmp.resolve("loss.svg"));
        assertThat(loss).contains("held-out loss").contains("<circle");
        assertThat(List.of(loss.split("<polyline")).size()).isEqualTo(3); // raw and smoothed lines
    }
}
