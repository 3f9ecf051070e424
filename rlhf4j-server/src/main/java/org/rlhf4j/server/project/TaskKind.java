package org.rlhf4j.server.project;

/** What annotators do with each item of a project, and how many responses an item holds. */
public enum TaskKind {
    /** Two responses: A, B, tie or both bad, with an optional strength for a decisive choice. */
    COMPARISON(2, 2),
    /** One response: 1-5 stars overall, and 1-5 on each of the project's named criteria. */
    RATING(1, 1),
    /** K responses (2..{@value ProjectSpec#MAX_RESPONSES}), ranked best first. */
    RANKING(2, ProjectSpec.MAX_RESPONSES),
    /** One response: a written critique and, optionally, a corrected response. */
    CRITIQUE(1, 1),
    /**
     * Two clips of a control task (CartPole), posted by a training run ({@code rlhf4j control train
     * --teacher web}) and drawn on a canvas: A, B or equally good. The item's two responses are the
     * clips as JSON ({@link org.rlhf4j.server.clips.ClipJson}); items come only from the run, never
     * from an import.
     */
    CLIPS(2, 2);

    private final int minResponses, maxResponses;

    TaskKind(int minResponses, int maxResponses) {
        this.minResponses = minResponses;
        this.maxResponses = maxResponses;
    }

    public int minResponses() {
        return minResponses;
    }

    public int maxResponses() {
        return maxResponses;
    }

    public String dbName() {
        return name().toLowerCase();
    }

    public static TaskKind parse(String field, String s) {
        for (TaskKind k : values()) {
            if (k.dbName().equals(s)) return k;
        }
        throw new IllegalArgumentException(field + " must be one of comparison, rating, ranking, critique, clips; got " + (s == null ? "nothing" : "'" + s + "'"));
    }
}
