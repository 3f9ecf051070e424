package org.rlhf4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @TempDir
    Path tmp;

    @Test
    void tableCellsAreEscaped() throws IOException {
        Path file = new RunReport("samples").table("Sampled replies", List.of("prompt", "reply"),
                List.of(List.of("order <b>#1</b> & \"2\"", "<script>alert(1)</script>"))).write(tmp);
        String html = Files.readString(file);
        assertThat(html).contains("<h2>Sampled replies</h2>", "<th>prompt</th><th>reply</th>",
                "<td>order &lt;b&gt;#1&lt;/b&gt; &amp; &quot;2&quot;</td>", "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
        assertThat(html).doesNotContain("<script>", "<b>#1");
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThatThrownBy(() -> new RunReport("t").table("x", List.of("a", "b"), List.of(List.of("only one"))))
                .hasMessageContaining("a row has 1 cells but there are 2 columns");
    }
}
