package org.rlhf4j.feedback.stats;

import org.rlhf4j.feedback.*;
import org.rlhf4j.feedback.store.FeedbackStore;
import java.nio.file.*;
import java.util.*;
/** Writes N synthetic comparisons (3 annotators per item, 10% ties) in rlhf4j store format, for the data stats benchmark. */
public class SyntheticComparisons { public static void main(String[] a) throws Exception {
  int n = Integer.parseInt(a[1]);
  SplittableRandom r = new SplittableRandom(1);
  String[] words = {"order","refund","parcel","shipped","today","sorry","delay","account","password","reset","link","email","thanks","please","help"};
  try (FeedbackStore store = FeedbackStore.open(Path.of(a[0]))) {
    List<Feedback> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int item = i / 3;  // each item judged by 3 annotators
      SplittableRandom ir = new SplittableRandom(item);
      StringBuilder p = new StringBuilder(), ra = new StringBuilder(), rb = new StringBuilder();
      for (int w = 0; w < 8 + ir.nextInt(20); w++) p.append(words[ir.nextInt(words.length)]).append(' ');
      for (int w = 0; w < 5 + ir.nextInt(60); w++) ra.append(words[ir.nextInt(words.length)]).append(' ');
      for (int w = 0; w < 5 + ir.nextInt(60); w++) rb.append(words[ir.nextInt(words.length)]).append(' ');
      Choice c = r.nextDouble() < 0.1 ? Choice.TIE : (r.nextDouble() < 0.7 ? Choice.A : Choice.B);
      batch.add(new Comparison("c" + i, Prompt.of(p.toString() + item), ra.toString(), rb.toString(), c, null, Attribution.of("annotator-" + r.nextInt(50), null, "synthetic")));
      if (batch.size() == 10000) { store.append(batch); batch.clear(); }
    }
    store.append(batch);
  }
}}
