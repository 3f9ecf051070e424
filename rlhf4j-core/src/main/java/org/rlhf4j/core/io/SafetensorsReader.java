package org.rlhf4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a safetensors file (https://github.com/huggingface/safetensors) through a memory mapping.
 *
 * <p>Layout: u64 little-endian header length N; N bytes of UTF-8 JSON header; the data section,
 * where each tensor occupies {@code data_offsets [begin, end)} (relative to the section start),
 * little-endian, C order. The whole header is validated by {@link #open}, so a reader that opened
 * never fails later on a malformed entry.
 *
 * <p>Offsets are 64-bit throughout. A data section up to 2 GiB is mapped once and sliced; a larger
 * one is mapped tensor by tensor, so only single tensors are bound by the 2 GiB of a ByteBuffer.
 * Buffers handed out stay readable after {@link #close()} (Java cannot unmap on demand; the
 * mapping goes when they are garbage), but the reader itself refuses calls once closed.
 * Safe for concurrent reads.
 */
public final class SafetensorsReader implements AutoCloseable {

    /** Headers larger than this are rejected as corrupt; the reference implementation uses the same limit. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final long dataBytes;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;
    private ByteBuffer wholeData; // lazily mapped when the data section fits one buffer
    private final Map<String, ByteBuffer> perTensor = new LinkedHashMap<>();
    private boolean closed;

    private SafetensorsReader(Path file, FileChannel channel, long dataStart, long dataBytes, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.dataBytes = dataBytes;
        this.tensors = new LinkedHashMap<>();
        header.tensors().forEach(t -> tensors.put(t.name(), t));
        this.metadata = header.metadata();
    }

    /**
     * Opens and validates {@code file}.
     *
     * @throws SafetensorsException if the file is missing or not a well-formed safetensors file
     * @throws IOException on a failure to read it
     */
    public static SafetensorsReader open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new SafetensorsException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new SafetensorsException(file, "is a directory, not a safetensors file");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            long headerBytes = headerLength(file, channel, size);
            byte[] header = new byte[(int) headerBytes];
            readFully(channel, ByteBuffer.wrap(header), 8);
            long dataBytes = size - 8 - headerBytes;
            SafetensorsHeader parsed = SafetensorsHeader.parse(file, header, dataBytes);
            return new SafetensorsReader(file, channel, 8 + headerBytes, dataBytes, parsed);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static long headerLength(Path file, FileChannel channel, long size) throws IOException {
        if (size < 8) {
            throw new SafetensorsException(file, "file is " + size + " bytes, shorter than the 8-byte header length that starts a safetensors file");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, prefix, 0);
        long length = prefix.getLong(0); // an unsigned u64 on disk: "negative" means >= 2^63
        if (length < 0 || length > MAX_HEADER_BYTES) {
            throw new SafetensorsException(file, "header length " + Long.toUnsignedString(length)
                    + " exceeds the " + MAX_HEADER_BYTES / 1_000_000 + " MB limit (not a safetensors file, or corrupt)");
        }
        if (length > size - 8) {
            throw new SafetensorsException(file, "header length " + length + " is larger than the file (" + size + " bytes; truncated?)");
        }
        return length;
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += read;
        }
    }

    /** The file this reader reads. */
    public Path path() {
        return file;
    }

    /** Tensor names in the order of the header. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The header entry of {@code name}; throws {@link SafetensorsException} if there is none. */
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new SafetensorsException(file, "no tensor named '" + name + "' (it holds " + tensors.size() + " tensors)");
        }
        return info;
    }

    /** The {@code __metadata__} string map, in file order; empty if absent. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The raw bytes of {@code name}: read-only, little-endian, positioned at 0, a view of the mapping. */
    public synchronized ByteBuffer bytes(String name) throws IOException {
        checkOpen();
        TensorInfo info = info(name);
        if (info.byteSize() > Integer.MAX_VALUE) {
            throw new SafetensorsException(file, "tensor '" + name + "' is " + info.byteSize()
                    + " bytes, more than the 2 GiB one ByteBuffer can address; read it in parts");
        }
        ByteBuffer region = dataBytes <= Integer.MAX_VALUE ? sliceOfWhole(info) : mapOne(info);
        return region.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer sliceOfWhole(TensorInfo info) throws IOException {
        if (wholeData == null) {
            wholeData = channel.map(FileChannel.MapMode.READ_ONLY, dataStart, dataBytes);
        }
        return wholeData.slice((int) info.begin(), (int) info.byteSize());
    }

    private ByteBuffer mapOne(TensorInfo info) throws IOException {
        ByteBuffer mapped = perTensor.get(info.name());
        if (mapped == null) {
            MappedByteBuffer fresh = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.byteSize());
            perTensor.put(info.name(), fresh);
            mapped = fresh;
        }
        return mapped.duplicate();
    }

    /** The values of a F32, F16, BF16 or F64 tensor as floats (F64 rounded), in C order. */
    public float[] floats(String name) throws IOException {
        TensorInfo info = info(name);
        if (!info.dtype().isFloatingPoint()) {
            throw new SafetensorsException(file, "tensor '" + name + "' has dtype " + info.dtype() + "; floats() reads F32, F16, BF16 or F64");
        }
        float[] values = new float[arrayLength(info)];
        ByteBuffer data = bytes(name);
        if (info.dtype() == DType.F32) {
            data.asFloatBuffer().get(values);
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = floatAt(data, info.dtype(), i);
        }
        return values;
    }

    private static float floatAt(ByteBuffer data, DType dtype, int index) {
        return switch (dtype) {
            case F64 -> (float) data.getDouble(index * 8);
            case F16 -> HalfPrecision.halfBitsToFloat(data.getShort(index * 2));
            case BF16 -> HalfPrecision.bfloat16BitsToFloat(data.getShort(index * 2));
            default -> data.getFloat(index * 4);
        };
    }

    /** The values of an integer tensor (I64, I32, I16, I8, U8 unsigned, BOOL as 0/1) as longs, in C order. */
    public long[] longs(String name) throws IOException {
        TensorInfo info = info(name);
        if (info.dtype().isFloatingPoint()) {
            throw new SafetensorsException(file, "tensor '" + name + "' has dtype " + info.dtype() + "; longs() reads I64, I32, I16, I8, U8 or BOOL");
        }
        long[] values = new long[arrayLength(info)];
        ByteBuffer data = bytes(name);
        for (int i = 0; i < values.length; i++) {
            values[i] = longAt(data, info.dtype(), i);
        }
        return values;
    }

    private static long longAt(ByteBuffer data, DType dtype, int index) {
        return switch (dtype) {
            case I32 -> data.getInt(index * 4);
            case I16 -> data.getShort(index * 2);
            case I8 -> data.get(index);
            case U8 -> data.get(index) & 0xff;
            case BOOL -> data.get(index) != 0 ? 1 : 0;
            default -> data.getLong(index * 8);
        };
    }

    private int arrayLength(TensorInfo info) {
        long count = info.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new SafetensorsException(file, "tensor '" + info.name() + "' has " + count
                    + " elements, more than a Java array holds; use bytes() on a smaller tensor");
        }
        return (int) count;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("reader of " + file + " is closed");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
