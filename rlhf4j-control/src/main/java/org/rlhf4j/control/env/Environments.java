package org.rlhf4j.control.env;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Registry of environment ids, like {@code gymnasium.make}. Built in: {@code CartPole-v1},
 * {@code CartPole-v0} (200-step limit), {@code MountainCar-v0}, {@code Acrobot-v1},
 * {@code Pendulum-v1}, each with Gymnasium 1.x's default parameters and time limit.
 * Thread-safe.
 */
public final class Environments {
    private static final Map<String, Supplier<? extends Environment>> FACTORIES = new TreeMap<>();

    static {
        FACTORIES.put("CartPole-v1", CartPole::new);
        FACTORIES.put("CartPole-v0", () -> new CartPole("CartPole-v0", CartPole.Config.DEFAULT.withMaxEpisodeSteps(200)));
        FACTORIES.put("MountainCar-v0", MountainCar::new);
        FACTORIES.put("Acrobot-v1", Acrobot::new);
        FACTORIES.put("Pendulum-v1", Pendulum::new);
    }

    private Environments() {
    }

    /**
     * A new, not yet reset instance of environment {@code id}.
     *
     * @throws IllegalArgumentException for an unknown id; the message lists the known ids
     */
    public static Environment make(String id) {
        Objects.requireNonNull(id, "id");
        Supplier<? extends Environment> factory;
        synchronized (FACTORIES) {
            factory = FACTORIES.get(id);
            if (factory == null) {
                String hint = "";
                for (String known : FACTORIES.keySet()) {
                    if (known.toLowerCase(Locale.ROOT).equals(id.trim().toLowerCase(Locale.ROOT))) {
                        hint = " (ids are case-sensitive: did you mean '" + known + "'?)";
                    }
                }
                throw new IllegalArgumentException("Unknown environment id '" + id + "'" + hint + ". Known ids: "
                        + String.join(", ", FACTORIES.keySet()));
            }
        }
        return factory.get();
    }

    /**
     * Registers a user environment under {@code id}, so {@link #make} and
     * {@link VectorEnvironment#make} can create it.
     *
     * @throws IllegalArgumentException if {@code id} is already registered
     */
    public static void register(String id, Supplier<? extends Environment> factory) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(factory, "factory");
        synchronized (FACTORIES) {
            if (FACTORIES.containsKey(id)) {
                throw new IllegalArgumentException("Environment id '" + id + "' is already registered");
            }
            FACTORIES.put(id, factory);
        }
    }

    /** Registered ids, sorted; an immutable snapshot. */
    public static List<String> ids() {
        synchronized (FACTORIES) {
            return List.copyOf(FACTORIES.keySet());
        }
    }
}
