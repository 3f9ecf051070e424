package org.rlhf4j.feedback.format;

/** The file formats this package reads, with the keys that identify each. */
public enum FeedbackFormat {
    HH_RLHF("Anthropic HH-RLHF: {\"chosen\",\"rejected\"} transcripts starting \"\\n\\nHuman:\""),
    TRL_IMPLICIT_PREFERENCE("TRL implicit-prompt preference: {\"chosen\",\"rejected\"} message lists"),
    TRL_PREFERENCE("TRL preference: {\"prompt\",\"chosen\",\"rejected\"}"),
    TRL_UNPAIRED("TRL unpaired (KTO): {\"prompt\",\"completion\",\"label\"}"),
    ALPACA("Alpaca: {\"instruction\",\"input\",\"output\"}"),
    SELF_INSTRUCT_SEED("Self-Instruct seed tasks: {\"instruction\",\"instances\"}");

    private final String description;

    FeedbackFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
