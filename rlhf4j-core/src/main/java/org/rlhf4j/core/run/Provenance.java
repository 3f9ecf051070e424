package org.rlhf4j.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.rlhf4j.core.UserError;

/**
 * How an artifact was made: the {@code run.json} written beside every checkpoint, model and
 * report, so any result can be traced to its config, seeds, data, parent and software.
 *
 * @param kind        what produced it: "pretrain", "sft", "reward", "ppo", ...
 * @param created     when
 * @param config      the full config as a JSON tree (kept as a private copy)
 * @param seed        the run's root seed
 * @param seedStreams seeds of the named streams derived from it ({@link SeedStreams})
 * @param dataFiles   input files with their SHA-256 and size
 * @param parent      the checkpoint this run started from, or null when it started from scratch
 * @param versions    rlhf4j, Java, OS and engine versions
 * @param commandLine the arguments the run was started with (empty when not started from a CLI)
 * @param cpuCount    processors available to the JVM
 */
public record Provenance(
        String kind,
        Instant created,
        JsonNode config,
        long seed,
        Map<String, Long> seedStreams,
        List<DataFile> dataFiles,
        ParentCheckpoint parent,
        Versions versions,
        List<String> commandLine,
        int cpuCount) {

    /** Version of the run.json layout; {@link #read} refuses newer ones. */
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Provenance {
        requireText(kind, "kind");
        Objects.requireNonNull(created, "created");
        config = Objects.requireNonNull(config, "config").deepCopy();
        seedStreams = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(seedStreams, "seedStreams")));
        dataFiles = List.copyOf(dataFiles);
        Objects.requireNonNull(versions, "versions");
        commandLine = List.copyOf(commandLine);
        if (cpuCount < 1) {
            throw new IllegalArgumentException("cpuCount must be >= 1, got " + cpuCount);
        }
    }

    /** An input file, identified by content. */
    public record DataFile(String path, String sha256, long sizeBytes) {
        public DataFile {
            requireText(path, "path");
            requireText(sha256, "sha256");
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
            }
        }

        /** Hashes {@code file} (streaming) and records its size. */
        /** {@link #of} for each file, in order. */
        public static List<DataFile> ofAll(List<Path> files) throws IOException {
            List<DataFile> out = new java.util.ArrayList<>();
            for (Path f : files) out.add(of(f));
            return out;
        }

        public static DataFile of(Path file) throws IOException {
            return new DataFile(file.toString(), Provenance.sha256(file), Files.size(file));
        }
    }

    /** The checkpoint a run started from; {@code sha256} as {@link Provenance#sha256} computes it. */
    public record ParentCheckpoint(String path, String sha256) {
        public ParentCheckpoint {
            requireText(path, "path");
            requireText(sha256, "sha256");
        }

        public static ParentCheckpoint of(Path checkpoint) throws IOException {
            return new ParentCheckpoint(checkpoint.toString(), Provenance.sha256(checkpoint));
        }
    }

    /**
     * Software versions. {@code engines} is open: the caller adds e.g. "libtorch" -> "2.10.0",
     * "javacpp" -> "1.5.13".
     */
    public record Versions(String rlhf4j, String java, String os, String arch, Map<String, String> engines) {
        public Versions {
            requireText(rlhf4j, "rlhf4j");
            requireText(java, "java");
            requireText(os, "os");
            requireText(arch, "arch");
            engines = Collections.unmodifiableMap(new LinkedHashMap<>(engines));
        }

        /**
         * This JVM's versions. The rlhf4j version comes from the jar manifest's
         * Implementation-Version, and is "unknown" when running from classes (tests, IDE).
         */
        public static Versions current(Map<String, String> engines) {
            String rlhf4j = Objects.requireNonNullElse(Provenance.class.getPackage().getImplementationVersion(), "unknown");
            return new Versions(rlhf4j, Runtime.version().toString(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("os.arch"), engines);
        }

        public Versions withEngines(Map<String, String> added) {
            Map<String, String> all = new LinkedHashMap<>(engines);
            all.putAll(added);
            return new Versions(rlhf4j, java, os, arch, all);
        }
    }

    /**
     * Provenance of a run starting now on this machine: the seeds of {@code streamNames} are
     * recorded; data files, parent, engine versions and command line start empty ({@code with*}).
     */
    public static Provenance capture(String kind, JsonNode config, SeedStreams seeds, String... streamNames) {
        Map<String, Long> streams = new LinkedHashMap<>();
        for (String name : streamNames) {
            streams.put(name, seeds.seed(name));
        }
        return new Provenance(kind, Instant.now(), config, seeds.rootSeed(), streams, List.of(), null,
                Versions.current(Map.of()), List.of(), Runtime.getRuntime().availableProcessors());
    }

    public Provenance withDataFiles(List<DataFile> files) {
        return new Provenance(kind, created, config, seed, seedStreams, files, parent, versions, commandLine, cpuCount);
    }

    public Provenance withParent(ParentCheckpoint checkpoint) {
        return new Provenance(kind, created, config, seed, seedStreams, dataFiles, checkpoint, versions, commandLine, cpuCount);
    }

    public Provenance withEngineVersions(Map<String, String> engines) {
        return new Provenance(kind, created, config, seed, seedStreams, dataFiles, parent, versions.withEngines(engines), commandLine, cpuCount);
    }

    public Provenance withCommandLine(List<String> arguments) {
        return new Provenance(kind, created, config, seed, seedStreams, dataFiles, parent, versions, arguments, cpuCount);
    }

    @Override
    public JsonNode config() {
        return config.deepCopy();
    }

    /** Writes pretty JSON to {@code file}, replacing it atomically (temp file + rename). */
    public Path write(Path file) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), toJson());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Reads a run.json; throws {@link UserError} naming the file and field if it is malformed or newer. */
    public static Provenance read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new UserError(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UserError(file + ": expected a JSON object");
        }
        return new ProvenanceJson(file, root).read();
    }

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("kind", kind);
        root.put("created", created.toString());
        root.put("seed", seed);
        ObjectNode streams = root.putObject("seed_streams");
        seedStreams.forEach(streams::put);
        root.set("config", config);
        ArrayNode files = root.putArray("data_files");
        for (DataFile data : dataFiles) {
            files.addObject().put("path", data.path()).put("sha256", data.sha256()).put("size_bytes", data.sizeBytes());
        }
        root.set("parent", parent == null ? NullNode.getInstance()
                : JSON.createObjectNode().put("path", parent.path()).put("sha256", parent.sha256()));
        ObjectNode software = root.putObject("versions").put("rlhf4j", versions.rlhf4j()).put("java", versions.java())
                .put("os", versions.os()).put("arch", versions.arch());
        ObjectNode engines = software.putObject("engines");
        versions.engines().forEach(engines::put);
        ArrayNode arguments = root.putArray("command_line");
        commandLine.forEach(arguments::add);
        root.put("cpu_count", cpuCount);
        return root;
    }

    /** Parses the fields of a run.json tree with messages naming the file and field. */
    private record ProvenanceJson(Path file, JsonNode root) {
        Provenance read() {
            int version = root.path("format_version").asInt(-1);
            if (!root.path("format_version").isInt() || version < 1) {
                throw error("format_version", "must be a positive integer, got " + root.get("format_version"));
            }
            if (version > FORMAT_VERSION) {
                throw new UserError(file + ": format_version " + version + " is newer than this rlhf4j reads (up to "
                        + FORMAT_VERSION + "); it was written by a later rlhf4j, upgrade to read it");
            }
            return new Provenance(text(root, "kind"), instant("created"), field(root, "config"), integer(root, "seed"),
                    seedStreams(), dataFiles(), parent(), versions(), commandLine(), (int) integer(root, "cpu_count"));
        }

        private Map<String, Long> seedStreams() {
            Map<String, Long> streams = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : object(root, "seed_streams").properties()) {
                streams.put(entry.getKey(), integer(object(root, "seed_streams"), entry.getKey()));
            }
            return streams;
        }

        private List<DataFile> dataFiles() {
            List<DataFile> files = new ArrayList<>();
            for (JsonNode data : array(root, "data_files")) {
                files.add(new DataFile(text(data, "path"), text(data, "sha256"), integer(data, "size_bytes")));
            }
            return files;
        }

        private ParentCheckpoint parent() {
            JsonNode parent = field(root, "parent");
            return parent.isNull() ? null : new ParentCheckpoint(text(parent, "path"), text(parent, "sha256"));
        }

        private Versions versions() {
            JsonNode versions = object(root, "versions");
            Map<String, String> engines = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : object(versions, "engines").properties()) {
                engines.put(entry.getKey(), text(object(versions, "engines"), entry.getKey()));
            }
            return new Versions(text(versions, "rlhf4j"), text(versions, "java"), text(versions, "os"), text(versions, "arch"), engines);
        }

        private List<String> commandLine() {
            List<String> arguments = new ArrayList<>();
            for (JsonNode argument : array(root, "command_line")) {
                if (!argument.isTextual()) {
                    throw error("command_line", "must hold strings, got " + argument);
                }
                arguments.add(argument.textValue());
            }
            return arguments;
        }

        private Instant instant(String name) {
            try {
                return Instant.parse(text(root, name));
            } catch (DateTimeParseException e) {
                throw error(name, "must be an ISO-8601 instant such as 2025-01-31T10:15:30Z, got " + root.get(name));
            }
        }

        private JsonNode field(JsonNode node, String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                throw error(name, "is missing");
            }
            return value;
        }

        private String text(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isTextual()) {
                throw error(name, "must be a string, got " + value);
            }
            return value.textValue();
        }

        private long integer(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw error(name, "must be a 64-bit integer, got " + value);
            }
            return value.longValue();
        }

        private JsonNode object(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isObject()) {
                throw error(name, "must be a JSON object, got " + value);
            }
            return value;
        }

        private JsonNode array(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isArray()) {
                throw error(name, "must be a JSON array, got " + value);
            }
            return value;
        }

        private UserError error(String field, String problem) {
            return new UserError(file + ": field \"" + field + "\" " + problem);
        }
    }

    /**
     * Lower-case hex SHA-256, streamed. A regular file hashes its bytes. A directory (a
     * checkpoint) hashes the listing of its regular files, sorted by relative path with '/'
     * separators, one line each: {@code <path> NUL <file sha256> LF}; symbolic links and empty
     * directories are not part of it.
     */
    public static String sha256(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return treeSha256(path);
        }
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String treeSha256(Path root) throws IOException {
        List<String> relative;
        try (Stream<Path> walk = Files.walk(root)) {
            relative = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "/"))
                    .sorted()
                    .toList();
        }
        MessageDigest digest = newDigest();
        for (String path : relative) {
            digest.update((path + "\0" + sha256(root.resolve(path)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be non-blank, got " + (value == null ? "null" : "'" + value + "'"));
        }
    }
}
