package org.rlhf4j.core.nn;

import java.util.List;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.OptimizerParamGroup;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.rlhf4j.core.tensor.Scope;

/**
 * libtorch's AdamW over a {@link ParameterSet}, with two parameter groups (with and without
 * weight decay) and a learning rate that the caller's schedule sets before each step.
 */
public final class AdamW implements AutoCloseable {
    private final org.bytedeco.pytorch.AdamW optimizer;
    private final AdamWOptions[] groupOptions;
    private final TensorVector all;

    public AdamW(ParameterSet parameters, AdamWConfig config) {
        this(parameters.entries(), config);
    }

    /**
     * Over some parameters only (e.g. the unfrozen layers and a head), possibly from several
     * {@link ParameterSet}s; parameters left out are neither updated nor clipped.
     */
    public AdamW(List<ParameterSet.Entry> trainable, AdamWConfig config) {
        if (trainable.isEmpty()) throw new IllegalArgumentException("nothing to train: the optimizer was given no parameters");
        TensorVector decay = new TensorVector();
        TensorVector noDecay = new TensorVector();
        TensorVector every = new TensorVector();
        for (ParameterSet.Entry e : trainable) {
            (e.decay() ? decay : noDecay).push_back(e.tensor());
            every.push_back(e.tensor());
        }
        all = Scope.keep(every);
        AdamWOptions withDecay = options(config, config.weightDecay());
        AdamWOptions without = options(config, 0.0);
        optimizer = Scope.keep(new org.bytedeco.pytorch.AdamW(decay, withDecay));
        // The group copies its options (OptimizerParamGroup's constructor clones them).
        optimizer.add_param_group(new OptimizerParamGroup(noDecay, without));
        groupOptions = new AdamWOptions[2];
        for (int i = 0; i < 2; i++) {
            groupOptions[i] = Scope.keep(new AdamWOptions(optimizer.param_groups().get(i).options()));
        }
    }

    private static AdamWOptions options(AdamWConfig c, double weightDecay) {
        AdamWOptions o = new AdamWOptions(c.learningRate());
        // betas() points at a std::tuple<double, double>, which libstdc++ lays out in reverse:
        // index 0 in memory is beta2. AdamWTest pins this with a hand-worked step.
        o.betas().put(0, c.beta2()).put(1, c.beta1());
        o.eps().put(c.epsilon());
        o.weight_decay().put(weightDecay);
        return o;
    }

    /** Sets the learning rate of every group (called by the schedule before each step). */
    public void setLearningRate(double lr) {
        for (AdamWOptions o : groupOptions) o.set_lr(lr);
    }

    public double learningRate() {
        return groupOptions[0].get_lr();
    }

    public void zeroGrad() {
        optimizer.zero_grad(true);
    }

    /**
     * Clips the global gradient norm to {@code maxNorm} and returns the norm before clipping;
     * a non-finite result means some gradient is NaN or infinite.
     */
    public double clipGradNorm(double maxNorm) {
        return torch.clip_grad_norm_(all, maxNorm, 2.0, false);
    }

    public void step() {
        optimizer.step();
    }

    /** Writes the moments and step counts to {@code file} (libtorch's archive format). */
    public void save(java.nio.file.Path file) {
        try (Scope s = Scope.open()) {
            org.bytedeco.pytorch.OutputArchive archive = new org.bytedeco.pytorch.OutputArchive();
            optimizer.save(archive);
            archive.save_to(file.toString());
        }
    }

    /** Restores what {@link #save} wrote; the file names the user's problem in a {@link org.rlhf4j.core.UserError}. */
    public void load(java.nio.file.Path file) {
        try (Scope s = Scope.open()) {
            org.bytedeco.pytorch.InputArchive archive = new org.bytedeco.pytorch.InputArchive();
            archive.load_from(file.toString());
            optimizer.load(archive);
        } catch (RuntimeException e) {
            throw new org.rlhf4j.core.UserError(file + ": cannot load the optimizer state: " + e.getMessage(), e);
        }
    }

    /** The wrapped libtorch optimizer, for state serialisation. */
    public org.bytedeco.pytorch.AdamW engine() {
        return optimizer;
    }

    @Override
    public void close() {
        for (AdamWOptions o : groupOptions) Scope.release(o);
        Scope.release(optimizer);
        Scope.release(all);
    }
}
