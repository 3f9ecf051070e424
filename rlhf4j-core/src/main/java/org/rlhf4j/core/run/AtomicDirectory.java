package org.rlhf4j.core.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a directory so that readers see either the complete old version or the complete new
 * one, never a half-written mix: the content is built in a sibling temporary directory, synced to
 * disk, and renamed into place.
 *
 * <pre>
 * 1. recover(target)                        clean up after an earlier crash
 * 2. mkdir  .NAME.tmp-STAMP                 fill(tmp); fsync every file and directory in it
 * 3. rename NAME -> .NAME.old-STAMP         only if NAME exists (rename cannot replace a non-empty dir)
 * 4. rename .NAME.tmp-STAMP -> NAME         fsync the parent
 * 5. delete .NAME.old-STAMP
 * </pre>
 *
 * Crash windows and what {@link #recover} does about each:
 * <ul>
 *   <li>during 2: a {@code .tmp} beside the intact old NAME (or none): the {@code .tmp} is deleted.
 *   <li>between 3 and 4: no NAME, an {@code .old} and a complete {@code .tmp}: the {@code .old} is
 *       renamed back to NAME (the previous version wins; the new one was never acknowledged to
 *       the caller) and the {@code .tmp} deleted.
 *   <li>during 5: the new NAME and a (partly deleted) {@code .old}: the {@code .old} is deleted.
 * </ul>
 * STAMP is the creation time in milliseconds (16 hex digits) and a random suffix, so when several
 * {@code .old} directories are left, the newest is the one restored.
 *
 * <p>One writer per target at a time; concurrent writers to the same target are not supported.
 * Renames need the temporary directory and the target on one file system, which siblings are.
 */
public final class AtomicDirectory {

    /** Fills the empty temporary directory it is given with the content of the new version. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path directory) throws IOException;
    }

    /** What {@link #recover} did: the leftover it restored as the target, if any, and what it deleted. */
    public record Recovery(Optional<Path> restoredFrom, List<Path> deleted) {
        public Recovery {
            deleted = List.copyOf(deleted);
        }

        public boolean changedAnything() {
            return restoredFrom.isPresent() || !deleted.isEmpty();
        }
    }

    private static final String TMP = "tmp";
    private static final String OLD = "old";

    private AtomicDirectory() {
    }

    /**
     * Replaces (or creates) directory {@code target} with what {@code filler} writes. If the filler
     * throws, the temporary directory is deleted, the previous target is untouched, and the
     * exception propagates. Returns {@code target}.
     */
    public static Path write(Path target, Filler filler) throws IOException {
        Path parent = parentOf(target);
        Files.createDirectories(parent);
        recover(target);
        Path tmp = Files.createDirectory(sibling(target, TMP));
        try {
            filler.fill(tmp);
            syncTree(tmp);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteTree(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        swapIn(target, tmp);
        return target;
    }

    private static void swapIn(Path target, Path tmp) throws IOException {
        Path parent = parentOf(target);
        if (Files.exists(target)) {
            Path old = sibling(target, OLD);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(parent);
            deleteTree(old);
        } else {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(parent);
        }
    }

    /**
     * Cleans up what a crashed {@link #write} left beside {@code target}: every {@code .tmp} is
     * deleted; if {@code target} is missing, the newest {@code .old} becomes the target again;
     * remaining {@code .old} directories are deleted. A no-op when nothing was left.
     */
    public static Recovery recover(Path target) throws IOException {
        Path parent = parentOf(target);
        List<Path> temps = leftovers(target, TMP);
        List<Path> olds = leftovers(target, OLD);
        Optional<Path> restored = Optional.empty();
        if (!Files.exists(target) && !olds.isEmpty()) {
            Path newest = olds.remove(olds.size() - 1);
            Files.move(newest, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(parent);
            restored = Optional.of(newest);
        }
        List<Path> deleted = new ArrayList<>(temps);
        deleted.addAll(olds);
        for (Path leftover : deleted) {
            deleteTree(leftover);
        }
        return new Recovery(restored, deleted);
    }

    /** Siblings named {@code .NAME.KIND-STAMP}, oldest first. */
    private static List<Path> leftovers(Path target, String kind) throws IOException {
        Path parent = parentOf(target);
        if (!Files.isDirectory(parent)) {
            return new ArrayList<>();
        }
        Pattern pattern = Pattern.compile(Pattern.quote("." + target.getFileName() + "." + kind + "-") + "[0-9a-f]{16}-[0-9a-f]{8}");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                if (pattern.matcher(entry.getFileName().toString()).matches()) {
                    found.add(entry);
                }
            }
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return found;
    }

    private static Path sibling(Path target, String kind) {
        String stamp = String.format(Locale.ROOT, "%016x-%08x", System.currentTimeMillis(), ThreadLocalRandom.current().nextInt());
        return parentOf(target).resolve("." + target.getFileName() + "." + kind + "-" + stamp);
    }

    private static Path parentOf(Path target) {
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() == null) {
            throw new IllegalArgumentException("target must not be a file system root: " + target);
        }
        return absolute.getParent();
    }

    /** fsyncs every regular file, then every directory bottom-up, so the rename publishes durable content. */
    private static void syncTree(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.toList();
        }
        for (Path path : all) {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                force(path);
            }
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            if (Files.isDirectory(all.get(i), LinkOption.NOFOLLOW_LINKS)) {
                force(all.get(i));
            }
        }
    }

    /** fsync of a directory makes renames and new entries in it durable. */
    private static void syncDirectory(Path directory) throws IOException {
        force(directory);
    }

    /**
     * fsync through a read-only channel (enough on POSIX, and works for files without write
     * permission). Windows can flush neither directories nor read-only handles, so there this is
     * best effort and failures are ignored.
     */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!isWindows()) {
                throw e;
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Deletes a directory tree; missing entries are fine (a crash may have deleted part of it). */
    /** Deletes a directory and everything in it (no-op if absent). Not atomic: for leftovers and superseded copies. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : all) {
            Files.deleteIfExists(path);
        }
    }
}
