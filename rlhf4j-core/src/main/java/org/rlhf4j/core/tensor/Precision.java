package org.rlhf4j.core.tensor;

import java.util.Locale;
import org.bytedeco.pytorch.global.torch;

/**
 * Numeric precision of matrix multiplications. Parameters always stay fp32 ("master weights");
 * {@link #BF16} runs linear layers, matmuls and attention in bfloat16 through libtorch's autocast,
 * which on CPUs with AMX/AVX512-BF16 is 2-4x faster than fp32.
 */
public enum Precision {
    FP32, BF16;

    /** fp32 or bf16, any case; also how configuration files and derived CLI options ({@code --precision fp32}) are read. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Precision parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown precision '" + name + "': expected fp32 or bf16");
        }
    }

    /**
     * Enters an autocast region for this precision on {@code device} (a no-op for FP32). Close it
     * to leave; the cast-weight cache is cleared when the outermost region closes, as PyTorch's
     * {@code torch.autocast} does, so weights updated by the optimizer are never seen stale.
     */
    public Region enter(ComputeDevice device) {
        if (this == FP32) return () -> {};
        Engine.load();
        torch.DeviceType type = device.type();
        boolean previous = torch.is_autocast_enabled(type);
        torch.ScalarType previousType = torch.get_autocast_dtype(type);
        torch.set_autocast_dtype(type, torch.ScalarType.BFloat16);
        torch.set_autocast_enabled(type, true);
        torch.increment_nesting();
        return () -> {
            if (torch.decrement_nesting() == 0) torch.clear_cache();
            torch.set_autocast_enabled(type, previous);
            torch.set_autocast_dtype(type, previousType);
        };
    }

    /**
     * Suspends autocast on {@code device} until closed, for operations that must run in fp32
     * even in a bf16 region (on CPU, attention's bf16 backward measured 12-25x slower than fp32).
     */
    public static Region suspend(ComputeDevice device) {
        torch.DeviceType type = device.type();
        if (!torch.is_autocast_enabled(type)) return () -> {};
        torch.set_autocast_enabled(type, false);
        return () -> torch.set_autocast_enabled(type, true);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An autocast region; closing it restores the previous state. */
    @FunctionalInterface
    public interface Region extends AutoCloseable {
        /** A region that changes nothing. */
        Region NONE = () -> {};

        @Override
        void close();
    }
}
