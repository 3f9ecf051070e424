/**
 * DQN for classic control with stable-baselines3's hyperparameter names, defaults and loop, plus
 * a double-DQN option.
 *
 * <p>Deep Q-learning (Mnih et al. 2015, "Human-level control through deep reinforcement
 * learning", https://doi.org/10.1038/nature14236) learns the action values Q(s, a) from a replay
 * buffer of past transitions, regressing Q(s, a) on the TD target r + gamma max_a' Q_target(s', a')
 * of a periodically copied target network, and acts epsilon-greedily. Double DQN (van Hasselt,
 * Guez and Silver 2016, "Deep Reinforcement Learning with Double Q-learning",
 * https://arxiv.org/abs/1509.06461) chooses a' with the online network and evaluates it with the
 * target network, curbing overestimation; here it is {@code DqnConfig.doubleQ}.
 *
 * <p>Files: {@link org.rlhf4j.control.dqn.DqnConfig} (SB3 defaults, validated),
 * {@link org.rlhf4j.control.dqn.DqnLoss} (TD target and Huber loss with its gradient, pure),
 * {@link org.rlhf4j.control.dqn.ReplayBuffer} (SB3 semantics: truncation bootstraps),
 * {@link org.rlhf4j.control.dqn.QNetwork} (plain-Java MLP, safetensors save/load),
 * {@link org.rlhf4j.control.dqn.DqnTrainer} (collect, train, target update, metrics),
 * {@link org.rlhf4j.control.dqn.GreedyEvaluation}. In the pipeline this sits in
 * {@code rlhf4j-control} beside PPO: control tasks where rewards come from the environment, the
 * testbed for the preference-based variants.
 *
 * <p>The networks run on {@code org.rlhf4j.control.nn} (JDK Vector API kernels); the JVM needs
 * {@code --add-modules jdk.incubator.vector} for full speed and falls back to plain loops without it.
 */
package org.rlhf4j.control.dqn;
