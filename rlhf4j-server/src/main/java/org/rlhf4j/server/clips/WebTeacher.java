package org.rlhf4j.server.clips;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import org.rlhf4j.control.preference.PreferenceTeacher;
import org.rlhf4j.control.preference.Segment;
import org.rlhf4j.server.project.Project;

/**
 * A person answering preference queries in the feedback app. Each query (two clips of the same
 * length) becomes an item of a {@code clips} project; the teacher prints where to answer and waits
 * until someone does, then closes the item:
 * <pre>
 *   A (a or 1)   the left clip is better      -> 1
 *   B (b or 2)   the right clip is better     -> 0
 *   = (tie)      equally good                 -> 1/2
 *   s (skip)     skipped; it counts as asked, as at the terminal
 * </pre>
 * With a timeout, a query nobody answered in time is withdrawn and counts as skipped, and the
 * teacher asks no more (nobody seems to be there): training goes on with the labels so far, as
 * {@code q} does at the terminal.
 */
public final class WebTeacher implements PreferenceTeacher {
    /** How long to wait between looks at the database for an answer. */
    public static final long POLL_MILLIS = 200;

    /** Waits; a test passes one that moves its clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final ClipQueries queries;
    private final Project project;
    private final String environmentId;
    private final String pageUrl;
    private final PrintStream out;
    private final long timeoutMillis;
    private final LongSupplier clockMillis;
    private final Sleeper sleeper;
    private final String runTag;
    private boolean finished;
    private int asked;

    /**
     * @param pageUrl       where a person answers (printed with each query)
     * @param timeoutMillis how long to wait for an answer; 0 waits as long as it takes
     * @param runTag        makes the items' ids unique when several runs share a project
     */
    public WebTeacher(ClipQueries queries, Project project, String environmentId, String pageUrl, PrintStream out, long timeoutMillis,
            LongSupplier clockMillis, Sleeper sleeper, String runTag) {
        if (!environmentId.startsWith("CartPole")) throw new IllegalArgumentException("--teacher web draws CartPole clips only, not " + environmentId);
        if (timeoutMillis < 0) throw new IllegalArgumentException("the teacher's timeout must be >= 0 (0: no limit), got " + timeoutMillis);
        this.queries = queries;
        this.project = project;
        this.environmentId = environmentId;
        this.pageUrl = pageUrl;
        this.out = out;
        this.timeoutMillis = timeoutMillis;
        this.clockMillis = clockMillis;
        this.sleeper = sleeper;
        this.runTag = runTag;
    }

    @Override
    public OptionalDouble compare(Segment a, Segment b) {
        if (a.length() != b.length()) throw new IllegalArgumentException("clips of " + a.length() + " and " + b.length() + " steps");
        if (finished) return OptionalDouble.empty();
        asked++;
        String question = String.format(Locale.ROOT, "%s, query %d: which clip is better? (A left, B right; %d steps each)", environmentId, asked, a.length());
        long item = queries.post(project, runTag + "/q" + asked, question, ClipJson.of(environmentId, a), ClipJson.of(environmentId, b));
        out.printf(Locale.ROOT, "query %d: waiting for your answer at %s (a/1 left, b/2 right, = same, s skip)%s%n", asked, pageUrl,
                timeoutMillis > 0 ? String.format(Locale.ROOT, "; %d s", timeoutMillis / 1000) : "");
        out.flush();
        long deadline = clockMillis.getAsLong() + timeoutMillis;
        while (true) {
            Optional<ClipQueries.Outcome> outcome = queries.take(project, item);
            if (outcome.isEmpty() && timeoutMillis > 0 && clockMillis.getAsLong() >= deadline) {
                outcome = queries.withdraw(project, item);
                if (outcome.isEmpty()) {
                    finished = true;
                    out.printf(Locale.ROOT, "query %d: no answer within %d s; asking no more, training goes on with the labels so far%n", asked, timeoutMillis / 1000);
                    return OptionalDouble.empty();
                }
            }
            if (outcome.isPresent()) return label(outcome.get());
            try {
                sleeper.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                queries.withdraw(project, item);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an answer to query " + asked, e);
            }
        }
    }

    private OptionalDouble label(ClipQueries.Outcome o) {
        if (o.skipped()) {
            out.printf(Locale.ROOT, "query %d: skipped by %s (%s)%n", asked, o.annotator(), o.skipReason());
            return OptionalDouble.empty();
        }
        out.printf(Locale.ROOT, "query %d: %s says %s%n", asked, o.annotator(), switch (o.choice()) {
            case A -> "A (left) is better";
            case B -> "B (right) is better";
            default -> "equally good";
        });
        return switch (o.choice()) {
            case A -> OptionalDouble.of(1.0);
            case B -> OptionalDouble.of(0.0);
            case TIE -> OptionalDouble.of(0.5);
            default -> OptionalDouble.empty();
        };
    }

    @Override
    public boolean finished() {
        return finished;
    }

    /** Queries asked so far (answered, skipped or timed out). */
    public int asked() {
        return asked;
    }

    @Override
    public String describe() {
        return "a person in the feedback app (project '" + project.name() + "'" + (timeoutMillis > 0 ? ", " + timeoutMillis / 1000 + " s per query" : "") + ")";
    }
}
