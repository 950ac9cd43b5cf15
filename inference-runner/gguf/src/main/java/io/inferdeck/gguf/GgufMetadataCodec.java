package io.inferdeck.gguf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes single metadata values in GGUF's little-endian wire form. */
final class GgufMetadataCodec {
    private GgufMetadataCodec() {
    }

    static GgufValue read(BoundedInput in, GgufValueType type, String key) throws IOException, GgufFormatException {
        if (type == GgufValueType.ARRAY) {
            GgufValueType elem = GgufReader.valueType(in.u32("array type of " + key), key);
            if (elem == GgufValueType.ARRAY) {
                throw new GgufFormatException("metadata '" + key + "' is a nested array, which GGUF does not allow");
            }
            long count = in.u64("array length of " + key);
            in.needItems(count, elem.width() > 0 ? elem.width() : 8, "array '" + key + "'");
            List<Object> values = new ArrayList<>((int) Math.min(count, 1 << 20));
            for (long i = 0; i < count; i++) {
                values.add(scalar(in, elem, key));
            }
            return new GgufValue(type, elem, List.copyOf(values));
        }
        return new GgufValue(type, null, scalar(in, type, key));
    }

    private static Object scalar(BoundedInput in, GgufValueType type, String key) throws IOException, GgufFormatException {
        return switch (type) {
            case UINT8 -> in.u8(key);
            case INT8 -> (long) (byte) in.u8(key);
            case UINT16 -> in.u16(key);
            case INT16 -> (long) (short) in.u16(key);
            case UINT32 -> in.u32(key);
            case INT32 -> (long) (int) in.u32(key);
            case UINT64, INT64 -> in.u64(key);
            case FLOAT32 -> (double) Float.intBitsToFloat((int) in.u32(key));
            case FLOAT64 -> Double.longBitsToDouble(in.u64(key));
            case BOOL -> {
                long b = in.u8(key);
                if (b > 1) {
                    throw new GgufFormatException("metadata '" + key + "' has bool value " + b);
                }
                yield b == 1;
            }
            case STRING -> in.string(key);
            case ARRAY -> throw new GgufFormatException("metadata '" + key + "' nests arrays");
        };
    }

    /** Writes one value (without its key); {@code out} must be a little-endian sink. */
    static void write(LittleEndianOutput out, GgufValue v) throws IOException {
        out.u32(v.type().id);
        if (v.type() == GgufValueType.ARRAY) {
            out.u32(v.elementType().id);
            List<?> list = v.asList();
            out.u64(list.size());
            for (Object o : list) {
                writeScalar(out, v.elementType(), o);
            }
        } else {
            writeScalar(out, v.type(), v.value());
        }
    }

    private static void writeScalar(LittleEndianOutput out, GgufValueType type, Object o) throws IOException {
        switch (type) {
            case UINT8, INT8 -> out.u8(((Number) o).intValue());
            case BOOL -> out.u8(((Boolean) o) ? 1 : 0);
            case UINT16, INT16 -> out.u16(((Number) o).intValue());
            case UINT32, INT32 -> out.u32(((Number) o).longValue());
            case UINT64, INT64 -> out.u64(((Number) o).longValue());
            case FLOAT32 -> out.u32(Float.floatToRawIntBits(((Number) o).floatValue()));
            case FLOAT64 -> out.u64(Double.doubleToRawLongBits(((Number) o).doubleValue()));
            case STRING -> out.string((String) o);
            case ARRAY -> throw new IllegalArgumentException("nested arrays are not allowed");
        }
    }

    /** Minimal little-endian sink; keeps the count of bytes written for offset bookkeeping. */
    static final class LittleEndianOutput {
        private final java.io.OutputStream out;
        private long written;

        LittleEndianOutput(java.io.OutputStream out) {
            this.out = out;
        }

        long written() {
            return written;
        }

        void u8(int v) throws IOException {
            out.write(v);
            written++;
        }

        void u16(int v) throws IOException {
            u8(v & 0xFF);
            u8((v >>> 8) & 0xFF);
        }

        void u32(long v) throws IOException {
            for (int i = 0; i < 4; i++) {
                u8((int) (v >>> (8 * i)) & 0xFF);
            }
        }

        void u64(long v) throws IOException {
            u32(v & 0xFFFFFFFFL);
            u32(v >>> 32);
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b, b.length);
        }

        void bytes(byte[] b, int len) throws IOException {
            out.write(b, 0, len);
            written += len;
        }

        /** Accounts for bytes written to the underlying stream directly. */
        void skipCounted(long n) {
            written += n;
        }

        void pad(int alignment) throws IOException {
            while (written % alignment != 0) {
                u8(0);
            }
        }
    }
}
