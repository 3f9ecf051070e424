/**
 * Evaluation output people look at: line charts written as standalone SVG (no AWT, fonts or
 * image libraries, so they render identically on headless CI machines and in any browser), and
 * an HTML report per run that links them with the run's figures and files.
 */
package org.rlhf4j.eval;
