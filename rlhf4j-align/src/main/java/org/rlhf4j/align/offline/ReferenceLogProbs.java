package org.rlhf4j.align.offline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.rlhf4j.align.policy.ReplyLogProbs;
import org.rlhf4j.core.io.DType;
import org.rlhf4j.core.io.SafetensorsReader;
import org.rlhf4j.core.io.SafetensorsWriter;
import org.rlhf4j.core.tensor.Precision;
import org.rlhf4j.lm.model.LlamaModel;

/**
 * The reference's summed log-probs of every slot of every example, computed once and stored with
 * the run ({@code reference-logps.safetensors}), keyed by a hash of the examples' tokens, the
 * reference checkpoint's SHA-256 and the precision: a run that starts again (or resumes) on the
 * same data and reference reads them back instead of running the reference again, and any change
 * recomputes them (TRL's {@code precompute_ref_log_probs}; TRL users asked for the cache in issue #3985).
 */
public final class ReferenceLogProbs {
    public static final String FILE = "reference-logps.safetensors";
    private static final String KEY = "key";

    private ReferenceLogProbs() {}

    /** SHA-256 of a key's text, hex: a file name for the key. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 over every example's slots (ids as little-endian ints, lengths first), in order. */
    public static String dataKey(List<OfflineExample> train, List<OfflineExample> heldOut) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (List<OfflineExample> part : List.of(train, heldOut)) {
                d.update(intBytes(new int[] {part.size()}));
                for (OfflineExample e : part) {
                    for (int k = 0; k < e.slots(); k++) {
                        d.update(intBytes(new int[] {e.queries()[k].length, e.replies()[k].length}));
                        d.update(intBytes(e.queries()[k]));
                        d.update(intBytes(e.replies()[k]));
                    }
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached sums for (train, held-out), read from {@code file} when its key is {@code key}, else computed with {@code reference} and written there. */
    public static float[][][] load(Path file, String key, LlamaModel reference, Precision precision, int batchSize,
                                   List<OfflineExample> train, List<OfflineExample> heldOut) throws IOException {
        if (Files.isRegularFile(file)) {
            try (SafetensorsReader r = SafetensorsReader.open(file)) {
                if (key.equals(r.metadata().get(KEY))) return new float[][][] {rows(r.floats("train"), train), rows(r.floats("held_out"), heldOut)};
            }
        }
        float[][] t = compute(reference, precision, batchSize, train), h = compute(reference, precision, batchSize, heldOut);
        SafetensorsWriter w = new SafetensorsWriter().putMetadata(KEY, key);
        w.addFloats("train", DType.F32, new long[] {train.size(), slots(train)}, flatten(t));
        w.addFloats("held_out", DType.F32, new long[] {heldOut.size(), slots(heldOut)}, flatten(h));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        w.write(tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new float[][][] {t, h};
    }

    /** {@link #compute} without the progress bar (benchmarks). */
    public static float[][] computeQuietly(LlamaModel reference, Precision precision, int batchSize, List<OfflineExample> examples) {
        List<int[]> queries = new ArrayList<>(), replies = new ArrayList<>();
        for (OfflineExample e : examples) {
            for (int k = 0; k < e.slots(); k++) {
                queries.add(e.queries()[k]);
                replies.add(e.replies()[k]);
            }
        }
        return rows(ReplyLogProbs.sequenceSums(reference, queries, replies, precision, batchSize), examples);
    }

    /** (examples, slots) summed reference log-probs. */
    public static float[][] compute(LlamaModel reference, Precision precision, int batchSize, List<OfflineExample> examples) {
        List<int[]> queries = new ArrayList<>(), replies = new ArrayList<>();
        for (OfflineExample e : examples) {
            for (int k = 0; k < e.slots(); k++) {
                queries.add(e.queries()[k]);
                replies.add(e.replies()[k]);
            }
        }
        float[] flat = new float[queries.size()];
        int chunk = 16 * batchSize;
        try (org.rlhf4j.core.run.ProgressBar bar = new org.rlhf4j.core.run.ProgressBar("reference log-probs", queries.size(), "replies")) {
            for (int from = 0; from < flat.length; from += chunk) {
                int to = Math.min(flat.length, from + chunk);
                float[] part = ReplyLogProbs.sequenceSums(reference, queries.subList(from, to), replies.subList(from, to), precision, batchSize);
                System.arraycopy(part, 0, flat, from, part.length);
                bar.step(to - from);
            }
        }
        return rows(flat, examples);
    }

    private static float[][] rows(float[] flat, List<OfflineExample> examples) {
        float[][] out = new float[examples.size()][];
        int at = 0;
        for (int i = 0; i < out.length; i++) {
            int k = examples.get(i).slots();
            out[i] = java.util.Arrays.copyOfRange(flat, at, at + k);
            at += k;
        }
        return out;
    }

    private static int slots(List<OfflineExample> examples) {
        return examples.isEmpty() ? 1 : examples.get(0).slots();
    }

    private static float[] flatten(float[][] rows) {
        int n = 0;
        for (float[] r : rows) n += r.length;
        float[] out = new float[n];
        int at = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }

    private static byte[] intBytes(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        return b.array();
    }
}
