package org.rlhf4j.core.tensor;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads libtorch once per process and sets its thread count.
 *
 * <p>On a fresh machine the first use of {@code torch} aborts the JVM unless the natives bundled
 * in the Maven artifacts are extracted to JavaCPP's cache first, so every entry point goes
 * through {@link #load()} before touching the engine. Nothing is downloaded: the natives come
 * from the {@code org.bytedeco:pytorch} and {@code openblas} jars on the class path.
 */
public final class Engine {
    private static volatile boolean loaded;

    private Engine() {}

    /** Extracts and loads the native libraries (idempotent, thread-safe). */
    public static void load() {
        if (loaded) return;
        synchronized (Engine.class) {
            if (loaded) return;
            try {
                Loader.cacheResources("/org/bytedeco/pytorch/" + Loader.getPlatform() + "/");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not extract libtorch's native libraries to the JavaCPP cache: "
                        + e.getMessage(), e);
            }
            Loader.load(torch.class);
            loaded = true;
        }
    }

    /**
     * Sets libtorch's intra-op (OpenMP) thread count; {@code threads <= 0} means one per available
     * core. OpenBLAS, which libtorch calls for fp32 matmuls, keeps a pthread pool of its own that
     * fights OpenMP's spinning threads for the cores, so it is pinned to one thread. Measured on 2
     * cores with libtorch at 2 threads: OpenBLAS at 2 threads gave 72 tokens/s decoding and 1,232
     * training tokens/s (fp32); at 1 thread, 563 and 2,277. bf16 matmuls go through oneDNN, which
     * uses libtorch's OpenMP threads, so they keep both cores.
     */
    public static int setThreads(int threads) {
        load();
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        torch.set_num_threads(n);
        setBlasThreads(1);
        return n;
    }

    /**
     * OpenBLAS's own pool size. Keep it at 1 beside libtorch's OpenMP threads (see
     * {@link #setThreads}); only a measurement of raw BLAS speed, with nothing else running,
     * raises it briefly.
     */
    public static void setBlasThreads(int n) {
        load();
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(n);
    }

    public static int threads() {
        load();
        return torch.get_num_threads();
    }

    /** Seeds libtorch's global generator (used by parameter initialisation and dropout). */
    public static void seed(long seed) {
        load();
        torch.manual_seed(seed);
        if (torch.cuda_is_available()) torch.cuda_manual_seed_all(seed);
    }

    /** The engine's version as the presets report it, for provenance. */
    public static String version() {
        Package p = torch.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v != null ? v : "2.10.0-1.5.13";
    }
}
