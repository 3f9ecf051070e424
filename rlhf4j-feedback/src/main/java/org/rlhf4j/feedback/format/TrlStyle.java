package org.rlhf4j.feedback.format;

/**
 * TRL's two data set styles: plain text ({@code "prompt": "..."}) or conversational (lists of
 * {@code {"role","content"}} messages, to which TRL applies the model's chat template).
 */
public enum TrlStyle {
    PLAIN, CONVERSATIONAL
}
