package org.rlhf4j.core.tensor;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Copies between Java arrays and tensors. Every method copies; nothing aliases Java memory. */
public final class TensorData {
    private TensorData() {}

    /** A float32 tensor of {@code shape} holding a copy of {@code values} (C order). */
    public static Tensor floats(float[] values, long... shape) {
        checkCount(values.length, shape);
        Engine.load();
        try (FloatPointer p = new FloatPointer(values)) {
            return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Float)).clone();
        }
    }

    /** An int64 tensor of {@code shape} holding {@code values} (token ids, positions). */
    public static Tensor longs(long[] values, long... shape) {
        checkCount(values.length, shape);
        Engine.load();
        try (LongPointer p = new LongPointer(values)) {
            return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Long)).clone();
        }
    }

    /** An int64 tensor from int ids, e.g. a batch of token ids {@code (B, T)}. */
    public static Tensor ids(int[] values, long... shape) {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) l[i] = values[i];
        return longs(l, shape);
    }

    /** The values of {@code t} as float32 in C order (moved to the CPU and converted if needed). */
    public static float[] toFloats(Tensor t) {
        Tensor c = t.device().is_cpu() && t.scalar_type() == torch.ScalarType.Float
                ? t.contiguous() : t.to(new org.bytedeco.pytorch.Device(torch.DeviceType.CPU, (byte) -1), torch.ScalarType.Float).contiguous();
        float[] out = new float[(int) c.numel()];
        if (out.length > 0) new FloatPointer(c.data_ptr_float()).capacity(out.length).get(out);
        return out;
    }

    /** The values of an integer tensor as longs in C order. */
    public static long[] toLongs(Tensor t) {
        Tensor c = t.device().is_cpu() && t.scalar_type() == torch.ScalarType.Long
                ? t.contiguous() : t.to(new org.bytedeco.pytorch.Device(torch.DeviceType.CPU, (byte) -1), torch.ScalarType.Long).contiguous();
        long[] out = new long[(int) c.numel()];
        if (out.length > 0) new LongPointer(c.data_ptr_long()).capacity(out.length).get(out);
        return out;
    }

    /**
     * Overwrites a contiguous int64 CPU tensor with {@code values} through its data pointer: two
     * native calls, where building a new tensor takes four (used once per decoded token).
     */
    public static void overwrite(Tensor target, long[] values) {
        if (!target.device().is_cpu() || target.scalar_type() != torch.ScalarType.Long || !target.is_contiguous() || target.numel() != values.length) {
            target.copy_(longs(values, shape(target)));
            return;
        }
        new LongPointer(target.data_ptr_long()).capacity(values.length).put(values);
    }

    /** One number from a one-element tensor. */
    public static double scalar(Tensor t) {
        return t.item().toDouble();
    }

    public static long[] shape(Tensor t) {
        return t.sizes().vec().get();
    }

    private static void checkCount(int length, long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + length);
        }
    }
}
