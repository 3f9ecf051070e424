package org.rlhf4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void markdownGuidelinesRenderWithoutAnyHtmlOrScriptFromTheText() {
        String html = Html.markdown("# Rules\n\n**Be** fair. <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\n[click](javascript:alert(3)) [docs](https://example.org)");
        assertThat(html).contains("<h1>Rules</h1>").contains("<strong>Be</strong>").contains("&lt;img src=x onerror=alert(1)&gt;").contains("&lt;script&gt;alert(2)&lt;/script&gt;")
                .contains("<a rel=\"nofollow\" href=\"https://example.org\">docs</a>").doesNotContain("<script").doesNotContain("<img").doesNotContain("javascript:");
    }

    @Test
    void escapeCoversEveryCharacterThatOpensMarkupOrAttributes() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>")).isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }
}
