package org.rlhf4j.lm.tokenizer;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import ai.djl.util.Utils;

/**
 * Loads DJL's native tokenizers library with settings pinned so that loading works offline.
 * Each setting is made a system property only when neither an environment variable nor a system
 * property of that name is already set, so a user can still override it.
 */
final class DjlNatives {

    private static boolean loaded;

    private DjlNatives() {}

    /**
     * Call before the first use of any DJL tokenizer class.
     *
     * @throws IllegalStateException if the library cannot be extracted or loaded
     */
    static synchronized void prepare() {
        if (loaded) {
            return;
        }
        // On a machine with an NVIDIA GPU DJL would choose a CUDA build of the library, which the
        // jar does not bundle, and download it. Tokenizing is CPU work: use the bundled CPU build.
        setIfUnset("RUST_FLAVOR", "cpu");
        // DJL's telemetry asks the EC2 metadata address which machine this is and, on EC2,
        // reports the load to an AWS bucket; rlhf4j sends nothing anywhere.
        setIfUnset("OPT_OUT_TRACKING", "true");
        try {
            LibUtils.checkStatus(); // its class initialiser extracts and loads the library
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("Cannot load the native Hugging Face tokenizers"
                    + " library that DJL extracts to " + Utils.getEngineCacheDir("tokenizers")
                    + " (set DJL_CACHE_DIR to move it): " + e.getMessage(), e);
        }
        loaded = true;
    }

    private static void setIfUnset(String name, String value) {
        if (System.getenv(name) == null && System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
