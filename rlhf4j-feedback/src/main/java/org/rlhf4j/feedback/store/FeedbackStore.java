package org.rlhf4j.feedback.store;

import org.rlhf4j.feedback.LineProblem;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rlhf4j.core.UserError;
import org.rlhf4j.feedback.Feedback;

/**
 * An append-only JSON Lines file of feedback records, one {@link FeedbackCodec} line each.
 *
 * <p><b>Durability.</b> {@link #append} writes a whole batch, then forces it to disk once; when it
 * returns, the batch survives a crash. A crash during a write can leave at most a torn last line,
 * never damage earlier ones, because bytes are only ever added at the end. Readers report a torn
 * last line and carry on; {@link #open} moves it aside (to {@code <file>.torn-<time>}, never
 * deleting it) so the next record starts on a fresh line.
 *
 * <p><b>One writer per file.</b> An open store holds an exclusive {@link FileLock} on its file
 * until {@link #close}; a second writer, in this process or another, gets a {@link UserError}.
 * Readers take no lock and may read while a writer appends (they may see a torn last line).
 */
public final class FeedbackStore implements Closeable {
    private static final DateTimeFormatter TORN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final String TORN_MESSAGE = "incomplete last line (interrupted write?)";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path tornBytesMovedTo;

    private FeedbackStore(Path file, FileChannel channel, FileLock lock, Path tornBytesMovedTo) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.tornBytesMovedTo = tornBytesMovedTo;
    }

    /** Opens a store for appending, creating the file (and its folder) if missing. */
    public static FeedbackStore open(Path file) {
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = lockFor(file, channel);
            Path moved = repairTail(file, channel);
            return new FeedbackStore(file, channel, lock, moved);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open feedback store " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock lockFor(Path file, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) throw new UserError("feedback file " + file + " is already open for writing (a store has one writer at a time); close the other writer first");
        return lock;
    }

    /**
     * When the file does not end with a line break, its last line is either a complete record whose
     * break is missing (a hand edit: end it) or the torn end of an interrupted write (copy it aside
     * and cut it off, so it does not glue onto the next record). Returns where torn bytes went.
     */
    private static Path repairTail(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || byteAt(channel, size - 1) == '\n') return null;
        long start = lastLineStart(channel, size);
        ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(size - start));
        readFully(channel, tail, start);
        tail.flip();
        Optional<String> text = strictUtf8(tail.duplicate());
        if (text.isPresent() && FeedbackCodec.isJson(text.get())) {
            writeFully(channel, ByteBuffer.wrap(new byte[] {'\n'}), size);
            channel.force(true);
            return null;
        }
        Path aside = asideName(file);
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, tail, 0);
            out.force(true);
        }
        // Only once the copy is on disk is the original cut, so a crash here loses nothing.
        channel.truncate(start);
        channel.force(true);
        return aside;
    }

    private static Path asideName(Path file) {
        String base = file.getFileName() + ".torn-" + TORN_STAMP.format(Instant.now());
        Path aside = file.resolveSibling(base);
        for (int i = 2; Files.exists(aside); i++) aside = file.resolveSibling(base + "-" + i);
        return aside;
    }

    private static byte byteAt(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        readFully(channel, one, position);
        return one.get(0);
    }

    /** The offset just after the last line break before {@code size}, or 0. */
    private static long lastLineStart(FileChannel channel, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - from));
            readFully(channel, chunk, from);
            for (int i = chunk.limit() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') return from + i + 1;
            }
            end = from;
        }
        return 0;
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) throw new IOException("file ended early");
            position += n;
        }
    }

    private static long writeFully(FileChannel channel, ByteBuffer from, long position) throws IOException {
        while (from.hasRemaining()) position += channel.write(from, position);
        return position;
    }

    /** The file this store appends to. */
    public Path file() {
        return file;
    }

    /** Where {@link #open} moved a torn last line, if it found one. */
    public Optional<Path> tornBytesMovedTo() {
        return Optional.ofNullable(tornBytesMovedTo);
    }

    /**
     * Appends the records as lines and forces them to disk once for the whole batch. Every record
     * is encoded before anything is written, so a batch that cannot be encoded writes nothing.
     */
    public void append(List<? extends Feedback> batch) {
        if (!channel.isOpen()) throw new IllegalStateException("feedback store " + file + " is closed");
        if (batch.isEmpty()) return;
        StringBuilder lines = new StringBuilder();
        for (Feedback f : batch) lines.append(FeedbackCodec.encode(f)).append('\n');
        try {
            writeFully(channel, StandardCharsets.UTF_8.encode(CharBuffer.wrap(lines)), channel.size());
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to feedback store " + file, e);
        }
    }

    /** All records of this store's file; see {@link #read(Path)}. */
    public ReadResult read() {
        return read(file);
    }

    /** Streams this store's file; see {@link #forEach(Path, Consumer, Consumer)}. */
    public void forEach(Consumer<Feedback> records, Consumer<LineProblem> problems) {
        forEach(file, records, problems);
    }

    /** Every valid record of a file, in order, and every skipped line with the reason. */
    public static ReadResult read(Path file) {
        List<Feedback> records = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        forEach(file, records::add, problems::add);
        return new ReadResult(records, problems);
    }

    /**
     * Streams a file in constant memory (one line at a time): each valid record goes to
     * {@code records}, each bad line to {@code problems}, and reading goes on. Blank lines are
     * skipped. A last line without a line break that is not JSON is reported as torn.
     */
    public static void forEach(Path file, Consumer<Feedback> records, Consumer<LineProblem> problems) {
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            long number = 0;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') continue;
                    line.write(chunk, from, i - from);
                    handleLine(file, ++number, line, true, records, problems);
                    line.reset();
                    from = i + 1;
                }
                line.write(chunk, from, n - from);
            }
            if (line.size() > 0) handleLine(file, ++number, line, false, records, problems);
        } catch (NoSuchFileException e) {
            throw new UserError("feedback file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feedback file " + file, e);
        }
    }

    private static void handleLine(Path file, long number, ByteArrayOutputStream bytes, boolean ended,
                                   Consumer<Feedback> records, Consumer<LineProblem> problems) {
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        Optional<String> text = strictUtf8(ByteBuffer.wrap(raw, 0, length));
        if (text.isEmpty()) {
            problems.accept(new LineProblem(file, number, null, ended ? "not valid UTF-8 text" : TORN_MESSAGE));
            return;
        }
        if (text.get().isBlank()) return;
        try {
            records.accept(FeedbackCodec.decode(text.get()));
        } catch (FeedbackFormatException e) {
            boolean torn = !ended && e.notJson();
            problems.accept(new LineProblem(file, number, torn ? null : e.field(), torn ? TORN_MESSAGE : e.detail()));
        }
    }

    private static Optional<String> strictUtf8(ByteBuffer bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Releases the lock; appended batches are already on disk. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close feedback store " + file, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing with a more useful error.
        }
    }
}
