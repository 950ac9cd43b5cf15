package io.inferdeck.safety.classifier;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Weight vectors as base64 of little-endian IEEE half floats: a head's 65,536 n-gram weights take 175 KB of JSON
 * instead of about a megabyte as decimal numbers. Half precision (11 significant bits) is far finer than the
 * weights' own training noise; trained heads are rounded to it before use, so a head scores exactly as stored.
 */
final class HalfFloats {
    private HalfFloats() {
    }

    /** {@code v} as a half float stores it. */
    static float rounded(double v) {
        return Float.float16ToFloat(Float.floatToFloat16((float) v));
    }

    static String encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putShort(Float.floatToFloat16(f));
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** @throws IllegalArgumentException for text that is not base64 of whole half floats */
    static float[] decode(String s) {
        byte[] bytes = Base64.getDecoder().decode(s);
        if (bytes.length % 2 != 0) {
            throw new IllegalArgumentException("half-float vector has an odd byte count");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.float16ToFloat(b.getShort());
        }
        return v;
    }
}
