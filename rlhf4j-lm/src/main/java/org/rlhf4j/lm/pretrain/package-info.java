/**
 * Pretraining from scratch on a text corpus: read documents, train (or reuse) a byte-level BPE
 * tokenizer, pack the token stream, train the decoder with progress, metrics and atomic
 * checkpoints, and record provenance. {@code rlhf4j pretrain} and {@code rlhf4j demo} call this.
 */
package org.rlhf4j.lm.pretrain;
