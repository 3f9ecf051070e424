package org.rlhf4j.server.web;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** Text made safe for HTML, and pages around it. Every value from a user or a file goes through {@link #escape}. */
public final class Html {
    private static final Parser MARKDOWN = Parser.builder().build();
    // escapeHtml: raw HTML in the Markdown is shown as text; sanitizeUrls: javascript: links are dropped.
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Html() {
    }

    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Guidelines Markdown as HTML in which no tag, attribute or link from the text can run script. */
    public static String markdown(String md) {
        return RENDERER.render(MARKDOWN.parse(md == null ? "" : md));
    }

    /**
     * A whole page. {@code bodyHtml} must already be escaped; {@code csrf} (may be null) goes into a
     * meta tag that app.js reads for its requests.
     */
    public static String page(String title, String user, String csrf, String pageName, String bodyHtml) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " - rlhf4j</title>"
                + (csrf == null ? "" : "<meta name=\"csrf\" content=\"" + escape(csrf) + "\">")
                + "<link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script></head>"
                + "<body data-page=\"" + escape(pageName) + "\"><header><a href=\"/\" class=\"brand\">rlhf4j feedback</a>"
                + (user == null ? "" : "<span class=\"who\">" + escape(user) + "</span>"
                        + "<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\"><button type=\"submit\">Log out</button></form>")
                + "</header><main>" + bodyHtml + "</main></body></html>";
    }

    public static String hiddenCsrf(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\">";
    }
}
