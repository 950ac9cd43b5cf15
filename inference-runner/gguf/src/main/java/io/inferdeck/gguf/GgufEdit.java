package io.inferdeck.gguf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid GGUF opened for editing: metadata and the tensor table change freely, tensor bytes are copied
 * from the source file (cut or zero-padded where a tensor's size changed). Builds the bad files of the
 * validation tests and the mutation fuzzer; not meant for producing models anyone serves.
 */
public final class GgufEdit {
    /** One tensor of the edited file and the source tensor its bytes come from. */
    public record Tensor(String name, long[] dims, GgmlType type, GgufTensorInfo source) {
    }

    private final GgufFile source;
    private final Map<String, GgufValue> metadata;
    private final List<Tensor> tensors = new ArrayList<>();

    public GgufEdit(GgufFile source) {
        this.source = source;
        this.metadata = new LinkedHashMap<>(source.metadata());
        metadata.remove("general.alignment"); // GgufWriter always writes its own
        source.tensors().forEach(t -> tensors.add(new Tensor(t.name(), t.dims(), t.type(), t)));
    }

    public GgufFile source() {
        return source;
    }

    /** The metadata to write, mutable (general.alignment excluded: the writer fixes it). */
    public Map<String, GgufValue> metadata() {
        return metadata;
    }

    /** The tensor table to write, mutable and in file order. */
    public List<Tensor> tensors() {
        return tensors;
    }

    public GgufEdit put(String key, GgufValue value) {
        metadata.put(key, value);
        return this;
    }

    public GgufEdit remove(String key) {
        metadata.remove(key);
        return this;
    }

    /** Replaces a tensor's dimensions; the row length must still fit the tensor's block size. */
    public GgufEdit reshape(String name, long... dims) {
        tensors.replaceAll(t -> t.name().equals(name) ? new Tensor(name, dims, t.type(), t.source()) : t);
        return this;
    }

    public void writeTo(Path target) throws IOException {
        GgufWriter w = new GgufWriter();
        metadata.forEach(w::put);
        for (Tensor t : tensors) {
            w.tensor(t.name(), t.dims(), t.type(), out -> copy(t, out));
        }
        w.writeTo(target);
    }

    private void copy(Tensor t, OutputStream out) throws IOException {
        long wanted = t.type().bytesFor(new GgufTensorInfo(t.name(), t.dims(), t.type(), 0).elements());
        long available = Math.min(wanted, t.source().byteSize());
        try (FileChannel ch = FileChannel.open(source.path(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long pos = source.absoluteOffset(t.source());
            for (long done = 0; done < available; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), available - done));
                int n = ch.read(buf, pos + done);
                if (n < 0) {
                    throw new IOException(source.path() + " ended inside tensor " + t.source().name());
                }
                out.write(buf.array(), 0, n);
                done += n;
            }
        }
        out.write(new byte[(int) (wanted - available)]);
    }
}
