/**
 * The formats people already have, in and out: Anthropic HH-RLHF transcripts ({@code chosen} /
 * {@code rejected}; the prompt is the shared prefix up to the last {@code "\n\nAssistant:"}), TRL
 * preference data (plain, conversational, implicit prompt), TRL unpaired/KTO examples, Alpaca
 * and Self-Instruct seed tasks. Readers stream {@code .jsonl} or {@code .jsonl.gz}, report every
 * bad line with file, line and field, and keep the good lines around it; lines imported with a
 * special case (a prompt mismatch, a trimmed prompt) are kept and noted, never silently altered.
 */
package org.rlhf4j.feedback.format;
