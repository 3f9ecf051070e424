package org.rlhf4j.control.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rlhf4j.control.env.Space;

/**
 * Writes the format-version-1 fixture that {@link PolicyFileTest#loadsAVersionOneFile} reads and
 * prints the numbers it checks (run once, when the fixture was made; kept to show how):
 * {@code MAIN=org.rlhf4j.control.policy.PolicyFileFixture ./run.sh -- src/test/resources/policy/pendulum-policy-v1.safetensors}
 */
public final class PolicyFileFixture {
    static final float[] OBSERVATION = {0.6f, -0.8f, 1.5f};

    static ActorCriticPolicy policy() {
        ActorCriticPolicy policy = new ActorCriticPolicy(3, Space.Box.symmetric(2f), new PolicyConfig(List.of(8), List.of(8), -0.5, true),
                new SplittableRandom(2024));
        // move the heads off their tiny initial weights so that the golden numbers are not all near 0
        float[] head = policy.actor().weight(1);
        for (int i = 0; i < head.length; i++) head[i] *= 50;
        policy.actor().setWeight(1, head);
        policy.logStd()[0] = -0.25f;
        return policy;
    }

    public static void main(String[] args) throws Exception {
        ActorCriticPolicy policy = policy();
        PolicyFile.save(policy, Path.of(args[0]), Map.of("algorithm", "ppo"));
        float[] mean = new float[1], value = new float[1];
        policy.predict(OBSERVATION, 1, true, null, mean);
        policy.predictValues(OBSERVATION, 0, 1, value, 0);
        System.out.printf("mean %.9g value %.9g%n", mean[0], value[0]);
    }
}
