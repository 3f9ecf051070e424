package org.rlhf4j.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed and validated JSON header of a safetensors file: tensors in file order and metadata. */
record SafetensorsHeader(List<TensorInfo> tensors, Map<String, String> metadata) {

    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    SafetensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Parses {@code header} (the N bytes after the length prefix) and checks every entry against
     * the data section of {@code dataBytes} bytes. Problems become {@link SafetensorsException}s
     * naming {@code file}.
     */
    static SafetensorsHeader parse(Path file, byte[] header, long dataBytes) {
        JsonNode root = readJson(file, decodeUtf8(file, header));
        if (root == null || !root.isObject()) {
            throw new SafetensorsException(file, "header is not a JSON object");
        }
        List<TensorInfo> tensors = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                tensors.add(parseEntry(file, field.getKey(), field.getValue(), dataBytes));
            }
        }
        checkNoOverlap(file, tensors);
        return new SafetensorsHeader(tensors, metadata);
    }

    private static String decodeUtf8(Path file, byte[] header) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsException(file, "header is not valid UTF-8", e);
        }
    }

    private static JsonNode readJson(Path file, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new SafetensorsException(file, "header is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new SafetensorsException(file, METADATA_KEY + " must be a JSON object of strings, got " + node);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new SafetensorsException(file, METADATA_KEY + " value of '" + field.getKey() + "' must be a string, got " + field.getValue());
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode node, long dataBytes) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new SafetensorsException(file, where + " must be a JSON object with dtype, shape and data_offsets, got " + node);
        }
        DType dtype = parseDType(file, where, required(file, where, node, "dtype"));
        long[] shape = longs(file, where, required(file, where, node, "shape"), "shape");
        long[] offsets = longs(file, where, required(file, where, node, "data_offsets"), "data_offsets");
        for (long dim : shape) {
            if (dim < 0) {
                throw new SafetensorsException(file, where + " has a negative dimension " + dim + " in shape " + Arrays.toString(shape));
            }
        }
        checkOffsets(file, where, offsets, dataBytes);
        checkSize(file, where, dtype, shape, offsets[1] - offsets[0]);
        return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static JsonNode required(Path file, String where, JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        if (value == null) {
            throw new SafetensorsException(file, where + " is missing \"" + key + "\"");
        }
        return value;
    }

    private static DType parseDType(Path file, String where, JsonNode node) {
        if (!node.isTextual()) {
            throw new SafetensorsException(file, where + ": dtype must be a string, got " + node);
        }
        return DType.fromSafetensorsName(node.textValue()).orElseThrow(() -> new SafetensorsException(file,
                where + " has unknown dtype '" + node.textValue() + "' (known: " + Arrays.toString(DType.values()) + ")"));
    }

    private static long[] longs(Path file, String where, JsonNode node, String key) {
        if (!node.isArray()) {
            throw new SafetensorsException(file, where + ": " + key + " must be an array of integers, got " + node);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong()) {
                throw new SafetensorsException(file, where + ": " + key + " must be an array of integers, got " + node);
            }
            values[i] = element.longValue();
        }
        return values;
    }

    private static void checkOffsets(Path file, String where, long[] offsets, long dataBytes) {
        if (offsets.length != 2 || offsets[0] < 0 || offsets[1] < 0) {
            throw new SafetensorsException(file, where + ": data_offsets must be two non-negative integers [begin, end], got " + Arrays.toString(offsets));
        }
        if (offsets[0] > offsets[1]) {
            throw new SafetensorsException(file, where + ": data_offsets " + Arrays.toString(offsets) + " begin after they end");
        }
        if (offsets[1] > dataBytes) {
            throw new SafetensorsException(file, where + ": data_offsets " + Arrays.toString(offsets)
                    + " out of range: the data section holds " + dataBytes + " bytes (file truncated?)");
        }
    }

    private static void checkSize(Path file, String where, DType dtype, long[] shape, long spanBytes) {
        long needed;
        try {
            needed = Math.multiplyExact(TensorInfo.elementCount(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new SafetensorsException(file, where + ": shape " + Arrays.toString(shape) + " has more than 2^63 bytes");
        }
        if (needed != spanBytes) {
            throw new SafetensorsException(file, where + ": data_offsets span " + spanBytes + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + needed);
        }
    }

    private static void checkNoOverlap(Path file, List<TensorInfo> tensors) {
        List<TensorInfo> byBegin = tensors.stream()
                .filter(t -> t.byteSize() > 0) // an empty range overlaps nothing
                .sorted(Comparator.comparingLong(TensorInfo::begin))
                .toList();
        for (int i = 1; i < byBegin.size(); i++) {
            TensorInfo previous = byBegin.get(i - 1);
            TensorInfo next = byBegin.get(i);
            if (next.begin() < previous.end()) {
                throw new SafetensorsException(file, "tensors '" + previous.name() + "' [" + previous.begin() + ", " + previous.end()
                        + ") and '" + next.name() + "' [" + next.begin() + ", " + next.end() + ") overlap");
            }
        }
    }
}
