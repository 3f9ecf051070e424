package org.rlhf4j.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects tensors and metadata, then writes them as one safetensors file. Tensors keep the order
 * they were added in, packed back to back from data offset 0; the header is compact JSON padded
 * with spaces to a multiple of 8 bytes, so the data section starts 8-byte aligned.
 *
 * <p>Arrays and buffers are referenced, not copied, until {@link #write}: do not change them in
 * between. {@link #write} writes straight to the given path; make it atomic at the directory
 * level ({@code org.rlhf4j.core.run.AtomicDirectory}).
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_BYTES = 1 << 16;

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Adds a tensor given as raw little-endian bytes (from position to limit of {@code data}). */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, ByteBuffer data) {
        long expected = checkedByteSize(name, dtype, shape);
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("tensor '" + name + "': " + data.remaining() + " bytes given but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + expected);
        }
        return put(new Entry(name, dtype, shape.clone(), new RawBytes(data.duplicate())));
    }

    /** Adds a F32, F16, BF16 or F64 tensor; narrowing to F16/BF16 rounds to nearest even. */
    public SafetensorsWriter addFloats(String name, DType dtype, long[] shape, float[] values) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("tensor '" + name + "': addFloats needs F32, F16, BF16 or F64, got " + dtype);
        }
        checkCount(name, dtype, shape, values.length);
        return put(new Entry(name, dtype, shape.clone(), new FloatValues(values, dtype)));
    }

    /** Adds an I64, I32, I16, I8, U8 or BOOL (0/1) tensor; each value must fit the type. */
    public SafetensorsWriter addLongs(String name, DType dtype, long[] shape, long[] values) {
        if (dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("tensor '" + name + "': addLongs needs an integer dtype, got " + dtype);
        }
        checkCount(name, dtype, shape, values.length);
        checkRange(name, dtype, values);
        return put(new Entry(name, dtype, shape.clone(), new LongValues(values, dtype)));
    }

    /** Adds a {@code __metadata__} entry (a later value for the same key replaces the earlier one). */
    public SafetensorsWriter putMetadata(String key, String value) {
        metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Header entries the file will have, in order, with their data offsets. */
    public List<TensorInfo> layout() {
        List<TensorInfo> layout = new ArrayList<>();
        long offset = 0;
        for (Entry entry : entries.values()) {
            long end = offset + entry.payload.byteSize();
            layout.add(new TensorInfo(entry.name, entry.dtype, entry.shape, offset, end));
            offset = end;
        }
        return layout;
    }

    /** Writes the file, replacing any file at {@code file}; returns {@code file}. */
    public Path write(Path file) throws IOException {
        byte[] header = header();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            writeFully(channel, prefix);
            ByteBuffer scratch = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Entry entry : entries.values()) {
                entry.payload.writeTo(channel, scratch);
            }
        }
        return file;
    }

    /** The header JSON as UTF-8, padded with spaces to a multiple of 8 bytes. */
    byte[] header() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        for (TensorInfo info : layout()) {
            ObjectNode node = root.putObject(info.name());
            node.put("dtype", info.dtype().safetensorsName());
            ArrayNode shape = node.putArray("shape");
            Arrays.stream(info.shape()).forEach(shape::add);
            node.putArray("data_offsets").add(info.begin()).add(info.end());
        }
        byte[] json = JSON.writeValueAsBytes(root);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private SafetensorsWriter put(Entry entry) {
        if (entries.containsKey(entry.name)) {
            throw new IllegalArgumentException("tensor name '" + entry.name + "' added twice; names in a safetensors file must be unique");
        }
        entries.put(entry.name, entry);
        return this;
    }

    private static long checkedByteSize(String name, DType dtype, long[] shape) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("tensor name must be non-empty and not " + SafetensorsHeader.METADATA_KEY + ", got '" + name + "'");
        }
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return Math.multiplyExact(TensorInfo.elementCount(shape), dtype.byteSize());
    }

    private static void checkCount(String name, DType dtype, long[] shape, int length) {
        long count = checkedByteSize(name, dtype, shape) / dtype.byteSize();
        if (count != length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + length + " values given but shape "
                    + Arrays.toString(shape) + " holds " + count);
        }
    }

    private static void checkRange(String name, DType dtype, long[] values) {
        long min = switch (dtype) {
            case I32 -> Integer.MIN_VALUE;
            case I16 -> Short.MIN_VALUE;
            case I8 -> Byte.MIN_VALUE;
            case U8, BOOL -> 0;
            default -> Long.MIN_VALUE;
        };
        long max = switch (dtype) {
            case I32 -> Integer.MAX_VALUE;
            case I16 -> Short.MAX_VALUE;
            case I8 -> Byte.MAX_VALUE;
            case U8 -> 255;
            case BOOL -> 1;
            default -> Long.MAX_VALUE;
        };
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min || values[i] > max) {
                throw new IllegalArgumentException("tensor '" + name + "': value " + values[i] + " at index " + i
                        + " does not fit " + dtype + " [" + min + ", " + max + "]");
            }
        }
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private record Entry(String name, DType dtype, long[] shape, Payload payload) {
    }

    /** Tensor data that streams itself to a channel in little-endian order. */
    private interface Payload {
        long byteSize();

        /** Writes all bytes; {@code scratch} is an empty little-endian buffer to encode into. */
        void writeTo(WritableByteChannel channel, ByteBuffer scratch) throws IOException;
    }

    private record RawBytes(ByteBuffer data) implements Payload {
        public long byteSize() {
            return data.remaining();
        }

        public void writeTo(WritableByteChannel channel, ByteBuffer scratch) throws IOException {
            writeFully(channel, data.duplicate());
        }
    }

    private record FloatValues(float[] values, DType dtype) implements Payload {
        public long byteSize() {
            return (long) values.length * dtype.byteSize();
        }

        public void writeTo(WritableByteChannel channel, ByteBuffer scratch) throws IOException {
            for (float value : values) {
                if (scratch.remaining() < dtype.byteSize()) {
                    drain(channel, scratch);
                }
                switch (dtype) {
                    case F32 -> scratch.putFloat(value);
                    case F64 -> scratch.putDouble(value);
                    case F16 -> scratch.putShort(HalfPrecision.floatToHalfBits(value));
                    case BF16 -> scratch.putShort(HalfPrecision.floatToBfloat16Bits(value));
                    default -> throw new IllegalStateException("not a float dtype: " + dtype);
                }
            }
            drain(channel, scratch);
        }
    }

    private record LongValues(long[] values, DType dtype) implements Payload {
        public long byteSize() {
            return (long) values.length * dtype.byteSize();
        }

        public void writeTo(WritableByteChannel channel, ByteBuffer scratch) throws IOException {
            for (long value : values) {
                if (scratch.remaining() < dtype.byteSize()) {
                    drain(channel, scratch);
                }
                switch (dtype) {
                    case I64 -> scratch.putLong(value);
                    case I32 -> scratch.putInt((int) value);
                    case I16 -> scratch.putShort((short) value);
                    case I8, U8, BOOL -> scratch.put((byte) value);
                    default -> throw new IllegalStateException("not an integer dtype: " + dtype);
                }
            }
            drain(channel, scratch);
        }
    }

    private static void drain(WritableByteChannel channel, ByteBuffer scratch) throws IOException {
        scratch.flip();
        writeFully(channel, scratch);
        scratch.clear();
    }
}
