package org.rlhf4j.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * Every expected value is worked out by hand from sigmoid(x) = 1 / (1 + e^-x):
 * sigmoid(0.5) = 0.622459, sigmoid(-0.5) = 0.377541, sigmoid(1.5) = 0.817574, sigmoid(-1.5) = 0.182426,
 * -log sigmoid(1) = 0.313262, -log sigmoid(0.5) = 0.474077, -log sigmoid(-1) = 1.313262.
 */
class RewardLossTest {
    private static final int[] NONE = {};
    private static final float[] NO_F = {};

    @BeforeAll
    static void engine() {
        Engine.load();
    }

    private static RewardExample pair(float margin) {
        return new RewardExample("p", List.of(new int[] {1}, new int[] {1}), new int[] {1, 1}, new int[] {0}, new int[] {1}, new float[] {margin},
                NONE, NONE, NONE, NONE, null, null);
    }

    private static double total(RewardLoss loss, float[] rewards, int heads, List<RewardExample> examples, List<float[]> masks, float[] cuts) {
        try (Scope s = Scope.open()) {
            RewardBatch b = RewardBatch.of(examples, heads, masks);
            Tensor r = TensorData.floats(rewards, rewards.length / heads, heads);
            Tensor c = cuts == null ? null : TensorData.floats(cuts, heads, 4);
            return TensorData.scalar(loss.compute(r, b, c).total());
        }
    }

    private static final RewardLoss PLAIN = new RewardLoss(1, 1, RatingLoss.ORDINAL, 0);

    @Test
    void bradleyTerryWithAndWithoutMargin() {
        // r_chosen 1, r_rejected 0: -log sigmoid(1) = 0.313262; with margin 0.5: -log sigmoid(0.5) = 0.474077.
        assertThat(total(PLAIN, new float[] {1, 0}, 1, List.of(pair(0)), null, null)).isCloseTo(0.313262, within(1e-5));
        assertThat(total(PLAIN, new float[] {1, 0}, 1, List.of(pair(0.5f)), null, null)).isCloseTo(0.474077, within(1e-5));
    }

    @Test
    void rankingPairsAreAveragedWithinTheRanking() {
        // Ranking of 3 (best first), rewards 2, 1, 0: pairs (2,1), (2,0), (1,0) with gaps 1, 2, 1:
        // (0.313262 + 0.126928 + 0.313262) / 3 = 0.251151  [-log sigmoid(2) = log(1 + e^-2) = 0.126928].
        // With a comparison (gap -1: 1.313262) in the same batch, each example weighs the same:
        // (0.251151 + 1.313262) / 2 = 0.782207, not (3 * 0.251151 + 1.313262) / 4.
        RewardExample ranking = new RewardExample("r", List.of(new int[] {1}, new int[] {1}, new int[] {1}), new int[] {1, 1, 1},
                new int[] {0, 0, 1}, new int[] {1, 2, 2}, new float[] {0, 0, 0}, NONE, NONE, NONE, NONE, null, null);
        assertThat(total(PLAIN, new float[] {2, 1, 0}, 1, List.of(ranking), null, null)).isCloseTo(0.251151, within(1e-5));
        assertThat(total(PLAIN, new float[] {2, 1, 0, 0, 1}, 1, List.of(ranking, pair(0)), null, null)).isCloseTo(0.782207, within(1e-5));
    }

    @Test
    void tiesPullRewardsTogetherAndAreNotWins() {
        // Tie with rewards 1, 0: (0.313262 + 1.313262) / 2 - log 2 = 0.120115; equal rewards: 0.
        RewardExample tie = new RewardExample("t", List.of(new int[] {1}, new int[] {1}), new int[] {1, 1}, NONE, NONE, NO_F,
                new int[] {0}, new int[] {1}, NONE, NONE, null, null);
        assertThat(total(PLAIN, new float[] {1, 0}, 1, List.of(tie), null, null)).isCloseTo(0.120115, within(1e-5));
        assertThat(total(PLAIN, new float[] {0.4f, 0.4f}, 1, List.of(tie), null, null)).isCloseTo(0, within(1e-6));
        assertThat(total(new RewardLoss(0.5, 1, RatingLoss.ORDINAL, 0), new float[] {1, 0}, 1, List.of(tie), null, null)).isCloseTo(0.0600575, within(1e-5));
    }

