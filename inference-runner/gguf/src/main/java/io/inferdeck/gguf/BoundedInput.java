package io.inferdeck.gguf;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reader over a file of known size. Every length read from the file is checked against
 * the bytes that remain before anything is allocated, so a corrupt count cannot exhaust memory.
 */
final class BoundedInput implements AutoCloseable {
    private final InputStream in;
    private final long size;
    private long position;

    BoundedInput(InputStream in, long size) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.size = size;
    }

    long position() {
        return position;
    }

    long remaining() {
        return size - position;
    }

    private void need(long n, String what) throws GgufFormatException {
        if (n < 0 || n > remaining()) {
            throw new GgufFormatException("truncated or corrupt: " + what + " needs " + Long.toUnsignedString(n)
                    + " bytes at offset " + position + " but the file has " + remaining() + " left");
        }
    }

    private int read1() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("unexpected end of file at offset " + position);
        }
        position++;
        return b;
    }

    long u8(String what) throws IOException, GgufFormatException {
        need(1, what);
        return read1();
    }

    long u16(String what) throws IOException, GgufFormatException {
        need(2, what);
        return read1() | (read1() << 8);
    }

    long u32(String what) throws IOException, GgufFormatException {
        need(4, what);
        return (read1() | ((long) read1() << 8) | ((long) read1() << 16) | ((long) read1() << 24));
    }

    long u64(String what) throws IOException, GgufFormatException {
        need(8, what);
        return u32(what) | (u32(what) << 32);
    }

    String string(String what) throws IOException, GgufFormatException {
        long len = u64(what + " length");
        need(len, what);
        byte[] bytes = in.readNBytes((int) Math.min(len, Integer.MAX_VALUE - 8));
        if (bytes.length != len) {
            throw new GgufFormatException("truncated: " + what + " at offset " + position);
        }
        position += len;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new GgufFormatException(what + " at offset " + (position - len) + " is not valid UTF-8");
        }
    }

    /** Ensures {@code count} items of at least {@code minWidth} bytes each can still fit. */
    void needItems(long count, int minWidth, String what) throws GgufFormatException {
        if (count < 0 || count > remaining() / Math.max(1, minWidth)) {
            throw new GgufFormatException("corrupt: " + what + " claims " + Long.toUnsignedString(count)
                    + " entries at offset " + position + ", more than the " + remaining() + " bytes left can hold");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
