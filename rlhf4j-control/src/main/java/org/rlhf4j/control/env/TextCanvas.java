package org.rlhf4j.control.env;

import java.util.Arrays;

/** A fixed grid of characters for the text renderers; writes outside the grid are ignored. */
final class TextCanvas {
    private final char[][] rows;

    TextCanvas(int width, int height) {
        rows = new char[height][width];
        for (char[] row : rows) {
            Arrays.fill(row, ' ');
        }
    }

    void put(int column, int row, char c) {
        if (row >= 0 && row < rows.length && column >= 0 && column < rows[row].length) {
            rows[row][column] = c;
        }
    }

    /** Rows joined by newlines, trailing spaces removed. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.length; r++) {
            if (r > 0) {
                text.append('\n');
            }
            text.append(new String(rows[r]).stripTrailing());
        }
        return text.toString();
    }
}
