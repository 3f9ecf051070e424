/**
 * Control clips in the browser: {@code rlhf4j control train --feedback preferences --teacher web}
 * asks its preference queries (two CartPole clips of the same length, Christiano et al. 2017) as
 * items of a {@code clips} project, which the annotation page animates on two canvases, and waits
 * for a person's answer. {@link org.rlhf4j.server.clips.ClipQueries} is the database side,
 * {@link org.rlhf4j.server.clips.WebTeacher} the training side, and
 * {@link org.rlhf4j.server.clips.WebTeaching} starts both for a run.
 */
package org.rlhf4j.server.clips;
