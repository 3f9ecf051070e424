package org.rlhf4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlhf4j.core.UserError;

class SafetensorsReaderTest {

    @TempDir
    Path dir;

    /** A file spelled out byte by byte: two F32 values, 1.0 and -2.5, and one metadata entry. */
    @Test
    void readsAHandWrittenFile() throws Exception {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"__metadata__\":{\"format\":\"pt\"}}";
        assertThat(header).hasSize(85); // padded with 3 spaces to 88 = 0x58
        byte[] bytes = concat(
                new byte[] {0x58, 0, 0, 0, 0, 0, 0, 0},
                (header + "   ").getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x00, 0x00, (byte) 0x80, 0x3F}, // 1.0f = 0x3F800000, little-endian
                new byte[] {0x00, 0x00, 0x20, (byte) 0xC0}); // -2.5f = 0xC0200000
        Path file = Files.write(dir.resolve("golden.safetensors"), bytes);

        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.names()).containsExactly("w");
            assertThat(reader.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(reader.info("w")).isEqualTo(new TensorInfo("w", DType.F32, new long[] {2}, 0, 8));
            assertThat(reader.floats("w")).containsExactly(1.0f, -2.5f);
            ByteBuffer raw = reader.bytes("w");
            assertThat(raw.isReadOnly()).isTrue();
            assertThat(raw.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(raw.remaining()).isEqualTo(8);
            assertThat(raw.getInt(4)).isEqualTo(0xC0200000);
        }
    }

    @Test
    void keepsFileOrderAndReadsEveryDType() throws Exception {
        // z before a: order is the file's, not sorted; offsets deliberately not in name order
        String header = "{\"z\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[4,8]},"
                + "\"u\":{\"dtype\":\"U8\",\"shape\":[1,2],\"data_offsets\":[12,14]},"
                + "\"e\":{\"dtype\":\"F64\",\"shape\":[0,3],\"data_offsets\":[14,14]}}";
        byte[] data = {
            (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // I32 -2
            0x01, 0x00, (byte) 0xFF, 0x7B, // F16 0x0001 = 2^-24, 0x7BFF = 65504
            (byte) 0x80, 0x3F, 0x00, (byte) 0xC0, // BF16 0x3F80 = 1, 0xC000 = -2
            (byte) 0xFF, 0x07}; // U8 255, 7
        Path file = Files.write(dir.resolve("mixed.safetensors"), concat(lengthPrefix(header), ascii(header), data));

        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.names()).containsExactly("z", "a", "h", "u", "e");
            assertThat(reader.metadata()).isEmpty();
            assertThat(reader.longs("a")).containsExactly(-2L);
            assertThat(reader.floats("h")).containsExactly(5.9604645e-8f, 65504f);
            assertThat(reader.floats("z")).containsExactly(1.0f, -2.0f);
            assertThat(reader.longs("u")).containsExactly(255L, 7L);
            assertThat(reader.floats("e")).isEmpty();
            assertThat(reader.info("u").shape()).containsExactly(1, 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsBadFilesNamingFileAndProblem(String problem, byte[] bytes, String expectedFragment) throws Exception {
        Path file = Files.write(dir.resolve("bad.safetensors"), bytes);
        assertThatThrownBy(() -> SafetensorsReader.open(file).close())
                .isInstanceOf(SafetensorsException.class)
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining(expectedFragment);
    }

    static Stream<Arguments> badFiles() {
        String ok = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        return Stream.of(
                bad("empty file", new byte[0], "file is 0 bytes, shorter than the 8-byte header length"),
                bad("5 bytes", new byte[] {1, 2, 3, 4, 5}, "file is 5 bytes"),
                bad("header past the end", concat(new byte[] {(byte) 0xE8, 0x03, 0, 0, 0, 0, 0, 0}, ascii("{}")),
                        "header length 1000 is larger than the file (10 bytes"),
                bad("absurd header", new byte[] {0, (byte) 0xC2, (byte) 0xEB, 0x0B, 0, 0, 0, 0}, // 200,000,000
                        "header length 200000000 exceeds the 100 MB limit"),
                bad("u64 above 2^63", new byte[] {-1, -1, -1, -1, -1, -1, -1, -1},
                        "header length 18446744073709551615 exceeds"),
                bad("not JSON", file("{\"w\": nope}", 0), "header is not valid JSON at column"),
                bad("trailing garbage", file("{} x", 0), "header is not valid JSON"),
                bad("a JSON array", file("[1,2]", 0), "header is not a JSON object"),
                bad("empty header", file("", 0), "header is not a JSON object"),
                bad("not UTF-8", concat(lengthPrefix(4), new byte[] {'{', (byte) 0xC3, 0x28, '}'}), "header is not valid UTF-8"),
                bad("duplicate name", file("{\"w\":" + ok + ",\"w\":" + ok + "}", 8), "Duplicate"),
                bad("entry not an object", file("{\"w\":3}", 0), "tensor 'w' must be a JSON object"),
                bad("no dtype", file("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "tensor 'w' is missing \"dtype\""),
                bad("no shape", file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8), "tensor 'w' is missing \"shape\""),
                bad("no offsets", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "tensor 'w' is missing \"data_offsets\""),
                bad("unknown dtype", file("{\"w\":{\"dtype\":\"F8\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2),
                        "tensor 'w' has unknown dtype 'F8'"),
                bad("dtype a number", file("{\"w\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "dtype must be a string"),
                bad("fractional dim", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8),
                        "shape must be an array of integers"),
                bad("negative dim", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8),
                        "tensor 'w' has a negative dimension -2 in shape [-2]"),
                bad("three offsets", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4,8]}}", 8),
                        "data_offsets must be two non-negative integers [begin, end], got [0, 4, 8]"),
                bad("begin after end", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8),
                        "data_offsets [8, 0] begin after they end"),
                bad("past the data", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8),
                        "data_offsets [0, 16] out of range: the data section holds 8 bytes"),
                bad("size mismatch", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
                        "tensor 'w': data_offsets span 8 bytes but shape [3] of F32 needs 12"),
                bad("overlap", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12),
                        "tensors 'a' [0, 8) and 'b' [4, 12) overlap"),
                bad("metadata not strings", file("{\"__metadata__\":{\"epoch\":3}}", 0),
                        "__metadata__ value of 'epoch' must be a string, got 3"));
    }

    @Test
    void missingFileAndDirectoryAreUserErrors() {
        Path missing = dir.resolve("nope.safetensors");
        assertThatThrownBy(() -> SafetensorsReader.open(missing))
                .isInstanceOf(SafetensorsException.class).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> SafetensorsReader.open(dir))
                .isInstanceOf(SafetensorsException.class).hasMessageContaining("is a directory");
    }

    @Test
    void asksForTheWrongTensorOrTypeClearly() throws Exception {
        Path file = new SafetensorsWriter().addLongs("ids", DType.I64, new long[] {1}, new long[] {7}).write(dir.resolve("t.safetensors"));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThatThrownBy(() -> reader.info("nope")).isInstanceOf(SafetensorsException.class)
                    .hasMessageContaining("no tensor named 'nope'");
            assertThatThrownBy(() -> reader.floats("ids")).isInstanceOf(SafetensorsException.class)
                    .hasMessageContaining("tensor 'ids' has dtype I64; floats() reads");
        }
    }

    @Test
    void refusesCallsAfterClose() throws Exception {
        Path file = new SafetensorsWriter().addFloats("w", DType.F32, new long[] {1}, new float[] {1}).write(dir.resolve("c.safetensors"));
        SafetensorsReader reader = SafetensorsReader.open(file);
        reader.close();
        assertThatThrownBy(() -> reader.bytes("w")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /**
     * A sparse file of about 3 GB (no disk used): tensor "big" fills the first 3e9 data bytes and
     * "tail" sits behind it, so reading "tail" needs 64-bit offsets and a mapping of its own.
     */
    @Test
    void readsTensorsBeyondTwoGigabytes() throws Exception {
        long big = 3_000_000_000L;
        String header = "{\"big\":{\"dtype\":\"U8\",\"shape\":[" + big + "],\"data_offsets\":[0," + big + "]},"
                + "\"tail\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" + big + "," + (big + 8) + "]}}";
        Path file = dir.resolve("sparse.safetensors");
        long dataStart = 8 + header.length();
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(concat(lengthPrefix(header), ascii(header)));
            out.setLength(dataStart + big + 8);
            out.seek(dataStart + big);
            out.write(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0}); // 1.0f, -2.5f
        }
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.info("tail").begin()).isEqualTo(big);
            assertThat(reader.floats("tail")).containsExactly(1.0f, -2.5f);
            assertThatThrownBy(() -> reader.bytes("big")).isInstanceOf(SafetensorsException.class)
                    .hasMessageContaining("tensor 'big' is 3000000000 bytes, more than the 2 GiB");
        }
    }

    private static Arguments bad(String problem, byte[] bytes, String fragment) {
        return Arguments.of(problem, bytes, fragment);
    }

    private static byte[] file(String header, int dataBytes) {
        return concat(lengthPrefix(header), ascii(header), new byte[dataBytes]);
    }

    private static byte[] lengthPrefix(String header) {
        return lengthPrefix(header.length());
    }

    private static byte[] lengthPrefix(long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
