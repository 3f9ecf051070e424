/**
 * Reading any supported feedback file into records and issues ({@link FeedbackFiles}), and the
 * data-quality rules that valid records can still break ({@link FeedbackValidator}): identical
 * responses, blank text, oversize text. Every issue names the file, the line, the field and the
 * reason. {@code rlhf4j data validate} prints them and can split good records from bad lines.
 */
package org.rlhf4j.feedback.validate;
