package org.rlhf4j.feedback.validate;

import org.rlhf4j.feedback.LineProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Message;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;

/**
 * Data-quality rules for records that are structurally valid: a comparison whose two responses
 * are the same (it caps achievable accuracy and teaches nothing), a ranking with duplicate
 * responses, blank text, text over a size limit. Structural problems (missing fields, wrong
 * types, stars out of range, ranks that are not an order, invalid UTF-8) are found by the readers.
 */
public final class FeedbackValidator {
    /** Default limit on one text field, in characters: far beyond any real prompt or reply, well short of a runaway paste. */
    public static final int DEFAULT_MAX_CHARS = 100_000;

    private final int maxChars;

    public FeedbackValidator(int maxChars) {
        if (maxChars < 1) throw new IllegalArgumentException("maxChars must be >= 1, got " + maxChars);
        this.maxChars = maxChars;
    }

    public static FeedbackValidator defaults() {
        return new FeedbackValidator(DEFAULT_MAX_CHARS);
    }

    /** The issues of one record, read from {@code file} at {@code line}. */
    public List<LineProblem> check(Feedback f, Path file, long line) {
        List<LineProblem> issues = new ArrayList<>();
        for (int i = 0; i < f.prompt().messages().size(); i++) {
            Message m = f.prompt().messages().get(i);
            text(issues, file, line, "prompt[" + i + "].content", m.content(), m.role() == org.rlhf4j.feedback.Role.SYSTEM);
        }
        if (f instanceof Comparison c) {
            text(issues, file, line, "response_a", c.responseA(), false);
            text(issues, file, line, "response_b", c.responseB(), false);
            if (c.responseA().strip().equals(c.responseB().strip())) {
                issues.add(new LineProblem(file, line, "response_b", "chosen identical to rejected (both responses are the same text)"));
            }
        } else if (f instanceof Rating r) {
            text(issues, file, line, "response", r.response(), false);
        } else if (f instanceof Ranking k) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < k.responses().size(); i++) {
                text(issues, file, line, "responses[" + i + "]", k.responses().get(i), false);
                if (!seen.add(k.responses().get(i).strip())) issues.add(new LineProblem(file, line, "responses[" + i + "]", "duplicate response in a ranking"));
            }
        } else if (f instanceof Critique c) {
            text(issues, file, line, "response", c.response(), false);
            text(issues, file, line, "critique", c.critique(), false);
            if (c.corrected()) {
                text(issues, file, line, "corrected_response", c.correctedResponse(), false);
                if (c.correctedResponse().strip().equals(c.response().strip())) {
                    issues.add(new LineProblem(file, line, "corrected_response", "the correction is identical to the response"));
                }
            }
        } else if (f instanceof Demonstration d) {
            text(issues, file, line, "response", d.response(), false);
        }
        return issues;
    }

    private void text(List<LineProblem> issues, Path file, long line, String field, String value, boolean mayBeEmpty) {
        if (!mayBeEmpty && value.isBlank()) issues.add(new LineProblem(file, line, field, "empty response (only whitespace)"));
        if (value.length() > maxChars) issues.add(new LineProblem(file, line, field, "oversize text: " + value.length() + " characters (limit " + maxChars + ")"));
    }
}
