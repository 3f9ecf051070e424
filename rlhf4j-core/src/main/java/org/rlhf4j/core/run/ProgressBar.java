package org.rlhf4j.core.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A one-line terminal progress bar:
 * <pre>pretrain  45% [=========>          ] 450/1000 steps  12.3 steps/s  ETA 0:44  loss 2.31</pre>
 *
 * <p>On a terminal the line is redrawn in place ({@code \r}) at most every {@value
 * #REDRAW_MILLIS} ms. Elsewhere (output piped to a log, or {@code CI=true}) it prints a plain
 * line at most every {@value #PLAIN_LINE_MILLIS} ms and once at the end, so logs stay readable.
 *
 * <p>The rate is smoothed: it starts as done/elapsed and, once a second has passed, becomes an
 * exponential moving average (weight {@value #RATE_SMOOTHING} for the newest) of the rates over
 * successive intervals of at least one second. ETA = remaining / rate, shown m:ss or h:mm:ss.
 * Thread-safe; {@link #close()} prints the final line with the total time.
 */
public final class ProgressBar implements AutoCloseable {

    /** Pass as {@code total} when the amount of work is not known: no percentage, bar or ETA. */
    public static final long UNKNOWN_TOTAL = -1;

    static final long REDRAW_MILLIS = 100;
    static final long PLAIN_LINE_MILLIS = 5_000;
    static final double RATE_SMOOTHING = 0.3;
    private static final int BAR_WIDTH = 20;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String task;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private final long startNanos;

    private long done;
    private String extra = "";
    private double rate; // units per second, smoothed
    private long sampleNanos; // start of the current rate interval
    private long sampleDone;
    private boolean smoothing; // false until the first full interval
    private long lastPrintNanos;
    private int lastLineLength;
    private boolean closed;

    /** A bar on stderr, redrawn in place when a console is attached and CI is not set. */
    public ProgressBar(String task, long total, String unit) {
        this(task, total, unit, System.err, isInteractiveTerminal(), System::nanoTime);
    }

    /**
     * @param interactive redraw in place with {@code \r} (a terminal) rather than print plain lines
     * @param nanoTime    the clock, e.g. {@code System::nanoTime}; tests pass a fake one
     */
    public ProgressBar(String task, long total, String unit, PrintStream out, boolean interactive, LongSupplier nanoTime) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task must be non-blank");
        }
        if (total < 0 && total != UNKNOWN_TOTAL) {
            throw new IllegalArgumentException("total must be >= 0 or UNKNOWN_TOTAL, got " + total);
        }
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException("unit must be non-blank, e.g. \"steps\"");
        }
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.out = Objects.requireNonNull(out, "out");
        this.interactive = interactive;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.startNanos = nanoTime.getAsLong();
        this.sampleNanos = startNanos;
        this.lastPrintNanos = startNanos;
        if (interactive) {
            draw(render(startNanos));
        }
    }

    /** True when System.console() exists and the environment variable CI is not "true". */
    public static boolean isInteractiveTerminal() {
        return System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Advances by {@code n} units and redraws if it is time to. */
    public synchronized void step(long n) {
        if (closed) {
            throw new IllegalStateException("progress bar '" + task + "' is closed");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        long now = nanoTime.getAsLong();
        done += n;
        updateRate(now);
        long sinceLast = now - lastPrintNanos;
        if (sinceLast >= (interactive ? REDRAW_MILLIS : PLAIN_LINE_MILLIS) * 1_000_000L) {
            print(now);
        }
    }

    public void step() {
        step(1);
    }

    /** Text shown after the ETA, e.g. "loss 2.31"; empty to clear. Shown at the next redraw. */
    public synchronized void setExtra(String text) {
        extra = text == null ? "" : text;
    }

    public synchronized long done() {
        return done;
    }

    /** Units per second, smoothed; 0 before any time has passed. */
    public synchronized double rate() {
        return rate;
    }

    private void updateRate(long now) {
        long interval = now - sampleNanos;
        if (interval < NANOS_PER_SECOND) {
            if (!smoothing && now > startNanos) {
                rate = done * (double) NANOS_PER_SECOND / (now - startNanos);
            }
            return;
        }
        double latest = (done - sampleDone) * (double) NANOS_PER_SECOND / interval;
        rate = smoothing ? RATE_SMOOTHING * latest + (1 - RATE_SMOOTHING) * rate : latest;
        smoothing = true;
        sampleNanos = now;
        sampleDone = done;
    }

    private void print(long now) {
        lastPrintNanos = now;
        String line = render(now);
        if (interactive) {
            draw(line);
        } else {
            out.println(line);
            out.flush();
        }
    }

    /** Rewrites the line in place, blanking leftovers of a longer previous line. */
    private void draw(String line) {
        int padding = Math.max(0, lastLineLength - line.length());
        out.print("\r" + line + " ".repeat(padding));
        out.flush();
        lastLineLength = line.length();
    }

    /** The status line as of {@code now}. */
    synchronized String render(long now) {
        StringBuilder line = new StringBuilder(task);
        if (total != UNKNOWN_TOTAL) {
            double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
            line.append(String.format(Locale.ROOT, " %3d%% [%s] %d/%d %s", (int) Math.floor(fraction * 100), bar(fraction), done, total, unit));
        } else {
            line.append(' ').append(done).append(' ').append(unit);
        }
        line.append("  ").append(formatRate(rate)).append(' ').append(unit).append("/s");
        if (closed) {
            line.append("  in ").append(formatDuration((now - startNanos) / (double) NANOS_PER_SECOND));
        } else if (total != UNKNOWN_TOTAL) {
            line.append("  ETA ").append(rate > 0 ? formatDuration(Math.max(0, total - done) / rate) : "-:--");
        }
        if (!extra.isEmpty()) {
            line.append("  ").append(extra);
        }
        return line.toString();
    }

    /** 20 cells: filled '=' up to the fraction, a '>' head while unfinished, spaces after. */
    static String bar(double fraction) {
        int filled = (int) Math.floor(fraction * BAR_WIDTH);
        if (filled >= BAR_WIDTH) {
            return "=".repeat(BAR_WIDTH);
        }
        return "=".repeat(filled) + ">" + " ".repeat(BAR_WIDTH - filled - 1);
    }

    static String formatRate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 1 || perSecond == 0 ? "%.1f" : "%.2f", perSecond);
    }

    /** Whole seconds, rounded up, as m:ss below an hour and h:mm:ss from there. */
    static String formatDuration(double seconds) {
        long total = (long) Math.ceil(seconds);
        long hours = total / 3600;
        long minutes = total / 60 % 60;
        long secs = total % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }

    /** Prints the final line (ending the in-place line with a newline on a terminal). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        long now = nanoTime.getAsLong();
        updateRate(now);
        closed = true;
        print(now);
        if (interactive) {
            out.println();
            out.flush();
        }
    }
}
