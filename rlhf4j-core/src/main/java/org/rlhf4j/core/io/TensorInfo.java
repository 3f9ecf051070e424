package org.rlhf4j.core.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a safetensors header: the tensor's name, element type, shape (C order) and its byte
 * range {@code [begin, end)} relative to the start of the data section.
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("shape of '" + name + "' has a negative dimension: " + Arrays.toString(shape));
            }
        }
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("byte range of '" + name + "' must satisfy 0 <= begin <= end, got [" + begin + ", " + end + ")");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements, the product of the dimensions (1 for a scalar, shape []). */
    public long elementCount() {
        return elementCount(shape);
    }

    /** Bytes the data occupies: {@code end - begin}. */
    public long byteSize() {
        return end - begin;
    }

    /** Product of {@code shape}; throws ArithmeticException on overflow. */
    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that
                && name.equals(that.name)
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && begin == that.begin
                && end == that.end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
