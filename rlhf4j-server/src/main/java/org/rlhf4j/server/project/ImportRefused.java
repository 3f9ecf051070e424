package org.rlhf4j.server.project;

import java.util.List;
import org.rlhf4j.core.UserError;

/** An import that stored nothing, with every bad line as {@code file:line: field "f": what was wrong}. */
public final class ImportRefused extends UserError {
    private static final long serialVersionUID = 1L;
    static final int SHOWN = 20;

    private final List<String> problems;

    ImportRefused(String file, List<String> problems) {
        super(file + ": nothing imported, " + problems.size() + " bad line" + (problems.size() == 1 ? "" : "s") + ": "
                + String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size()))) + (problems.size() > SHOWN ? "; ..." : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
