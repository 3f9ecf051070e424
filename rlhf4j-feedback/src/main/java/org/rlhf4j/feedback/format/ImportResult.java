package org.rlhf4j.feedback.format;

import org.rlhf4j.feedback.LineProblem;
import java.util.List;

/**
 * What an import produced: the records, the lines that could not be imported, and notes on lines
 * that were imported but treated specially. Nothing is dropped silently: every input line ends up
 * as a record, a problem, or both a record and a note.
 */
public record ImportResult<T>(List<T> records, List<LineProblem> problems, List<ImportNote> notes) {
    public ImportResult {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** True when every line was imported. */
    public boolean clean() {
        return problems.isEmpty();
    }

    /** How many notes of one kind were made. */
    public long noteCount(String kind) {
        return notes.stream().filter(n -> n.kind().equals(kind)).count();
    }
}
