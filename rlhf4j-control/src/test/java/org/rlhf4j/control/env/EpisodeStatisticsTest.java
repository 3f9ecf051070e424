package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpisodeStatisticsTest {

    @Test
    void emptyStatisticsHaveNanMeansLikeSb3SafeMean() {
        EpisodeStatistics statistics = new EpisodeStatistics(1);
        assertThat(statistics.meanReturn()).isNaN();
        assertThat(statistics.meanLength()).isNaN();
        assertThat(statistics.totalEpisodes()).isZero();
        assertThat(statistics.recentEpisodes()).isEmpty();
        assertThat(statistics.windowSize()).isEqualTo(100);
    }

    @Test
    void closesAnEpisodeOnTheEndingStep() {
        EpisodeStatistics statistics = new EpisodeStatistics(1);
        statistics.observeStep(0, 1.0, false);
        statistics.observeStep(0, 2.5, false);
        assertThat(statistics.totalEpisodes()).isZero();
        statistics.observeStep(0, -0.5, true);
        assertThat(statistics.totalEpisodes()).isEqualTo(1);
        assertThat(statistics.totalSteps()).isEqualTo(3);
        assertThat(statistics.recentEpisodes()).containsExactly(new EpisodeStatistics.Episode(3.0, 3));
        assertThat(statistics.meanReturn()).isEqualTo(3.0);
        assertThat(statistics.meanLength()).isEqualTo(3.0);
    }

    @Test
    void copiesKeepSeparateRunningEpisodes() {
        EpisodeStatistics statistics = new EpisodeStatistics(2);
        statistics.observeStep(0, 1, false);
        statistics.observeStep(1, 10, false);
        statistics.observeStep(1, 10, true);  // copy 1: return 20, length 2
        statistics.observeStep(0, 1, false);
        statistics.observeStep(0, 1, true);   // copy 0: return 3, length 3
        assertThat(statistics.recentEpisodes()).containsExactly(new EpisodeStatistics.Episode(20, 2),
                new EpisodeStatistics.Episode(3, 3));
        assertThat(statistics.meanReturn()).isEqualTo(11.5);
        assertThat(statistics.meanLength()).isEqualTo(2.5);
    }

    @Test
    void windowKeepsOnlyTheMostRecentEpisodes() {
        EpisodeStatistics statistics = new EpisodeStatistics(1, 3);
        for (int episode = 1; episode <= 5; episode++) {
            for (int step = 1; step <= episode; step++) {
                statistics.observeStep(0, 1.0, step == episode); // episode k: return k, length k
            }
        }
        assertThat(statistics.totalEpisodes()).isEqualTo(5);
        assertThat(statistics.totalSteps()).isEqualTo(15);
        assertThat(statistics.windowCount()).isEqualTo(3);
        assertThat(statistics.recentEpisodes()).extracting(EpisodeStatistics.Episode::length).containsExactly(3, 4, 5);
        assertThat(statistics.meanReturn()).isEqualTo(4.0);
    }

    @Test
    void defaultWindowIsOneHundredLikeSb3() {
        EpisodeStatistics statistics = new EpisodeStatistics(1);
        for (int episode = 0; episode < 150; episode++) {
            statistics.observeStep(0, episode, true); // one-step episodes with return = index
        }
        assertThat(statistics.windowCount()).isEqualTo(100);
        // mean of 50..149 = 99.5
        assertThat(statistics.meanReturn()).isEqualTo(99.5);
        assertThat(statistics.recentEpisodes().get(0).episodeReturn()).isEqualTo(50.0);
    }

    @Test
    void discardDropsTheRunningEpisodeButNotItsSteps() {
        EpisodeStatistics statistics = new EpisodeStatistics(1);
        statistics.observeStep(0, 5, false);
        statistics.discardRunningEpisode(0);
        statistics.observeStep(0, 1, true);
        assertThat(statistics.recentEpisodes()).containsExactly(new EpisodeStatistics.Episode(1, 1));
        assertThat(statistics.totalSteps()).isEqualTo(2);
    }

    @Test
    void vectorResetDiscardsUnfinishedEpisodes() {
        VectorEnvironment vector = VectorEnvironment.make("CartPole-v1", 1);
        vector.reset(0L);
        vector.step(new int[] {0});
        vector.step(new int[] {1});
        vector.reset(0L);
        ((CartPole) vector.environment(0)).setState(2.39, 1.0, 0, 0);
        vector.step(new int[] {1});
        assertThat(vector.statistics().recentEpisodes()).containsExactly(new EpisodeStatistics.Episode(1.0, 1));
        assertThat(vector.statistics().totalSteps()).isEqualTo(3);
    }

    @Test
    void rejectsEmptyConfiguration() {
        assertThatThrownBy(() -> new EpisodeStatistics(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EpisodeStatistics(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
