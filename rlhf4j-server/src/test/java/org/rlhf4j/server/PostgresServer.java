package org.rlhf4j.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.rlhf4j.server.db.DatabaseLocation;

/**
 * A real PostgreSQL server for tests, started from Debian's binaries (/usr/lib/postgresql/N/bin)
 * in a temporary folder on a free loopback port, once per JVM and stopped at exit. Running as
 * root, it runs the server as the {@code postgres} account (PostgreSQL refuses root).
 */
public final class PostgresServer {
    private static PostgresServer shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin, dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The folder holding initdb, pg_ctl and postgres, or empty when PostgreSQL is not installed. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static synchronized PostgresServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL binaries are not installed (apt-get install postgresql)"));
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("rlhf4j-pg");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            PostgresServer pg = new PostgresServer(bin, dir, port, root);
            if (root) run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            pg.pg("initdb", "-D", dir.resolve("data").toString(), "-U", "rlhf4j", "--auth=trust", "-E", "UTF8", "--no-instructions");
            pg.pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log.txt").toString(), "-w", "-t", "60",
                    "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", "start");
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
            shared = pg;
        }
        return shared;
    }

    /** A fresh, empty database on the server. */
    public DatabaseLocation newDatabase() throws IOException, InterruptedException {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        pg("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "rlhf4j", "-d", "postgres", "-q", "-c", "CREATE DATABASE " + name);
        return new DatabaseLocation("jdbc:postgresql://127.0.0.1:" + port + "/" + name, "rlhf4j", null);
    }

    private void stop() {
        try {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e);
        }
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        Path exe = bin.resolve(tool);
        if (!Files.isExecutable(exe)) exe = Path.of("/usr/bin", tool);
        List<String> command = new ArrayList<>();
        if (asPostgresUser) command.addAll(List.of("runuser", "-u", "postgres", "--"));
        command.add(exe.toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
    }
}
