package org.rlhf4j.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTML report for a run directory: a table of figures, charts (SVG files beside it, embedded
 * by reference), text sections (e.g. samples) and links to the run's files.
 */
public final class RunReport {
    public static final String FILE_NAME = "report.html";

    private final String title;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<String[]> charts = new ArrayList<>();   // {file name, svg}
    private final List<String[]> sections = new ArrayList<>(); // {heading, preformatted text}
    private final List<String[]> links = new ArrayList<>();    // {relative path, description}
    private final List<Table> tables = new ArrayList<>();

    private record Table(String heading, List<String> columns, List<List<String>> rows) {}

    public RunReport(String title) {
        this.title = title;
    }

    public RunReport figure(String name, String value) {
        figures.put(name, value);
        return this;
    }

    public RunReport chart(String fileName, SvgLineChart chart) {
        charts.add(new String[] {fileName, chart.render()});
        return this;
    }

    public RunReport section(String heading, String text) {
        sections.add(new String[] {heading, text});
        return this;
    }

    /** A table of text cells (e.g. samples: prompt, reply, reward, gold), HTML-escaped, after the sections. */
    public RunReport table(String heading, List<String> columns, List<List<String>> rows) {
        for (List<String> row : rows) {
            if (row.size() != columns.size()) throw new IllegalArgumentException("table " + heading + ": a row has " + row.size() + " cells but there are " + columns.size() + " columns");
        }
        tables.add(new Table(heading, List.copyOf(columns), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    public RunReport link(String relativePath, String description) {
        links.add(new String[] {relativePath, description});
        return this;
    }

    /** Writes {@code report.html} and the chart files into {@code dir}; returns the report's path. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse}td{padding:3px 12px;border-bottom:1px solid #ddd}"
                        + "pre{background:#f6f6f6;padding:1em;white-space:pre-wrap}"
                        + "table.cells td{vertical-align:top}th{text-align:left;padding:3px 12px;border-bottom:2px solid #bbb}</style></head><body>\n");
        html.append("<h1>").append(esc(title)).append("</h1>\n<table>\n");
        figures.forEach((k, v) -> html.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>\n"));
        html.append("</table>\n");
        for (String[] c : charts) {
            Files.writeString(dir.resolve(c[0]), c[1], StandardCharsets.UTF_8);
            html.append("<p><img src=\"").append(esc(c[0])).append("\" alt=\"").append(esc(c[0])).append("\"></p>\n");
        }
        for (String[] s : sections) html.append("<h2>").append(esc(s[0])).append("</h2>\n<pre>").append(esc(s[1])).append("</pre>\n");
        for (Table t : tables) {
            html.append("<h2>").append(esc(t.heading())).append("</h2>\n<table class=\"cells\">\n<tr>");
            for (String c : t.columns()) html.append("<th>").append(esc(c)).append("</th>");
            html.append("</tr>\n");
            for (List<String> row : t.rows()) {
                html.append("<tr>");
                for (String cell : row) html.append("<td>").append(esc(cell)).append("</td>");
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        if (!links.isEmpty()) {
            html.append("<h2>Files</h2>\n<ul>\n");
            for (String[] l : links) html.append("<li><a href=\"").append(esc(l[0])).append("\">").append(esc(l[0])).append("</a>: ").append(esc(l[1])).append("</li>\n");
            html.append("</ul>\n");
        }
        html.append("</body></html>\n");
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static String esc(String s) {
        return SvgLineChart.escape(s);
    }
}
