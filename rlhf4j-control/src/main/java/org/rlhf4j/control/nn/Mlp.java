package org.rlhf4j.control.nn;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A fully connected network on Java float arrays: hidden layers {@code h = tanh(x W + b)} (or
 * {@code relu}, see {@link Activation}) and a linear output layer {@code y = h W + b}. This is the
 * multilayer perceptron of classic-control policies and value functions (stable-baselines3's
 * {@code MlpPolicy}: 64-64, tanh; DQN's Q-network: 64-64, ReLU), whose layers
 * are so small that each call into a tensor engine costs more than its arithmetic: with the
 * Vector API kernels (JVM option {@code --add-modules jdk.incubator.vector}) a PPO training step
 * for CartPole runs several times faster than libtorch called from Java. Without that module the
 * same code runs on plain loops, correct but slower than libtorch (see {@link Kernels}).
 *
 * <p><b>Shapes.</b> {@code sizes = {n0, n1, ..., nL}}; layer {@code l} (0-based) maps
 * {@code n(l)} features to {@code n(l+1)}. Batches are row-major {@code (batch, features)}.
 *
 * <p><b>Parameter layout.</b> All parameters live in one flat array, layer by layer: the weight
 * {@code W_l} as {@code (n(l), n(l+1))} row-major, that is the <em>transpose</em> of
 * {@code torch.nn.Linear.weight} {@code (out, in)}, then the bias {@code b_l (n(l+1))}. This
 * "input-major" layout makes the forward pass and the weight gradient stream along contiguous
 * output rows. {@link #setWeight}/{@link #weight} convert from and to PyTorch's layout. The
 * gradient array mirrors the parameter array, so an optimiser can treat both as flat vectors.
 *
 * <p><b>Use.</b> {@link #forward} keeps the activations of its batch; {@link #backward} then
 * <em>adds</em> the parameter gradients of {@code sum(dOut * out)} to {@link #gradients()} (call
 * {@link #zeroGrad()} first). Gradients with respect to the network's input are not computed.
 *
 * <p><b>Threads.</b> An instance is not thread-safe. {@link #replica()} makes a network that shares
 * the parameter array but has its own activations and gradients, so a batch can be split over
 * threads and the replicas' gradients summed with {@link #addGradients}.
 */
public final class Mlp {
    /** Which {@link Kernels} run the network. */
    public enum Backend {
        /** Vector API kernels where the JVM has {@code jdk.incubator.vector}, else scalar (see {@link Kernels#preferred}). */
        AUTO,
        /** Plain Java loops (any JVM). */
        SCALAR,
        /** Vector API kernels; fails unless the JVM runs with {@code --add-modules jdk.incubator.vector}. */
        VECTOR
    }

    /** The hidden layers' nonlinearity; the output layer is always linear. */
    public enum Activation {
        /** stable-baselines3's default for PPO/A2C policies ({@code nn.Tanh}). */
        TANH,
        /** stable-baselines3's default for DQN/SAC/TD3 ({@code nn.ReLU}). */
        RELU
    }

    private final Kernels kernels;
    private final Activation activation;
    private final int[] sizes;
    private final int layers;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final float[] params;
    private final float[] grads;
    private final int maxWidth;

    /** (max(n(l) * n(l+1))) scratch for one weight matrix transposed to (out, in). */
    private final float[] transposed;
    /** (maxWidth) scratch for the weight gradient of a narrow layer. */
    private final float[] column;
    /** act[l] (capacity, n(l)): act[0] a copy of the input, act[l+1] the output of layer l. */
    private float[][] act = new float[0][];
    /** (capacity, maxWidth) ping-pong buffers for the gradient flowing backwards. */
    private float[] gradA = new float[0];
    private float[] gradB = new float[0];
    private int capacity;
    private int lastBatch = -1;

    /** A network with all parameters zero (see {@link #initOrthogonal}), on {@link Backend#AUTO} kernels. */
    public Mlp(int... sizes) {
        this(Backend.AUTO, sizes);
    }

    /** A network with all parameters zero on the given kernels. */
    public Mlp(Backend backend, int... sizes) {
        this(kernels(backend), Activation.TANH, sizes, null);
    }

    /** A network with all parameters zero, the given hidden activation, on the given kernels. */
    public Mlp(Backend backend, Activation activation, int... sizes) {
        this(kernels(backend), activation, sizes, null);
    }

    private static Kernels kernels(Backend backend) {
        return switch (backend) {
            case AUTO -> Kernels.preferred();
            case SCALAR -> new ScalarKernels();
            case VECTOR -> Kernels.vector(true);
        };
    }

    private Mlp(Kernels kernels, Activation activation, int[] sizes, float[] sharedParams) {
        this.kernels = kernels;
        this.activation = Objects.requireNonNull(activation, "activation");
        if (sizes.length < 2) throw new IllegalArgumentException("need at least input and output sizes");
        this.sizes = sizes.clone();
        this.layers = sizes.length - 1;
        this.weightOffset = new int[layers];
        this.biasOffset = new int[layers];
        int offset = 0, width = 0, maxMatrix = 0;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l], out = sizes[l + 1];
            if (in <= 0 || out <= 0) throw new IllegalArgumentException("sizes must be positive: " + Arrays.toString(sizes));
            weightOffset[l] = offset;
            offset += in * out;
            biasOffset[l] = offset;
            offset += out;
            maxMatrix = Math.max(maxMatrix, in * out);
        }
        for (int n : sizes) width = Math.max(width, n);
        this.maxWidth = width;
        this.params = sharedParams != null ? sharedParams : new float[offset];
        this.grads = new float[offset];
        this.transposed = new float[maxMatrix];
        this.column = new float[width];
    }

    /** A network sharing this one's parameters, with its own activations and gradients. */
    public Mlp replica() {
        return new Mlp(kernels, activation, sizes, params);
    }

    /** The kernels in use, for logs: "vector(16 lanes)" or "scalar". */
    public String backend() {
        return kernels.name();
    }

    /** The kernels {@link Backend#AUTO} picks in this JVM, named as {@link #backend()} names them. */
    public static String autoBackend() {
        return Kernels.preferred().name();
    }

    public Activation activation() {
        return activation;
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[layers];
    }

    public int layerCount() {
        return layers;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    /** The flat parameter array (live, see the class comment for its layout). */
    public float[] parameters() {
        return params;
    }

    /** The flat gradient array (live), laid out like {@link #parameters()}. */
    public float[] gradients() {
        return grads;
    }

    public void zeroGrad() {
        Arrays.fill(grads, 0f);
    }

    /** Adds another network's gradients (a {@link #replica()}'s) to this one's. */
    public void addGradients(Mlp other) {
        if (!Arrays.equals(sizes, other.sizes)) throw new IllegalArgumentException("networks differ in shape");
        float[] g = grads, o = other.grads;
        for (int i = 0; i < g.length; i++) g[i] += o[i];
    }

    /**
     * Orthogonal weights (as {@code torch.nn.init.orthogonal_}) with {@code hiddenGain} on hidden
     * layers and {@code outputGain} on the last, zero biases. stable-baselines3 uses sqrt(2)
     * hidden, 0.01 for the policy's output and 1 for the value's.
     */
    public void initOrthogonal(SplittableRandom rng, double hiddenGain, double outputGain) {
        for (int l = 0; l < layers; l++) {
            int in = sizes[l], out = sizes[l + 1];
            setWeight(l, Orthogonal.matrix(rng, out, in, l == layers - 1 ? outputGain : hiddenGain));
            Arrays.fill(params, biasOffset[l], biasOffset[l] + out, 0f);
        }
    }

    /** Sets layer {@code l}'s weight from PyTorch's layout {@code (out, in)}, row-major. */
    public void setWeight(int l, float[] outIn) {
        int in = sizes[l], out = sizes[l + 1], w = weightOffset[l];
        if (outIn.length != in * out) throw new IllegalArgumentException("layer " + l + " weight needs " + in * out + " values");
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < in; k++) params[w + k * out + o] = outIn[o * in + k];
        }
    }

    /** Layer {@code l}'s weight in PyTorch's layout {@code (out, in)}. */
    public float[] weight(int l) {
        return transpose(params, weightOffset[l], sizes[l], sizes[l + 1]);
    }

    /** Layer {@code l}'s weight gradient in PyTorch's layout {@code (out, in)}. */
    public float[] weightGradient(int l) {
        return transpose(grads, weightOffset[l], sizes[l], sizes[l + 1]);
    }

    public void setBias(int l, float[] bias) {
        if (bias.length != sizes[l + 1]) throw new IllegalArgumentException("layer " + l + " bias needs " + sizes[l + 1] + " values");
        System.arraycopy(bias, 0, params, biasOffset[l], bias.length);
    }

    public float[] bias(int l) {
        return Arrays.copyOfRange(params, biasOffset[l], biasOffset[l] + sizes[l + 1]);
    }

    public float[] biasGradient(int l) {
        return Arrays.copyOfRange(grads, biasOffset[l], biasOffset[l] + sizes[l + 1]);
    }

    /** Same as {@code forward(x, 0, batch)}. */
    public float[] forward(float[] x, int batch) {
        return forward(x, 0, batch);
    }

    /**
     * Runs rows {@code x[offset .. offset + batch * n0)} (batch, n0) through the network and returns
     * the output (batch, nL) in the first {@code batch * nL} entries of an internal buffer that the
     * next call overwrites. The activations are kept for {@link #backward}.
     */
    public float[] forward(float[] x, int offset, int batch) {
        ensureCapacity(batch);
        System.arraycopy(x, offset, act[0], 0, batch * sizes[0]);
        for (int l = 0; l < layers; l++) {
            int in = sizes[l], out = sizes[l + 1];
            float[] y = act[l + 1];
            if (kernels.narrow(out)) {
                // a few outputs (logits, a value): dot products with the weight's (out, in) rows
                transposeInto(params, weightOffset[l], in, out, transposed);
                kernels.affineDot(act[l], batch, in, transposed, out, params, biasOffset[l], y);
            } else {
                kernels.affine(act[l], batch, in, params, weightOffset[l], out, params, biasOffset[l], y);
            }
            if (l < layers - 1) {
                if (activation == Activation.TANH) kernels.tanh(y, batch * out);
                else kernels.relu(y, batch * out);
            }
        }
        lastBatch = batch;
        return act[layers];
    }

    /**
     * Adds to {@link #gradients()} the gradient of {@code sum(dOut * y)}, where {@code y} (batch, nL)
     * is the output of the last {@link #forward} call, which must have had the same batch.
     * {@code dOut} (batch, nL) is the gradient of the loss with respect to that output.
     */
    public void backward(float[] dOut, int batch) {
        if (batch != lastBatch) throw new IllegalStateException("backward(batch " + batch + ") after forward(batch " + lastBatch + ")");
        float[] g = gradA, next = gradB;
        System.arraycopy(dOut, 0, g, 0, batch * sizes[layers]);
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l], out = sizes[l + 1];
            if (l < layers - 1) {  // g: dL/dy -> dL/dz
                if (activation == Activation.TANH) kernels.tanhBackward(g, act[l + 1], batch * out);
                else kernels.reluBackward(g, act[l + 1], batch * out);
            }
            kernels.columnSums(g, batch, out, grads, biasOffset[l]);
            kernels.weightGradient(act[l], g, batch, in, out, grads, weightOffset[l], column);
            if (l > 0) {
                // dL/dx (batch, in) = dz (batch, out) . W^T
                if (kernels.narrow(in)) {
                    System.arraycopy(params, weightOffset[l], transposed, 0, in * out);  // W (in, out) as the dot rows
                    kernels.affineDot(g, batch, out, transposed, in, null, 0, next);
                } else {
                    transposeInto(params, weightOffset[l], in, out, transposed);  // W^T (out, in), contiguous
                    kernels.affine(g, batch, out, transposed, 0, in, null, 0, next);
                }
                float[] t = g;
                g = next;
                next = t;
            }
        }
    }

    public int parameterCount() {
        return params.length;
    }

    private void ensureCapacity(int batch) {
        if (batch <= 0) throw new IllegalArgumentException("batch must be positive, got " + batch);
        if (batch <= capacity) return;
        act = new float[layers + 1][];
        for (int l = 0; l <= layers; l++) act[l] = new float[batch * sizes[l]];
        gradA = new float[batch * maxWidth];
        gradB = new float[batch * maxWidth];
        capacity = batch;
    }

    /** out (n, m) = transpose of the (m, n) matrix at {@code src[off..]}. */
    private static void transposeInto(float[] src, int off, int m, int n, float[] out) {
        for (int k = 0; k < m; k++) {
            int s = off + k * n;
            for (int j = 0; j < n; j++) out[j * m + k] = src[s + j];
        }
    }

    private static float[] transpose(float[] src, int off, int m, int n) {
        float[] out = new float[m * n];
        transposeInto(src, off, m, n, out);
        return out;
    }
}
