package org.rlhf4j.control.ppo;

import java.util.List;
import org.rlhf4j.control.policy.ActorCriticPolicy;

/** The parameter-change checks of {@link PpoTrainerTest}, for the other trainers' smoke tests. */
public final class PpoTrainerTestAccess {
    private PpoTrainerTestAccess() {}

    public static List<float[]> tensors(ActorCriticPolicy policy) {
        return PpoTrainerTest.tensors(policy);
    }

    public static void assertEveryTensorChanged(List<float[]> before, List<float[]> after) {
        PpoTrainerTest.assertEveryTensorChanged(before, after);
    }
}
