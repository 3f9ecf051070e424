package org.rlhf4j.core.tensor;

import java.util.Locale;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/** Where tensors live. {@code cuda} needs the {@code -Pcuda} build and a GPU. */
public enum ComputeDevice {
    CPU, CUDA;

    /** Parses {@code cpu} or {@code cuda}; throws a message naming the allowed values otherwise. */
    public static ComputeDevice parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + name + "': expected cpu or cuda");
        }
    }

    /** Checks that the device can be used in this process and says why not otherwise. */
    public ComputeDevice requireAvailable() {
        Engine.load();
        if (this == CUDA && !torch.cuda_is_available()) {
            throw new IllegalStateException("--device cuda: no CUDA device is available to libtorch"
                    + " (build with 'mvn -Pcuda package' on a machine with an NVIDIA GPU and driver)");
        }
        return this;
    }

    public Device toTorch() {
        return new Device(this == CPU ? torch.DeviceType.CPU : torch.DeviceType.CUDA, (byte) (this == CPU ? -1 : 0));
    }

    /** {@code t} on this device (the same tensor if it is already there), dtype unchanged. */
    public org.bytedeco.pytorch.Tensor place(org.bytedeco.pytorch.Tensor t) {
        return this == CPU && t.device().is_cpu() ? t : t.to(toTorch(), t.scalar_type());
    }

    public torch.DeviceType type() {
        return this == CPU ? torch.DeviceType.CPU : torch.DeviceType.CUDA;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
