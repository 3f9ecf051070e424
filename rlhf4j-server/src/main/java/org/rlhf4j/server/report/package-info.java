/**
 * What admins take away: exports (feedback store JSON Lines, TRL, HH-RLHF) and dashboards
 * (throughput, per-annotator counts and times, honeypot accuracy, agreement and length bias from
 * rlhf4j-feedback's statistics).
 */
package org.rlhf4j.server.report;
