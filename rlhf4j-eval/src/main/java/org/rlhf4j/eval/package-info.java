/**
 * Reports of whole runs, built from the chart and report primitives of
 * {@code org.rlhf4j.core.report}.
 */
package org.rlhf4j.eval;
