package org.rlhf4j.cli;

import org.rlhf4j.core.tensor.ComputeDevice;
import org.rlhf4j.core.tensor.Engine;
import org.rlhf4j.core.tensor.Precision;
import picocli.CommandLine.Option;

/** Device, threads and precision, shared by every command that runs the engine. */
final class EngineOptions {
    @Option(names = "--device", paramLabel = "cpu|cuda", defaultValue = "cpu", converter = DeviceConverter.class,
            description = "Where tensors live (default: ${DEFAULT-VALUE}). cuda needs the -Pcuda build.")
    ComputeDevice device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Intra-op threads for libtorch and OpenBLAS (default: one per core).")
    int threads;

    /** Loads the engine, checks the device and sets threads; returns the device. */
    ComputeDevice start() {
        Engine.load();
        Engine.setThreads(threads);
        return device.requireAvailable();
    }

    static final class DeviceConverter implements picocli.CommandLine.ITypeConverter<ComputeDevice> {
        @Override
        public ComputeDevice convert(String value) {
            try {
                return ComputeDevice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PrecisionConverter implements picocli.CommandLine.ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
