/**
 * Rewards learned from people's comparisons of trajectory clips, and policies trained on them:
 * deep RL from human preferences (Christiano et al. 2017), in the shape of the {@code imitation}
 * library's {@code PreferenceComparisons}.
 *
 * <ul>
 *   <li>{@link org.rlhf4j.control.preference.PreferenceLearning}: the loop around PPO or A2C:
 *       initial queries on the untrained policy's clips, then query rounds while the policy trains
 *       on the learned reward, with a true-reward evaluation after each round for the report.</li>
 *   <li>{@link org.rlhf4j.control.preference.TrajectoryRecorder} and
 *       {@link org.rlhf4j.control.preference.Segment}: clips of recent episodes; after a
 *       termination a clip continues in an absorbing state, so clips are comparable whatever
 *       their episode did.</li>
 *   <li>{@link org.rlhf4j.control.preference.PreferenceRewardModel}: an ensemble on (observation,
 *       action), Bradley-Terry loss, online bootstrap
 *       ({@link org.rlhf4j.control.preference.PreferenceDataset}), disagreement for choosing queries,
 *       and a normalisation that keeps "the episode ended" at 0.</li>
 *   <li>Teachers: {@link org.rlhf4j.control.preference.SimulatedTeacher} (the feedback module's
 *       simulated annotator scoring true returns) and
 *       {@link org.rlhf4j.control.preference.TerminalTeacher} (a person, clips as text frames).</li>
 *   <li>{@link org.rlhf4j.control.preference.ComparisonLog}: every answer appended to a file as it comes.</li>
 * </ul>
 */
package org.rlhf4j.control.preference;
