/**
 * What every run directory is made of, independent of the tensor engine:
 * <ul>
 *   <li>{@link org.rlhf4j.core.run.AtomicDirectory}: checkpoints written to a temporary
 *       directory and renamed into place, with crash recovery;
 *   <li>{@link org.rlhf4j.core.run.Provenance}: the {@code run.json} beside every artifact
 *       (config, seeds, data hashes, parent checkpoint, versions);
 *   <li>{@link org.rlhf4j.core.run.MetricsSink}: {@code metrics.jsonl}, one JSON object per step;
 *   <li>{@link org.rlhf4j.core.run.SeedStreams}: a run's seed split into named streams;
 *   <li>{@link org.rlhf4j.core.run.ProgressBar}: terminal progress, plain lines in logs and CI.
 * </ul>
 */
package org.rlhf4j.core.run;
