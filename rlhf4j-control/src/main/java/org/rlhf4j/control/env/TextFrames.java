package org.rlhf4j.control.env;

import java.util.ArrayList;
import java.util.List;

/**
 * Arranging text frames from {@link Environment#renderText()} so a person in a terminal can
 * compare two trajectory segments (e.g. the two clips of a preference query).
 */
public final class TextFrames {
    private TextFrames() {
    }

    /**
     * Places multi-line frames next to each other, each column padded to its widest line and
     * separated by {@code " | "}.
     */
    public static String sideBySide(String... frames) {
        List<String[]> split = new ArrayList<>();
        int height = 0;
        int[] widths = new int[frames.length];
        for (int f = 0; f < frames.length; f++) {
            String[] lines = frames[f].split("\n", -1);
            split.add(lines);
            height = Math.max(height, lines.length);
            for (String line : lines) {
                widths[f] = Math.max(widths[f], line.length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < height; row++) {
            StringBuilder line = new StringBuilder();
            for (int f = 0; f < frames.length; f++) {
                String[] lines = split.get(f);
                String cell = row < lines.length ? lines[row] : "";
                if (f > 0) {
                    line.append(" | ");
                }
                line.append(cell);
                if (f < frames.length - 1) {
                    line.append(" ".repeat(widths[f] - cell.length()));
                }
            }
            if (row > 0) {
                text.append('\n');
            }
            text.append(line.toString().stripTrailing());
        }
        return text.toString();
    }

    /**
     * Renders a segment: {@code frames} as consecutive blocks, each preceded by a label line
     * {@code label + " t=" + index}.
     */
    public static String segment(String label, List<String> frames) {
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < frames.size(); t++) {
            if (t > 0) {
                text.append("\n\n");
            }
            text.append(label).append(" t=").append(t).append('\n').append(frames.get(t));
        }
        return text.toString();
    }
}
