package io.inferdeck.gguf;

import java.util.List;

/**
 * One typed metadata value. Integers of every width are held as {@code long} (unsigned 32-bit values
 * stay non-negative), floats as {@code double}, arrays as a list of such values.
 */
public record GgufValue(GgufValueType type, GgufValueType elementType, Object value) {

    public static GgufValue u32(long v) {
        return new GgufValue(GgufValueType.UINT32, null, v);
    }

    public static GgufValue i32(long v) {
        return new GgufValue(GgufValueType.INT32, null, v);
    }

    public static GgufValue u64(long v) {
        return new GgufValue(GgufValueType.UINT64, null, v);
    }

    public static GgufValue f32(double v) {
        return new GgufValue(GgufValueType.FLOAT32, null, v);
    }

    public static GgufValue bool(boolean v) {
        return new GgufValue(GgufValueType.BOOL, null, v);
    }

    public static GgufValue str(String v) {
        return new GgufValue(GgufValueType.STRING, null, v);
    }

    public static GgufValue array(GgufValueType elementType, List<?> values) {
        return new GgufValue(GgufValueType.ARRAY, elementType, List.copyOf(values));
    }

    public boolean isInteger() {
        return value instanceof Long;
    }

    public long asLong() {
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("metadata value is " + type + ", not an integer");
    }

    public double asDouble() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException("metadata value is " + type + ", not a number");
    }

    public String asString() {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalStateException("metadata value is " + type + ", not a string");
    }

    public List<?> asList() {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalStateException("metadata value is " + type + ", not an array");
    }

    @Override
    public String toString() {
        if (value instanceof List<?> l) {
            return "[" + elementType + " x " + l.size() + "]";
        }
        return String.valueOf(value);
    }
}