    @Test
    void centringPenalisesThePairsMeanReward() {
        // Pair (1, 0), coefficient 0.01: 0.313262 + 0.01 * (1 + 0)^2 = 0.323262; pair (0.5, -0.5): no centring penalty,
        // BT term the same 0.313262.
        RewardLoss centred = new RewardLoss(1, 1, RatingLoss.ORDINAL, 0.01);
        assertThat(total(centred, new float[] {1, 0}, 1, List.of(pair(0)), null, null)).isCloseTo(0.323262, within(1e-5));
        assertThat(total(centred, new float[] {0.5f, -0.5f}, 1, List.of(pair(0)), null, null)).isCloseTo(0.313262, within(1e-5));
    }

    private static RewardExample rating(int stars) {
        return new RewardExample("s", List.of(new int[] {1}), new int[] {1}, NONE, NONE, NO_F, NONE, NONE, new int[] {0}, new int[] {stars}, null, null);
    }

    @Test
    void ordinalRatingLoss() {
        // Cuts -1.5, -0.5, 0.5, 1.5 and r = 0:
        //   3 stars: P = sigmoid(0.5) - sigmoid(-0.5) = 0.244919 -> -ln(0.25 * 0.979674) = 1.386294 + 0.020535 = 1.406829
        //   1 star:  P = sigmoid(-1.5) = 0.182426 -> 1.701413;   5 stars: P = 1 - sigmoid(1.5) = 0.182426 -> 1.701413
        // r = 1, 5 stars: P = 1 - sigmoid(0.5) = 0.377541 -> 0.974077
        float[] cuts = {-1.5f, -0.5f, 0.5f, 1.5f};
        assertThat(total(PLAIN, new float[] {0}, 1, List.of(rating(3)), null, cuts)).isCloseTo(1.406829, within(1e-5));
        assertThat(total(PLAIN, new float[] {0}, 1, List.of(rating(1)), null, cuts)).isCloseTo(1.701413, within(1e-5));
        assertThat(total(PLAIN, new float[] {0}, 1, List.of(rating(5)), null, cuts)).isCloseTo(1.701413, within(1e-5));
        assertThat(total(PLAIN, new float[] {1}, 1, List.of(rating(5)), null, cuts)).isCloseTo(0.974077, within(1e-5));
    }

    @Test
    void regressionRatingLoss() {
        // 5 stars -> target 2; r = 0.5: (0.5 - 2)^2 = 2.25. 3 stars -> target 0; r = -1: 1.
        RewardLoss reg = new RewardLoss(1, 1, RatingLoss.REGRESSION, 0);
        assertThat(total(reg, new float[] {0.5f}, 1, List.of(rating(5)), null, null)).isCloseTo(2.25, within(1e-6));
        assertThat(total(reg, new float[] {0.5f, -1f}, 1, List.of(rating(5), rating(3)), null, null)).isCloseTo((2.25 + 1) / 2, within(1e-6));
    }

    @Test
    void headMasksGiveEachHeadItsOwnSubset() {
        // Two heads, two comparisons. Head 0 sees both, head 1 only the second.
        // Scores: pair 1 (1, 0) on both heads; pair 2 (0, 1) on both heads.
        // Head 0: 0.313262 and 1.313262; head 1: 1.313262. Weighted mean over (term, head): (0.313262 + 1.313262 + 1.313262) / 3 = 0.979929.
        float[] rewards = {1, 1, 0, 0, 0, 0, 1, 1};
        List<float[]> masks = List.of(new float[] {1, 0}, new float[] {1, 1});
        assertThat(total(PLAIN, rewards, 2, List.of(pair(0), pair(0)), masks, null)).isCloseTo(0.979929, within(1e-5));
    }
}
