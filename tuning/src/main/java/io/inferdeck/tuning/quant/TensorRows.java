package io.inferdeck.tuning.quant;

import io.inferdeck.gguf.GgmlCodec;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufTensorInfo;
import io.inferdeck.gguf.GgufWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.LongConsumer;

/**
 * Streams one source tensor out of a GGUF file: either as decoded float rows (for re-encoding) or as its
 * raw bytes (for tensors kept unchanged). Reads go through a chunk of whole rows (~1 MiB) so a 7B model
 * is quantized with a few MiB of heap, never the whole tensor. Not thread-safe: one writer thread.
 */
final class TensorRows {
    private static final int CHUNK_BYTES = 1 << 20;

    private final FileChannel channel;
    private final long start;
    private final GgufTensorInfo tensor;
    private final LongConsumer bytesRead;

    /** {@code start} is the tensor's absolute file position; {@code bytesRead} receives increments. */
    TensorRows(FileChannel channel, long start, GgufTensorInfo tensor, LongConsumer bytesRead) {
        this.channel = channel;
        this.start = start;
        this.tensor = tensor;
        this.bytesRead = bytesRead;
    }

    /** Rows decoded to float; the writer encodes them into the target type on the way out. */
    GgufWriter.RowSource decodedRows() {
        GgmlType type = tensor.type();
        int rowLength = Math.toIntExact(tensor.rowLength());
        int rowBytes = Math.toIntExact(type.bytesFor(rowLength));
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / rowBytes);
        byte[] chunk = new byte[Math.toIntExact(Math.min((long) rowsPerChunk, tensor.rows()) * rowBytes)];
        long[] chunkFirstRow = {-1};
        long[] chunkRows = {0};
        return (index, row) -> {
            if (index < chunkFirstRow[0] || index >= chunkFirstRow[0] + chunkRows[0]) {
                long rows = Math.min(rowsPerChunk, tensor.rows() - index);
                readFully(start + index * rowBytes, chunk, Math.toIntExact(rows * rowBytes));
                chunkFirstRow[0] = index;
                chunkRows[0] = rows;
            }
            GgmlCodec.decode(type, chunk, Math.toIntExact((index - chunkFirstRow[0]) * rowBytes), rowLength, row, 0);
            bytesRead.accept(rowBytes);
        };
    }

    /** The tensor's bytes copied verbatim. */
    GgufWriter.TensorData rawBytes() {
        return (OutputStream out) -> {
            long size = tensor.byteSize();
            byte[] buf = new byte[(int) Math.min(CHUNK_BYTES, Math.max(1, size))];
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(buf.length, size - done);
                readFully(start + done, buf, n);
                out.write(buf, 0, n);
                done += n;
                bytesRead.accept(n);
            }
        };
    }

    private void readFully(long position, byte[] dst, int length) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(dst, 0, length);
        long pos = position;
        while (bb.hasRemaining()) {
            int n = channel.read(bb, pos);
            if (n < 0) {
                throw new EOFException(tensor.name() + ": file ends at byte " + pos);
            }
            pos += n;
        }
    }
}
