package org.rlhf4j.feedback.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlhf4j.feedback.Rating;

/** Run in a child JVM by {@link FeedbackStoreCrashTest}: appends batches until killed, printing "synced N" (records) after each. */
public final class AppendingChild {
    private AppendingChild() {
    }

    public static void main(String[] args) {
        int batchSize = 50;
        try (FeedbackStore store = FeedbackStore.open(Path.of(args[0]))) {
            for (int batch = 0; ; batch++) {
                List<Rating> ratings = new ArrayList<>();
                for (int i = 0; i < batchSize; i++) ratings.add(Examples.rating("b" + batch + "-" + i + "-" + "x".repeat(200), 1 + i % 5));
                store.append(ratings);
                System.out.println("synced " + (batch + 1) * batchSize);
                System.out.flush();
            }
        }
    }
}
