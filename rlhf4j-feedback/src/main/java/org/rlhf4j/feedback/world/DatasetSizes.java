package org.rlhf4j.feedback.world;

/**
 * How much of each data set {@link SupportDatasets#build} makes.
 *
 * @param pretrainingBytes UTF-8 size of the pretraining corpus
 * @param demonstrations SFT (prompt, response) pairs
 * @param rlPrompts prompts for policy optimisation
 * @param evalPrompts held-out prompts, never seen in the other three
 */
public record DatasetSizes(long pretrainingBytes, int demonstrations, int rlPrompts, int evalPrompts) {
    public DatasetSizes {
        if (pretrainingBytes <= 0 || pretrainingBytes > PretrainingCorpus.MAX_BYTES) {
            throw new IllegalArgumentException(
                    "pretrainingBytes must be in [1, " + PretrainingCorpus.MAX_BYTES + "], was " + pretrainingBytes);
        }
        requireCount(demonstrations, "demonstrations");
        requireCount(rlPrompts, "rlPrompts");
        requireCount(evalPrompts, "evalPrompts");
    }

    public static DatasetSizes defaults() {
        return new DatasetSizes(PretrainingCorpus.DEFAULT_BYTES, 4_000, 2_000, 500);
    }

    private static void requireCount(int value, String field) {
        if (value < 0 || value > 10_000_000) {
            throw new IllegalArgumentException(field + " must be in [0, 10000000], was " + value);
        }
    }
}
