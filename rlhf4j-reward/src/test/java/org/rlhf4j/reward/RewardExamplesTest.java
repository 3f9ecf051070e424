package org.rlhf4j.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.feedback.Attribution;
import org.rlhf4j.feedback.Choice;
import org.rlhf4j.feedback.Comparison;
import org.rlhf4j.feedback.Critique;
import org.rlhf4j.feedback.Demonstration;
import org.rlhf4j.feedback.Prompt;
import org.rlhf4j.feedback.Ranking;
import org.rlhf4j.feedback.Rating;
import org.rlhf4j.lm.chat.ChatTemplate;
import org.rlhf4j.lm.tokenizer.BpeTrainer;
import org.rlhf4j.lm.tokenizer.BpeTrainerConfig;
import org.rlhf4j.lm.tokenizer.Tokenizer;

class RewardExamplesTest {
    @TempDir
    static Path dir;
    static Tokenizer tokenizer;
    static final Prompt P = Prompt.of("where is my order?");
    static final Attribution WHO = Attribution.of("ann", null, "test");

    @BeforeAll
    static void train() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        BpeTrainer.train(List.of("Customer: where is my order?\nAgent: It ships today. Sorry about that."), BpeTrainerConfig.defaults().withVocabSize(300)).write(file);
        tokenizer = Tokenizer.load(file);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static RewardExamples encoder(boolean margins, RatingLoss ratings, int maxLength) {
        return new RewardExamples(tokenizer, ChatTemplate.named("support"), maxLength, margins, ratings);
    }

    @Test
    void eachKindOfFeedbackBecomesItsTerms() {
        var records = List.of(
                new Comparison("c1", P, "a", "b", Choice.B, 2.0, WHO),
                new Comparison("c2", P, "a", "b", Choice.TIE, null, WHO),
                new Comparison("c3", P, "a", "b", Choice.BOTH_BAD, null, WHO),
                new Comparison("c4", P, "same", "same", Choice.A, null, WHO),
                new Ranking("r1", P, List.of("x", "y", "z"), List.of(2, 1, 2), WHO),
                new Critique("k1", P, "bad", "too short", "better", WHO),
                new Critique("k2", P, "bad", "too short", null, WHO),
                new Demonstration("d1", P, "fine", WHO),
                new Rating("s1", P, "ok", 4, Map.of(), WHO));
        RewardExamples.Result r = encoder(true, RatingLoss.ORDINAL, 64).from(records);
        assertThat(r.counts().used()).containsEntry("comparison", 1).containsEntry("comparison tie", 1).containsEntry("ranking", 1)
                .containsEntry("critique", 1).containsEntry("rating", 1);
        assertThat(r.counts().skipped()).containsEntry("comparison both-bad", 1).containsEntry("comparison (identical responses)", 1)
                .containsEntry("critique (no correction)", 1).containsEntry("demonstration", 1);
        RewardExample c1 = r.examples().get(0);
        assertThat(c1.pairBetter()).containsExactly(0);
        assertThat(c1.pairMargin()).containsExactly(2f);
        assertThat(tokenizer.decode(c1.sequences().get(0))).isEqualTo("<|bos|>Customer: where is my order?\nAgent: b<|eos|>");
        RewardExample tie = r.examples().get(1);
        assertThat(tie.pairs()).isZero();
        assertThat(tie.ties()).isEqualTo(1);
        // Ranks (2, 1, 2): y beats x and z (margin 1 each), x and z tie.
        RewardExample ranking = r.examples().get(2);
        assertThat(ranking.pairBetter()).containsExactly(1, 1);
        assertThat(ranking.pairWorse()).containsExactly(0, 2);
        assertThat(ranking.pairMargin()).containsExactly(1f, 1f);
        assertThat(ranking.tieA()).containsExactly(0);
        assertThat(ranking.tieB()).containsExactly(2);
        assertThat(r.examples().get(3).pairs()).isEqualTo(1);     // the corrected critique
        assertThat(r.examples().get(4).stars()).containsExactly(4);
        assertThat(r.counts().pairs()).isEqualTo(4);
        assertThat(r.counts().ties()).isEqualTo(2);
    }

    @Test
    void marginsAreOptionalAndRatingsCanBecomePairs() {
        var ratings = List.of(new Rating("s1", P, "ok", 4, Map.of(), WHO), new Rating("s2", P, "meh", 2, Map.of(), WHO),
                new Rating("s3", P, "fine", 4, Map.of(), WHO), new Rating("s4", Prompt.of("alone"), "x", 5, Map.of(), WHO));
        RewardExamples.Result r = encoder(true, RatingLoss.PAIRS, 64).from(ratings);
        assertThat(r.examples()).hasSize(1);
        RewardExample e = r.examples().get(0);
        assertThat(e.pairBetter()).containsExactly(0, 2);
        assertThat(e.pairWorse()).containsExactly(1, 1);
        assertThat(e.pairMargin()).containsExactly(2f, 2f);
        assertThat(e.tieA()).containsExactly(0);
        assertThat(r.counts().skipped()).containsEntry("rating (only one for its prompt)", 1);
        RewardExamples.Result noMargins = encoder(false, RatingLoss.PAIRS, 64).from(ratings);
        assertThat(noMargins.examples().get(0).pairMargin()).containsOnly(0f);
    }

    @Test
    void longSequencesKeepBosAndTheirEnd() {
        RewardExamples.Result r = encoder(false, RatingLoss.ORDINAL, 8).from(List.of(new Comparison("c", P, "It ships today.", "Sorry about that.", Choice.A, null, WHO)));
        int[] s = r.examples().get(0).sequences().get(0);
        assertThat(s).hasSize(8);
        assertThat(s[0]).isEqualTo(tokenizer.bosId());
        assertThat(s[7]).isEqualTo(tokenizer.eosId());
        assertThat(r.counts().truncated()).isEqualTo(2);
        assertThatThrownBy(() -> encoder(false, RatingLoss.ORDINAL, 3)).hasMessageContaining("maxLength must be >= 4");
    }
}
