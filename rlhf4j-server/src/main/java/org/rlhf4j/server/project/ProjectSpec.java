package org.rlhf4j.server.project;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What an admin sets when creating a project.
 *
 * @param name          unique, 1-80 letters, digits, spaces, '.', '_' or '-'
 * @param kind          the task annotators do
 * @param guidelines    Markdown shown above every item (rendered with HTML escaped)
 * @param overlap       how many annotators answer each ordinary item (honeypots go to everyone)
 * @param leaseSeconds  how long an item stays with an annotator before it returns to the queue
 * @param criteria      named 1-5 criteria of a rating project (empty for other kinds)
 */
public record ProjectSpec(String name, TaskKind kind, String guidelines, int overlap, int leaseSeconds, List<String> criteria) {
    public static final int MAX_NAME = 80, MAX_GUIDELINES = 50_000, MAX_OVERLAP = 50, MAX_LEASE_SECONDS = 86_400, MAX_CRITERIA = 10, MAX_CRITERION = 40;
    public static final int MAX_RESPONSES = 8;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0," + (MAX_NAME - 1) + "}");
    private static final Pattern CRITERION = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_CRITERION - 1) + "}");

    public ProjectSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-" + MAX_NAME + " letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        if (kind == null) throw new IllegalArgumentException("kind must be one of comparison, rating, ranking, critique");
        guidelines = guidelines == null ? "" : guidelines;
        if (guidelines.length() > MAX_GUIDELINES) throw new IllegalArgumentException("guidelines must have at most " + MAX_GUIDELINES + " characters, got " + guidelines.length());
        if (overlap < 1 || overlap > MAX_OVERLAP) throw new IllegalArgumentException("overlap must be in 1.." + MAX_OVERLAP + ", got " + overlap);
        if (leaseSeconds < 1 || leaseSeconds > MAX_LEASE_SECONDS) throw new IllegalArgumentException("leaseSeconds must be in 1.." + MAX_LEASE_SECONDS + ", got " + leaseSeconds);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        if (!criteria.isEmpty() && kind != TaskKind.RATING) throw new IllegalArgumentException("criteria apply only to rating projects, not " + kind.dbName());
        if (criteria.size() > MAX_CRITERIA) throw new IllegalArgumentException("criteria must name at most " + MAX_CRITERIA + ", got " + criteria.size());
        for (String c : criteria) {
            if (!CRITERION.matcher(c).matches()) throw new IllegalArgumentException("criteria names must be lower-case letters, digits or '_' (1-" + MAX_CRITERION + "), starting with a letter; got '" + c + "'");
        }
        if (criteria.stream().distinct().count() != criteria.size()) throw new IllegalArgumentException("criteria must not repeat a name: " + criteria);
    }

    /** Ten minutes to answer an item before it goes back to the queue. */
    public static final int DEFAULT_LEASE_SECONDS = 600;
}
