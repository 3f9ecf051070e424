package org.rlhf4j.lm.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenChooserTest {
    /** Probabilities (0.05, 0.5, 0.15, 0.3) over ids 0..3, as log-probabilities; sorted order is 1, 3, 2, 0. */
    private static final float[] LOG_PROBS = {(float) Math.log(0.05), (float) Math.log(0.5), (float) Math.log(0.15), (float) Math.log(0.3)};

    private static final float[] PROBS = {0.05f, 0.5f, 0.15f, 0.3f};

    /** Frequencies of each id, choosing alternately with and without precomputed probabilities (both paths must agree). */
    private static double[] frequencies(SamplingConfig c, int draws) {
        TokenChooser chooser = new TokenChooser(c, new SplittableRandom(11));
        double[] f = new double[4];
        for (int i = 0; i < draws; i++) f[chooser.choose(LOG_PROBS, i % 2 == 0 ? PROBS : null, 0, 4)] += 1.0 / draws;
        return f;
    }

    @Test
    void greedyTakesTheMostLikelyToken() {
        assertThat(new TokenChooser(SamplingConfig.greedy(1), new SplittableRandom(1)).choose(LOG_PROBS, 0, 4)).isEqualTo(1);
    }

    @Test
    void candidatesAreSortedByProbability() {
        assertThat(new TokenChooser(new SamplingConfig(1, 1, 0, 0.9, true, 0), new SplittableRandom(1)).candidates(LOG_PROBS, 0, 4)).containsExactly(1, 3, 2, 0);
        assertThat(new TokenChooser(new SamplingConfig(1, 1, 2, 1, true, 0), new SplittableRandom(1)).candidates(LOG_PROBS, 0, 4)).containsExactly(1, 3);
    }

    /** Plain sampling reproduces the distribution: 20,000 draws, each frequency within 0.01 of its probability. */
    @Test
    void plainSamplingFollowsTheProbabilities() {
        assertThat(frequencies(new SamplingConfig(1, 1, 0, 1, true, 0), 20_000)).containsExactly(new double[] {0.05, 0.5, 0.15, 0.3}, within(0.01));
    }

    /** Top-k 2 keeps ids 1 and 3, renormalised: 0.5 / 0.8 = 0.625 and 0.3 / 0.8 = 0.375. */
    @Test
    void topKRenormalisesOverTheKBest() {
        assertThat(frequencies(new SamplingConfig(1, 1, 2, 1, true, 0), 20_000)).containsExactly(new double[] {0, 0.625, 0, 0.375}, within(0.01));
    }

    /**
     * Top-p 0.7: mass before ids 1, 3, 2 is 0, 0.5, 0.8; a token is dropped once the mass before it
     * reaches 0.7, so ids 1 and 3 stay (0.625, 0.375). Top-p 0.45: the mass before id 3 is already
     * 0.5, so only id 1 stays. (Not exactly 0.5: at the boundary, float rounding decides.)
     */
    @Test
    void topPKeepsTheSmallestPrefixReachingP() {
        assertThat(frequencies(new SamplingConfig(1, 1, 0, 0.7, true, 0), 20_000)).containsExactly(new double[] {0, 0.625, 0, 0.375}, within(0.01));
        assertThat(frequencies(new SamplingConfig(1, 1, 0, 0.45, true, 0), 1_000)).containsExactly(new double[] {0, 1, 0, 0}, within(1e-9));
    }
}
