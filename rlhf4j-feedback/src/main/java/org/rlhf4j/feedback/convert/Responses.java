package org.rlhf4j.feedback.convert;

import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Feedback;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;
import org.rlhf4j.feedback.simulate.PromptResponse;

/** Every (prompt, response) a feedback record holds, judged or written, in record order. */
public final class Responses {
    private Responses() {}

    /** Both responses of a comparison, all of a ranking, the one of a rating or demonstration, a critique's response and its correction. */
    public static List<PromptResponse> of(Feedback f) {
        List<PromptResponse> out = new ArrayList<>();
        if (f instanceof Comparison c) {
            out.add(new PromptResponse(c.prompt(), c.responseA()));
            out.add(new PromptResponse(c.prompt(), c.responseB()));
        } else if (f instanceof Ranking r) {
            for (String s : r.responses()) out.add(new PromptResponse(r.prompt(), s));
        } else if (f instanceof Rating r) {
            out.add(new PromptResponse(r.prompt(), r.response()));
        } else if (f instanceof Demonstration d) {
            out.add(new PromptResponse(d.prompt(), d.response()));
        } else if (f instanceof Critique c) {
            out.add(new PromptResponse(c.prompt(), c.response()));
            if (c.corrected()) out.add(new PromptResponse(c.prompt(), c.correctedResponse()));
        }
        return out;
    }
}
