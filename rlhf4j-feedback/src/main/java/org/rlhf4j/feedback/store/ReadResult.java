package org.rlhf4j.feedback.store;

import org.rlhf4j.feedback.LineProblem;
import java.util.List;
import org.rlhf4j.feedback.Feedback;

/** Every valid record of a feedback file, in file order, and every line that was skipped. */
public record ReadResult(List<Feedback> records, List<LineProblem> problems) {
    public ReadResult {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }

    /** True when no line was skipped. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
