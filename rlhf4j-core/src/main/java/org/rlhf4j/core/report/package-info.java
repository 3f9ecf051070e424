/**
 * What people look at after a run: line charts and histograms written as standalone SVG (no AWT,
 * fonts or image libraries, so they render identically on headless CI machines and in any
 * browser), and an HTML report per run that links them with the run's figures and files. In core
 * because every training module (pretraining, SFT, reward models, control) writes them.
 */
package org.rlhf4j.core.report;
