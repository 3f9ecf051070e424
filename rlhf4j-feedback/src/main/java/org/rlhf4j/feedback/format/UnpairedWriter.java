package org.rlhf4j.feedback.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Rating;

/**
 * Turns feedback into {@link UnpairedExample}s and writes them as TRL unpaired data
 * ({@code prompt, completion, label}). A decisive comparison gives two examples (chosen true,
 * rejected false, ids suffixed {@code /chosen} and {@code /rejected}); a rating of 4-5 stars is
 * desirable, 1-2 is not, and 3 says neither, so it is skipped.
 */
public final class UnpairedWriter {
    public static final int DESIRABLE_FROM_STARS = 4, UNDESIRABLE_TO_STARS = 2;

    private UnpairedWriter() {
    }

    /** Examples and the records that gave none. */
    public record Conversion(List<UnpairedExample> examples, List<ExportSkip> skipped) {
        public Conversion {
            examples = List.copyOf(examples);
            skipped = List.copyOf(skipped);
        }
    }

    public static Conversion fromComparisons(List<Comparison> comparisons) {
        List<UnpairedExample> examples = new ArrayList<>();
        List<ExportSkip> skipped = new ArrayList<>();
        for (Comparison c : comparisons) {
            if (!c.choice().decisive()) {
                skipped.add(new ExportSkip(c.id(), "choice is " + c.choice() + ": no chosen response"));
                continue;
            }
            examples.add(new UnpairedExample(c.id() + "/chosen", c.prompt(), c.chosen(), true, c.attribution()));
            examples.add(new UnpairedExample(c.id() + "/rejected", c.prompt(), c.rejected(), false, c.attribution()));
        }
        return new Conversion(examples, skipped);
    }

    public static Conversion fromRatings(List<Rating> ratings) {
        List<UnpairedExample> examples = new ArrayList<>();
        List<ExportSkip> skipped = new ArrayList<>();
        for (Rating r : ratings) {
            if (r.stars() > UNDESIRABLE_TO_STARS && r.stars() < DESIRABLE_FROM_STARS) {
                skipped.add(new ExportSkip(r.id(), r.stars() + " stars is neither desirable nor undesirable"));
                continue;
            }
            examples.add(new UnpairedExample(r.id(), r.prompt(), r.response(), r.stars() >= DESIRABLE_FROM_STARS, r.attribution()));
        }
        return new Conversion(examples, skipped);
    }

    /** Writes examples; in {@link TrlStyle#PLAIN} those with multi-turn prompts are skipped. */
    public static ExportResult write(Path file, List<UnpairedExample> examples, TrlStyle style) {
        List<ObjectNode> lines = new ArrayList<>();
        List<ExportSkip> skipped = new ArrayList<>();
        for (UnpairedExample e : examples) {
            String reason = TrlPreferenceWriter.unexportable(e.prompt(), style);
            if (reason != null) skipped.add(new ExportSkip(e.id(), reason));
            else lines.add(line(e, style));
        }
        JsonLinesOutput.write(file, lines);
        return new ExportResult(file, lines.size(), skipped);
    }

    private static ObjectNode line(UnpairedExample e, TrlStyle style) {
        ObjectNode o = JsonLinesFile.JSON.createObjectNode();
        if (style == TrlStyle.PLAIN) {
            o.put("prompt", e.prompt().lastUserText());
            o.put("completion", e.completion());
        } else {
            o.set("prompt", ChatJson.write(e.prompt().messages()));
            o.set("completion", ChatJson.writeReply(e.completion()));
        }
        o.put("label", e.desirable());
        return o;
    }
}
