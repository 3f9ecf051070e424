package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every misuse fails fast with the right exception type and a message naming env and allowed range. */
class BadInputTest {

    private static CartPole resetCartPole() {
        CartPole env = new CartPole();
        env.reset(0L, new float[4]);
        return env;
    }

    private static Pendulum resetPendulum() {
        Pendulum env = new Pendulum();
        env.reset(0L, new float[3]);
        return env;
    }

    private static CartPole terminatedCartPole() {
        CartPole env = resetCartPole();
        env.setState(2.39, 1.0, 0, 0);
        env.step(1, new float[4], new StepResult());
        return env;
    }

    private static Pendulum truncatedPendulum() {
        Pendulum env = resetPendulum();
        for (int i = 0; i < 200; i++) {
            env.step(new float[] {0f}, new float[3], new StepResult());
        }
        return env;
    }

    private static Arguments row(String description, ThrowingCallable call, Class<? extends Throwable> type,
            String... messageFragments) {
        return Arguments.of(description, call, type, messageFragments);
    }

    static Stream<Arguments> cases() {
        StepResult r = new StepResult();
        return Stream.of(
                row("CartPole action 2", () -> resetCartPole().step(2, new float[4], r),
                        IllegalArgumentException.class, "CartPole-v1", "action 2", "Discrete(2)", "0..1"),
                row("CartPole action -1", () -> resetCartPole().step(-1, new float[4], r),
                        IllegalArgumentException.class, "CartPole-v1", "action -1", "0..1"),
                row("MountainCar action 3", () -> {
                    MountainCar env = new MountainCar();
                    env.reset(0L, new float[2]);
                    env.step(3, new float[2], r);
                }, IllegalArgumentException.class, "MountainCar-v0", "0..2"),
                row("Acrobot action 3", () -> {
                    Acrobot env = new Acrobot();
                    env.reset(0L, new float[6]);
                    env.step(3, new float[6], r);
                }, IllegalArgumentException.class, "Acrobot-v1", "0..2"),
                row("float action on a discrete env", () -> resetCartPole().step(new float[] {1f}, new float[4], r),
                        IllegalArgumentException.class, "CartPole-v1", "discrete action space", "step(int"),
                row("int action on a continuous env", () -> resetPendulum().step(1, new float[3], r),
                        IllegalArgumentException.class, "Pendulum-v1", "continuous action space", "-2.0", "2.0"),
                row("Pendulum action of length 2", () -> resetPendulum().step(new float[] {0f, 0f}, new float[3], r),
                        IllegalArgumentException.class, "Pendulum-v1", "1 component", "got 2"),
                row("Pendulum empty action", () -> resetPendulum().step(new float[0], new float[3], r),
                        IllegalArgumentException.class, "Pendulum-v1", "got 0"),
                row("Pendulum NaN action", () -> resetPendulum().step(new float[] {Float.NaN}, new float[3], r),
                        IllegalArgumentException.class, "Pendulum-v1", "NaN"),
                row("observation buffer too small on reset", () -> new CartPole().reset(0L, new float[3]),
                        IllegalArgumentException.class, "CartPole-v1", "needs 4 floats", "length is 3"),
                row("observation buffer too small on step", () -> resetCartPole().step(0, new float[2], r),
                        IllegalArgumentException.class, "needs 4 floats"),
                row("offset leaves too little room", () -> resetCartPole().step(0, new float[8], 5, r),
                        IllegalArgumentException.class, "from offset 5", "length is 8"),
                row("negative offset", () -> new CartPole().reset(new float[8], -1),
                        IllegalArgumentException.class, "from offset -1"),
                row("null observation buffer", () -> new CartPole().reset(0L, null),
                        NullPointerException.class, "observation"),
                row("null step result", () -> resetCartPole().step(0, new float[4], null),
                        NullPointerException.class, "result"),
                row("null continuous action", () -> resetPendulum().step((float[]) null, new float[3], r),
                        NullPointerException.class, "action"),
                row("step before reset", () -> new CartPole().step(0, new float[4], r),
                        IllegalStateException.class, "CartPole-v1", "reset() has not been called", "call reset()"),
                row("step after termination", () -> terminatedCartPole().step(0, new float[4], r),
                        IllegalStateException.class, "terminated", "call reset()"),
                row("step after truncation", () -> truncatedPendulum().step(new float[] {0f}, new float[3], r),
                        IllegalStateException.class, "truncated", "call reset()"),
                row("CartPole setState with 3 values", () -> new CartPole().setState(0, 0, 0),
                        IllegalArgumentException.class, "x, xDot, theta, thetaDot", "got 3"),
                row("MountainCar setState with 4 values", () -> new MountainCar().setState(0, 0, 0, 0),
                        IllegalArgumentException.class, "position, velocity"),
                row("unknown environment id", () -> Environments.make("LunarLander-v3"),
                        IllegalArgumentException.class, "LunarLander-v3", "Known ids", "CartPole-v1", "Pendulum-v1"),
                row("vector step before reset", () -> VectorEnvironment.make("CartPole-v1", 2).step(new int[] {0, 0}),
                        IllegalStateException.class, "reset()"),
                row("vector with wrong action count", () -> {
                    VectorEnvironment vector = VectorEnvironment.make("CartPole-v1", 2);
                    vector.reset(0L);
                    vector.step(new int[] {0});
                }, IllegalArgumentException.class, "need 2 actions, got 1"),
                row("vector with continuous actions of wrong length", () -> {
                    VectorEnvironment vector = VectorEnvironment.make("Pendulum-v1", 2);
                    vector.reset(0L);
                    vector.step(new float[] {0f, 0f, 0f});
                }, IllegalArgumentException.class, "2 x 1 = 2 action floats, got 3"),
                row("vector of zero copies", () -> VectorEnvironment.make("CartPole-v1", 0),
                        IllegalArgumentException.class, "count >= 1"),
                row("Discrete(0)", () -> new Space.Discrete(0), IllegalArgumentException.class, "n >= 1"),
                row("Box with mismatched bounds", () -> new Space.Box(new float[2], new float[3]),
                        IllegalArgumentException.class, "equal length"),
                row("Box with low > high", () -> new Space.Box(new float[] {1f}, new float[] {0f}),
                        IllegalArgumentException.class, "bound 0"),
                row("negative time limit", () -> new CartPole("x", CartPole.Config.DEFAULT.withMaxEpisodeSteps(-1)),
                        IllegalArgumentException.class, "maxEpisodeSteps"),
                row("duplicate registration", () -> Environments.register("CartPole-v1", CartPole::new),
                        IllegalArgumentException.class, "already registered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejects(String description, ThrowingCallable call, Class<? extends Throwable> type, String[] fragments) {
        var thrown = assertThatThrownBy(call).isInstanceOf(type);
        for (String fragment : List.of(fragments)) {
            thrown.hasMessageContaining(fragment);
        }
    }
}
