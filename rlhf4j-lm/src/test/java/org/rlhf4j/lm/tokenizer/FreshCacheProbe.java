package org.rlhf4j.lm.tokenizer;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Run in a fresh JVM by {@link TokenizerFreshCacheTest}: loads a tokenizer and reports any
 * attempt to open an http(s) URL, which this machine could not serve anyway.
 */
public final class FreshCacheProbe {

    private static final List<String> NETWORK_ATTEMPTS = new CopyOnWriteArrayList<>();

    private FreshCacheProbe() {}

    public static void main(String[] args) {
        URL.setURLStreamHandlerFactory(protocol -> protocol.startsWith("http")
                ? new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL url) throws IOException {
                        NETWORK_ATTEMPTS.add(url.toString());
                        throw new IOException("network disabled by FreshCacheProbe: " + url);
                    }
                }
                : null);
        try (Tokenizer tokenizer = Tokenizer.load(Path.of(args[0]))) {
            int[] ids = tokenizer.encode("fresh cache ok");
            System.out.println("ids=" + Arrays.toString(ids));
            System.out.println("decoded=" + tokenizer.decode(ids));
        }
        System.out.println("network=" + NETWORK_ATTEMPTS);
        System.exit(NETWORK_ATTEMPTS.isEmpty() ? 0 : 3); // a probe's main may choose its exit code
    }
}
