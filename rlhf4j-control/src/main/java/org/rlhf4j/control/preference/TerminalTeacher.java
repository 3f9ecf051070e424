package org.rlhf4j.control.preference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.rlhf4j.control.env.CartPole;
import org.rlhf4j.control.env.Environment;
import org.rlhf4j.control.env.Environments;
import org.rlhf4j.control.env.TextFrames;

/**
 * A person answering queries in a terminal. Each query shows the two clips side by side as text
 * frames (every {@code stride}-th step; CartPole is drawn as a cart and pole, other tasks as
 * their observation numbers) and reads one line:
 * <pre>
 *   1 or a   the left clip (A) is better
 *   2 or b   the right clip (B) is better
 *   =        equally good
 *   s or an empty line   skip
 *   q        no more questions (training goes on with the labels so far)
 * </pre>
 * Anything else is asked again. End of input counts as q.
 */
public final class TerminalTeacher implements PreferenceTeacher {
    private final BufferedReader in;
    private final PrintStream out;
    private final Environment renderer;
    private final int stride;
    private boolean finished;
    private int asked;

    public TerminalTeacher(String environmentId, BufferedReader in, PrintStream out, int stride) {
        if (stride < 1) throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        this.in = in;
        this.out = out;
        this.renderer = Environments.make(environmentId);
        this.stride = stride;
    }

    @Override
    public OptionalDouble compare(Segment a, Segment b) {
        if (finished) return OptionalDouble.empty();
        asked++;
        out.println();
        out.printf(Locale.ROOT, "=== query %d: which clip is better? (A left, B right; %d steps each) ===%n", asked, a.length());
        for (int t = 0; t < a.length(); t += stride) {
            out.println("step " + t);
            out.println(TextFrames.sideBySide(frame(a, t), frame(b, t)));
        }
        while (true) {
            out.print("[1/a] A better  [2/b] B better  [=] same  [s] skip  [q] stop asking > ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                finished = true;
                return OptionalDouble.empty();
            }
            switch (line.trim().toLowerCase(Locale.ROOT)) {
                case "1", "a":
                    return OptionalDouble.of(1.0);
                case "2", "b":
                    return OptionalDouble.of(0.0);
                case "=":
                    return OptionalDouble.of(0.5);
                case "", "s":
                    return OptionalDouble.empty();
                case "q":
                    finished = true;
                    return OptionalDouble.empty();
                default:
                    out.println("please answer 1, 2, =, s or q");
            }
        }
    }

    /** The frame of step t: the drawn state, or "episode over" after a termination. */
    String frame(Segment s, int t) {
        if (t >= s.realSteps()) return "(episode over)";
        int size = s.observationSize(), offset = t * size;
        if (renderer instanceof CartPole cartPole) {
            double[] state = new double[size];
            for (int i = 0; i < size; i++) state[i] = s.observations()[offset + i];
            cartPole.setState(state);
            // setState keeps the renderer's own step counter; show the clip's step instead
            return cartPole.renderText().replaceFirst("step \\d+", "step " + (s.start() + t)) + "\naction " + (int) s.actions()[t * s.actionSize()];
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < size; i++) values.add(String.format(Locale.ROOT, "%+.3f", s.observations()[offset + i]));
        List<String> action = new ArrayList<>();
        for (int i = 0; i < s.actionSize(); i++) action.add(String.format(Locale.ROOT, "%+.3f", s.actions()[t * s.actionSize() + i]));
        return "obs " + String.join(" ", values) + "\naction " + String.join(" ", action);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public String describe() {
        return "a person at the terminal";
    }
}
