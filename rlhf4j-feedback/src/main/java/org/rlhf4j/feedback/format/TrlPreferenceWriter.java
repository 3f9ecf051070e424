package org.rlhf4j.feedback.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Prompt;

/**
 * Exports decisive {@link Comparison}s as TRL preference data ({@code prompt, chosen, rejected}).
 * Ties and both-bad have no chosen response and are skipped; a multi-turn prompt cannot be plain
 * text without a chat template, so in {@link TrlStyle#PLAIN} it is skipped too.
 */
public final class TrlPreferenceWriter {
    private TrlPreferenceWriter() {
    }

    public static ExportResult write(Path file, List<Comparison> comparisons, TrlStyle style) {
        List<ObjectNode> lines = new ArrayList<>();
        List<ExportSkip> skipped = new ArrayList<>();
        for (Comparison c : comparisons) {
            String reason = unexportable(c, style);
            if (reason != null) skipped.add(new ExportSkip(c.id(), reason));
            else lines.add(line(c, style));
        }
        JsonLinesOutput.write(file, lines);
        return new ExportResult(file, lines.size(), skipped);
    }

    static String unexportable(Comparison c, TrlStyle style) {
        if (!c.choice().decisive()) return "choice is " + c.choice() + ": no chosen response";
        return unexportable(c.prompt(), style);
    }

    static String unexportable(Prompt prompt, TrlStyle style) {
        if (style == TrlStyle.PLAIN && !prompt.singleTurn()) return "a multi-turn prompt needs the conversational style";
        return null;
    }

    private static ObjectNode line(Comparison c, TrlStyle style) {
        ObjectNode o = JsonLinesFile.JSON.createObjectNode();
        if (style == TrlStyle.PLAIN) {
            o.put("prompt", c.prompt().lastUserText());
            o.put("chosen", c.chosen());
            o.put("rejected", c.rejected());
        } else {
            o.set("prompt", ChatJson.write(c.prompt().messages()));
            o.set("chosen", ChatJson.writeReply(c.chosen()));
            o.set("rejected", ChatJson.writeReply(c.rejected()));
        }
        return o;
    }
}
