package io.inferdeck.gguf;

import io.inferdeck.common.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes a GGUF v3 file: header, metadata, tensor table, then each tensor's data at an aligned offset.
 * Tensor data is streamed from {@link TensorData} callbacks, so files larger than the heap can be written.
 * The file appears atomically ({@link AtomicFiles}): written and synced beside the target, then renamed into place.
 */
public final class GgufWriter {
    /** Produces exactly {@code type.bytesFor(elements)} bytes for one tensor. */
    @FunctionalInterface
    public interface TensorData {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Fills {@code row} (length = row length) with the float values of row {@code index}. */
    @FunctionalInterface
    public interface RowSource {
        void fill(long index, float[] row) throws IOException;
    }

    private record Pending(GgufTensorInfo info, TensorData data) {
    }

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Pending> tensors = new ArrayList<>();
    private final int alignment = GgufReader.DEFAULT_ALIGNMENT;
    private long nextOffset;

    public GgufWriter put(String key, GgufValue value) {
        if (key.equals("general.alignment")) {
            throw new IllegalArgumentException("alignment is fixed at " + alignment);
        }
        metadata.put(key, value);
        return this;
    }

    public GgufWriter tensor(String name, long[] dims, GgmlType type, TensorData data) {
        GgufTensorInfo info = new GgufTensorInfo(name, dims, type, nextOffset);
        if (info.rowLength() % type.blockSize() != 0) {
            throw new IllegalArgumentException(name + ": row length " + info.rowLength() + " does not fit " + type);
        }
        tensors.add(new Pending(info, data));
        nextOffset = GgufReader.align(nextOffset + info.byteSize(), alignment);
        return this;
    }

    /** A tensor whose rows come as floats and are encoded into {@code type} on the way out. */
    public GgufWriter tensor(String name, long[] dims, GgmlType type, RowSource rows) {
        long rowLength = dims[0];
        long rowCount = new GgufTensorInfo(name, dims, type, 0).rows();
        return tensor(name, dims, type, out -> {
            float[] row = new float[Math.toIntExact(rowLength)];
            byte[] encoded = new byte[Math.toIntExact(type.bytesFor(rowLength))];
            for (long r = 0; r < rowCount; r++) {
                rows.fill(r, row);
                GgmlCodec.encode(type, row, 0, row.length, encoded, 0);
                out.write(encoded);
            }
        });
    }

    public long dataBytes() {
        return nextOffset;
    }

    public void writeTo(Path target) throws IOException {
        writeTo(target, done -> { });
    }

    /** Writes the file; {@code progress} receives the tensor bytes written so far (of {@link #dataBytes()}). */
    public void writeTo(Path target, LongConsumer progress) throws IOException {
        AtomicFiles.write(target, tmp -> {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                write(os, progress);
            }
        });
    }

    /**
     * Writes the header and tensor table and leaves the data section as a hole of the right length: a
     * valid GGUF whose tensors read as zeros and which takes almost no disk where the file system has
     * sparse files. For shape-only models (memory estimates, tests of sizes too large to generate);
     * the tensors' data callbacks are never called.
     */
    public void writeSparseTo(Path target) throws IOException {
        AtomicFiles.write(target, tmp -> {
            long dataStart;
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                dataStart = writeHeader(new GgufMetadataCodec.LittleEndianOutput(os));
            }
            try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(tmp.toFile(), "rw")) {
                raf.setLength(dataStart + nextOffset);
            }
        });
    }

    /** Header, metadata and tensor table, padded; returns the data section's start. */
    private long writeHeader(GgufMetadataCodec.LittleEndianOutput out) throws IOException {
        out.u32(GgufReader.MAGIC);
        out.u32(3);
        out.u64(tensors.size());
        out.u64(metadata.size() + 1L);
        out.string("general.alignment");
        GgufMetadataCodec.write(out, GgufValue.u32(alignment));
        for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
            out.string(e.getKey());
            GgufMetadataCodec.write(out, e.getValue());
        }
        for (Pending p : tensors) {
            GgufTensorInfo t = p.info();
            out.string(t.name());
            long[] dims = t.dims();
            out.u32(dims.length);
            for (long d : dims) {
                out.u64(d);
            }
            out.u32(t.type().id());
            out.u64(t.offset());
        }
        out.pad(alignment);
        return out.written();
    }

    private void write(OutputStream os, LongConsumer progress) throws IOException {
        GgufMetadataCodec.LittleEndianOutput out = new GgufMetadataCodec.LittleEndianOutput(os);
        long dataStart = writeHeader(out);
        for (Pending p : tensors) {
            long start = out.written();
            if (start - dataStart != p.info().offset()) {
                throw new IllegalStateException("offset bookkeeping broke at " + p.info().name());
            }
            CountingStream counting = new CountingStream(os);
            p.data().writeTo(counting);
            if (counting.count != p.info().byteSize()) {
                throw new IOException(p.info().name() + ": wrote " + counting.count + " bytes, expected " + p.info().byteSize());
            }
            out.skipCounted(counting.count);
            out.pad(alignment);
            progress.accept(out.written() - dataStart);
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
