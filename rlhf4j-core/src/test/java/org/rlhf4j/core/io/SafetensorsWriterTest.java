package org.rlhf4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rlhf4j.core.io.SafetensorsReaderTest.concat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesExactlyTheExpectedBytes() throws Exception {
        Path file = new SafetensorsWriter()
                .addFloats("w", DType.F32, new long[] {2}, new float[] {1.0f, -2.5f})
                .putMetadata("format", "pt")
                .write(dir.resolve("w.safetensors"));

        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] expected = concat(
                new byte[] {0x58, 0, 0, 0, 0, 0, 0, 0}, // 85 header bytes padded to 88
                (header + "   ").getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x20, (byte) 0xC0});
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void roundTripsEachDTypeWithHandWorkedEncodings() throws Exception {
        ByteBuffer raw = ByteBuffer.allocate(3).put(new byte[] {1, 0, 1}).flip();
        Path file = new SafetensorsWriter()
                .addFloats("f32", DType.F32, new long[] {2, 2}, new float[] {0.1f, -0f, Float.NaN, Float.NEGATIVE_INFINITY})
                .addFloats("bf16", DType.BF16, new long[] {3}, new float[] {1.0f, -2.0f, (float) Math.PI})
                .addFloats("f16", DType.F16, new long[] {4}, new float[] {1.0f, 65504f, 5.9604645e-8f, 1e5f})
                .addFloats("f64", DType.F64, new long[] {1}, new float[] {0.5f})
                .addLongs("i64", DType.I64, new long[] {2}, new long[] {Long.MIN_VALUE, 42})
                .addLongs("i32", DType.I32, new long[] {1}, new long[] {-7})
                .add("mask", DType.BOOL, new long[] {3}, raw)
                .write(dir.resolve("all.safetensors"));

        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.names()).containsExactly("f32", "bf16", "f16", "f64", "i64", "i32", "mask");
            assertThat(reader.floats("f32")).containsExactly(0.1f, -0f, Float.NaN, Float.NEGATIVE_INFINITY);
            assertThat(shorts(reader.bytes("bf16"))).containsExactly(0x3F80, 0xC000, 0x4049);
            assertThat(reader.floats("bf16")).containsExactly(1.0f, -2.0f, 3.140625f);
            assertThat(shorts(reader.bytes("f16"))).containsExactly(0x3C00, 0x7BFF, 0x0001, 0x7C00);
            assertThat(reader.floats("f16")).containsExactly(1.0f, 65504f, 5.9604645e-8f, Float.POSITIVE_INFINITY);
            assertThat(reader.floats("f64")).containsExactly(0.5f);
            assertThat(reader.bytes("f64").getLong(0)).isEqualTo(0x3FE0_0000_0000_0000L); // 0.5 as a double
            assertThat(reader.longs("i64")).containsExactly(Long.MIN_VALUE, 42L);
            assertThat(reader.longs("i32")).containsExactly(-7L);
            assertThat(reader.longs("mask")).containsExactly(1L, 0L, 1L);
            assertThat(reader.info("i32")).isEqualTo(new TensorInfo("i32", DType.I32, new long[] {1}, 54, 58)); // after 16 + 6 + 8 + 8 + 16 bytes
        }
    }

    @Test
    void padsTheHeaderToEightBytesAndPacksData() throws Exception {
        SafetensorsWriter writer = new SafetensorsWriter()
                .addLongs("a", DType.U8, new long[] {3}, new long[] {1, 2, 255})
                .addFloats("b", DType.F32, new long[] {}, new float[] {2f});
        assertThat(writer.header().length % 8).isZero();
        assertThat(writer.layout()).containsExactly(
                new TensorInfo("a", DType.U8, new long[] {3}, 0, 3),
                new TensorInfo("b", DType.F32, new long[] {}, 3, 7));
        Path file = writer.write(dir.resolve("p.safetensors"));
        assertThat(Files.size(file)).isEqualTo(8 + writer.header().length + 7);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.longs("a")).containsExactly(1L, 2L, 255L);
            assertThat(reader.floats("b")).containsExactly(2f);
        }
    }

    @Test
    void streamsDataLargerThanOneChunk() throws Exception {
        float[] values = new float[100_000]; // 200 kB as BF16, several 64 KiB chunks
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 256; // integers below 256 are exact in bfloat16
        }
        Path file = new SafetensorsWriter().addFloats("x", DType.BF16, new long[] {100, 1000}, values)
                .write(dir.resolve("big.safetensors"));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.floats("x")).containsExactly(values);
        }
    }

    @Test
    void keepsMetadataInInsertionOrder() throws Exception {
        Path file = new SafetensorsWriter().putMetadata("z", "1").putMetadata("a", "2")
                .write(dir.resolve("m.safetensors"));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.names()).isEmpty();
            assertThat(reader.metadata()).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"));
        }
    }

    @Test
    void rejectsBadEntriesNamingTheTensor() {
        SafetensorsWriter writer = new SafetensorsWriter().addFloats("w", DType.F32, new long[] {1}, new float[] {1});
        long[] one = {1};
        assertThatThrownBy(() -> writer.addFloats("w", DType.F32, one, new float[] {2}))
                .hasMessage("tensor name 'w' added twice; names in a safetensors file must be unique");
        assertThatThrownBy(() -> writer.addFloats("v", DType.F32, new long[] {2, 2}, new float[3]))
                .hasMessage("tensor 'v': 3 values given but shape [2, 2] holds 4");
        assertThatThrownBy(() -> writer.addFloats("v", DType.I32, one, new float[1]))
                .hasMessageContaining("addFloats needs F32, F16, BF16 or F64, got I32");
        assertThatThrownBy(() -> writer.addLongs("v", DType.I8, new long[] {2}, new long[] {5, 128}))
                .hasMessage("tensor 'v': value 128 at index 1 does not fit I8 [-128, 127]");
        assertThatThrownBy(() -> writer.addFloats("v", DType.F32, new long[] {-1}, new float[0]))
                .hasMessageContaining("negative dimension in shape [-1]");
        assertThatThrownBy(() -> writer.add("v", DType.F32, one, ByteBuffer.allocate(3)))
                .hasMessage("tensor 'v': 3 bytes given but shape [1] of F32 needs 4");
        assertThatThrownBy(() -> writer.addFloats("__metadata__", DType.F32, one, new float[1]))
                .hasMessageContaining("tensor name must be non-empty and not __metadata__");
    }

    private static int[] shorts(ByteBuffer littleEndian) {
        int[] values = new int[littleEndian.remaining() / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = littleEndian.order(ByteOrder.LITTLE_ENDIAN).getShort(i * 2) & 0xffff;
        }
        return values;
    }
}
