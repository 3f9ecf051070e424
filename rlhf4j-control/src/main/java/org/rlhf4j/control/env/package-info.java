/**
 * Classic-control reinforcement-learning environments with Gymnasium 1.x dynamics, for users
 * coming from Gymnasium and stable-baselines3 (SB3).
 *
 * <h2>Environments</h2>
 * {@link org.rlhf4j.control.env.CartPole} ({@code CartPole-v1}; Barto, Sutton &amp; Anderson 1983),
 * {@link org.rlhf4j.control.env.MountainCar} ({@code MountainCar-v0}; Moore 1990),
 * {@link org.rlhf4j.control.env.Acrobot} ({@code Acrobot-v1}; Sutton 1996) and
 * {@link org.rlhf4j.control.env.Pendulum} ({@code Pendulum-v1}) reproduce the equations,
 * constants, operation order, initial-state distributions, rewards, termination and time limits
 * of {@code gymnasium/envs/classic_control/*.py}; {@link org.rlhf4j.control.env.Environments#make}
 * creates them by id. State is double precision (Gymnasium's float64) and observations are
 * float32, as in Gymnasium. Each class has {@code setState}/{@code state()} to place and inspect
 * the exact state (Gymnasium: {@code env.unwrapped.state}).
 *
 * <h2>Why this API shape</h2>
 * Classic-control dynamics cost tens of nanoseconds per step, so anything allocated per step
 * (an observation array, a result tuple, a boxed reward) would dominate. Hence
 * {@link org.rlhf4j.control.env.Environment}:
 * <ul>
 *   <li>writes observations into a caller-provided {@code float[]} at an offset: float32 is what
 *       Gymnasium returns and what a learner's tensors take, and the offset lets
 *       {@link org.rlhf4j.control.env.VectorEnvironment} point each copy at its slice of one flat
 *       {@code numEnvs * observationSize} buffer, ready for a single bulk copy into a tensor;</li>
 *   <li>reports reward and end flags in a caller-owned, reused
 *       {@link org.rlhf4j.control.env.StepResult} instead of returning a new object;</li>
 *   <li>takes discrete actions as {@code int} and continuous ones as {@code float[]}, so the
 *       common discrete case has no array at all.</li>
 * </ul>
 * The cost is that buffers are overwritten by the next call; copy what must outlive a step.
 *
 * <h2>Episode semantics</h2>
 * As in Gymnasium, {@code terminated} (terminal MDP state: do not bootstrap) is kept apart from
 * {@code truncated} (time limit: bootstrap from the final observation). Stepping before
 * {@code reset} or after the episode ended throws {@link java.lang.IllegalStateException};
 * an invalid action or a too-small buffer throws {@link java.lang.IllegalArgumentException}
 * naming the environment and the allowed range. {@code reset(seed, ...)} re-seeds a
 * {@link java.util.SplittableRandom}; {@code reset(...)} continues it. The random stream is not
 * numpy's, so seeds give different (equally distributed) initial states than in Python.
 *
 * <h2>Vectorisation and monitoring</h2>
 * {@link org.rlhf4j.control.env.VectorEnvironment} follows SB3's {@code DummyVecEnv}: seeds
 * {@code seed + i}, same-step auto-reset, final observations kept for bootstrapping.
 * {@link org.rlhf4j.control.env.EpisodeStatistics} plays SB3's {@code Monitor} and
 * {@code ep_info_buffer}.
 *
 * <h2>Own tasks</h2>
 * Extend {@link org.rlhf4j.control.env.AbstractEnvironment}: it does argument checks, seeding and
 * the time limit; the subclass supplies the initial-state sampler, the transition and the
 * observation. {@link org.rlhf4j.control.env.Environment#renderText()} and
 * {@link org.rlhf4j.control.env.TextFrames} give small terminal pictures for comparing
 * trajectory segments.
 */
package org.rlhf4j.control.env;
