package io.inferdeck.gguf;

import java.util.Arrays;

/**
 * One tensor's entry in the GGUF tensor table. {@code dims[0]} is ggml's ne[0], the contiguous row
 * length; {@code offset} is relative to the start of the data section.
 */
public record GgufTensorInfo(String name, long[] dims, GgmlType type, long offset) {

    public GgufTensorInfo {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long rowLength() {
        return dims[0];
    }

    public long rows() {
        return elements() / dims[0];
    }

    public long byteSize() {
        return type.bytesFor(elements());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && Arrays.equals(dims, t.dims)
                && type == t.type && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(dims) + " " + type + " @" + offset;
    }
}
