package org.rlhf4j.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Scope;
import org.rlhf4j.core.tensor.TensorData;

/**
 * The trainable tensors of a model, by name, in registration order. Each parameter is an fp32
 * leaf tensor that requires grad and is kept alive across step scopes until {@link #close()}.
 * Initial values are drawn in Java from a caller-supplied random stream, so initialisation is
 * reproducible from a run's seed and independent of libtorch's global generator.
 */
public final class ParameterSet implements AutoCloseable {
    /** A registered parameter; {@code decay} says whether AdamW's weight decay applies. */
    public record Entry(String name, Tensor tensor, boolean decay) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ComputeDevice device;

    public ParameterSet(ComputeDevice device) {
        this.device = device;
    }

    public ComputeDevice device() {
        return device;
    }

    /** Registers a parameter initialised with N(0, std^2); decay applies to matrices. */
    public Tensor normal(String name, SplittableRandom rng, double std, long... shape) {
        float[] v = new float[Math.toIntExact(numel(shape))];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * std);
        return register(name, v, shape, true);
    }

    /** Registers a parameter filled with {@code value} (norm gains); no weight decay. */
    public Tensor constant(String name, float value, long... shape) {
        float[] v = new float[Math.toIntExact(numel(shape))];
        Arrays.fill(v, value);
        return register(name, v, shape, false);
    }

    private Tensor register(String name, float[] values, long[] shape, boolean decay) {
        if (entries.containsKey(name)) throw new IllegalArgumentException("parameter registered twice: " + name);
        Tensor t;
        try (Scope s = Scope.open()) {
            Tensor cpu = TensorData.floats(values, shape);
            t = Scope.keep(device.place(cpu).set_requires_grad(true));
        }
        entries.put(name, new Entry(name, t, decay));
        return t;
    }

    public Tensor get(String name) {
        Entry e = entries.get(name);
        if (e == null) throw new IllegalArgumentException("no parameter named " + name);
        return e.tensor();
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Total number of scalar parameters. */
    public long count() {
        long n = 0;
        for (Entry e : entries.values()) n += e.tensor().numel();
        return n;
    }

    /** The parameters as a libtorch vector (for clip_grad_norm_ and optimizers). */
    public TensorVector vector() {
        TensorVector v = new TensorVector();
        for (Entry e : entries.values()) v.push_back(e.tensor());
        return v;
    }

    /** Overwrites a parameter's values in place (no autograd history), checking the shape. */
    public void assign(String name, float[] values, long[] shape) {
        Tensor t = get(name);
        long[] expected = TensorData.shape(t);
        if (!Arrays.equals(expected, shape)) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape)
                    + " does not match the model's " + Arrays.toString(expected));
        }
        try (Scope s = Scope.open(); var noGrad = new org.bytedeco.pytorch.NoGradGuard()) {
            Tensor src = TensorData.floats(values, shape);
            t.copy_(device.place(src));
        }
    }

    /** A copy of a parameter's values as fp32, C order. */
    public float[] values(String name) {
        try (Scope s = Scope.open()) {
            return TensorData.toFloats(get(name).detach());
        }
    }

    public long[] shape(String name) {
        return TensorData.shape(get(name));
    }

    @Override
    public void close() {
        for (Entry e : entries.values()) Scope.release(e.tensor());
        entries.clear();
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d <= 0) throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(shape));
            n *= d;
        }
        return n;
    }
}
