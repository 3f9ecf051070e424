package org.rlhf4j.feedback.store;

import org.rlhf4j.core.UserError;

/**
 * One line of a feedback file is not a valid record. {@link #field()} names the offending field
 * (null when the line as a whole is wrong, e.g. not JSON) and {@link #detail()} says what was
 * expected and what was found, so a reader can report {@code file:line: field "stars": ...}.
 */
public class FeedbackFormatException extends UserError {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String detail;
    private final boolean notJson;

    /** A field's value is wrong: the message reads {@code field "stars" <detail>}. */
    public FeedbackFormatException(String field, String detail) {
        this(field, detail, message(field, detail), false, null);
    }

    private FeedbackFormatException(String field, String detail, String message, boolean notJson, Throwable cause) {
        super(message, cause);
        this.field = field;
        this.detail = detail;
        this.notJson = notJson;
    }

    static FeedbackFormatException missing(String field) {
        return new FeedbackFormatException(field, "missing");
    }

    /** For a detail that already reads as a sentence about the field, e.g. {@code unknown type "vote"}. */
    static FeedbackFormatException about(String field, String sentence) {
        return new FeedbackFormatException(field, sentence, sentence, false, null);
    }

    static FeedbackFormatException notJson(String detail, Throwable cause) {
        String sentence = "not valid JSON: " + detail;
        return new FeedbackFormatException(null, sentence, sentence, true, cause);
    }

    private static String message(String field, String detail) {
        if (field == null) return detail;
        if (detail.equals("missing")) return "missing field \"" + field + "\"";
        return "field \"" + field + "\" " + detail;
    }

    /** The field at fault, in the file's spelling (e.g. {@code response_a}, {@code prompt[1].role}); null for the whole line. */
    public String field() {
        return field;
    }

    /** What was expected and what was found, without the field name. */
    public String detail() {
        return detail;
    }

    /** True when the text is not JSON at all (as opposed to JSON that is not a valid record). */
    boolean notJson() {
        return notJson;
    }
}
