package io.inferdeck.gguf;

import java.util.Optional;

/**
 * Tensor element types as ggml numbers them (ggml.h, enum ggml_type). Only the ids are shared with
 * ggml; {@link #blockSize} elements are stored in {@link #typeSize} bytes.
 *
 * <p>Types InferDeck can read (validate sizes of) but not encode are listed so that real models using
 * k-quants pass validation; {@link #encodable()} tells which ones the quantizer can write.
 */
public enum GgmlType {
    F32(0, 1, 4, true),
    F16(1, 1, 2, true),
    Q4_0(2, 32, 18, true),
    Q4_1(3, 32, 20, true),
    Q5_0(6, 32, 22, true),
    Q5_1(7, 32, 24, true),
    Q8_0(8, 32, 34, true),
    Q8_1(9, 32, 36, false),
    Q2_K(10, 256, 84, true),
    Q3_K(11, 256, 110, true),
    Q4_K(12, 256, 144, true),
    Q5_K(13, 256, 176, true),
    Q6_K(14, 256, 210, true),
    Q8_K(15, 256, 292, false),
    IQ2_XXS(16, 256, 66, false),
    IQ2_XS(17, 256, 74, false),
    IQ3_XXS(18, 256, 98, false),
    IQ1_S(19, 256, 50, false),
    IQ4_NL(20, 32, 18, false),
    IQ3_S(21, 256, 110, false),
    IQ2_S(22, 256, 82, false),
    IQ4_XS(23, 256, 136, false),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, false),
    IQ1_M(29, 256, 56, false),
    BF16(30, 1, 2, true),
    TQ1_0(34, 256, 54, false),
    TQ2_0(35, 256, 66, false);

    private final int id;
    private final int blockSize;
    private final int typeSize;
    private final boolean encodable;

    GgmlType(int id, int blockSize, int typeSize, boolean encodable) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
        this.encodable = encodable;
    }

    public int id() {
        return id;
    }

    /** Elements per block; a row's length (ne[0]) must be a multiple of it. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int typeSize() {
        return typeSize;
    }

    /** Whether {@link GgmlCodec} can quantize into this type. */
    public boolean encodable() {
        return encodable;
    }

    public boolean quantized() {
        return blockSize > 1;
    }

    /** Bytes needed for {@code elements} values; the caller guarantees divisibility by the block size. */
    public long bytesFor(long elements) {
        return Math.multiplyExact(elements / blockSize, (long) typeSize);
    }

    public static Optional<GgmlType> byId(long id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Case-insensitive lookup by ggml name ("q4_0", "F16"). */
    public static Optional<GgmlType> byName(String name) {
        for (GgmlType t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The llama.cpp {@code general.file_type} number for a model whose weights are mostly this type. For a
     * k-quant written pure (every weight that type) it is llama.cpp's "_S" mix of that type, the closest one.
     */
    public int llamaFileType() {
        return switch (this) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q4_1 -> 3;
            case Q8_0 -> 7;
            case Q5_0 -> 8;
            case Q5_1 -> 9;
            case Q2_K -> 10;
            case Q3_K -> 11;
            case Q4_K -> 14;
            case Q5_K -> 16;
            case Q6_K -> 18;
            case BF16 -> 32;
            default -> throw new IllegalArgumentException("no llama file type for " + this);
        };
    }
}
