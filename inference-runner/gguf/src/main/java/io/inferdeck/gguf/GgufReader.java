package io.inferdeck.gguf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GGUF header (format versions 2 and 3, little-endian) and validates it well enough that the
 * file can be handed to llama.cpp: magic, version, sane counts, known tensor types, row lengths that
 * fit the block size, aligned offsets and every tensor's data inside the file.
 */
public final class GgufReader {
    static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;

    private GgufReader() {
    }

    public static GgufFile read(Path path) throws GgufFormatException {
        long size;
        try {
            if (!Files.isRegularFile(path)) {
                throw new GgufFormatException(Files.exists(path) ? path + " is not a regular file" : path + ": no such file");
            }
            size = Files.size(path);
        } catch (IOException e) {
            throw new GgufFormatException(path + ": cannot read (" + e.getMessage() + ")");
        }
        try (BoundedInput in = new BoundedInput(Files.newInputStream(path), size)) {
            return parse(path, in, size);
        } catch (NoSuchFileException e) {
            throw new GgufFormatException(path + ": no such file");
        } catch (IOException e) {
            throw new GgufFormatException(path + ": " + e.getMessage());
        } catch (GgufFormatException e) {
            throw new GgufFormatException(path.getFileName() + ": " + e.getMessage());
        }
    }

    private static GgufFile parse(Path path, BoundedInput in, long size) throws IOException, GgufFormatException {
        if (size < 24) {
            throw new GgufFormatException("not a GGUF file (only " + size + " bytes)");
        }
        long magic = in.u32("magic");
        if (magic != MAGIC) {
            throw new GgufFormatException(String.format("not a GGUF file (magic 0x%08x, expected 0x%08x \"GGUF\")", magic, MAGIC));
        }
        long version = in.u32("version");
        if (version != 2 && version != 3) {
            String hint = (version & 0xFFFF) == 0 && version != 0 ? " (big-endian GGUF is not supported)" : "";
            throw new GgufFormatException("unsupported GGUF version " + version + hint + "; versions 2 and 3 are supported");
        }
        long tensorCount = in.u64("tensor count");
        long kvCount = in.u64("metadata count");
        in.needItems(kvCount, 8 + 4, "metadata table");
        Map<String, GgufValue> meta = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = in.string("metadata key #" + i);
            GgufValueType type = valueType(in.u32("type of " + key), key);
            if (meta.put(key, GgufMetadataCodec.read(in, type, key)) != null) {
                throw new GgufFormatException("duplicate metadata key '" + key + "'");
            }
        }
        int alignment = alignment(meta);
        in.needItems(tensorCount, 8 + 4 + 8 + 4 + 8, "tensor table");
        List<GgufTensorInfo> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            GgufTensorInfo t = tensorInfo(in, i, alignment);
            if (!names.add(t.name())) {
                throw new GgufFormatException("duplicate tensor '" + t.name() + "'");
            }
            tensors.add(t);
        }
        long dataOffset = align(in.position(), alignment);
        checkData(tensors, dataOffset, size);
        return new GgufFile(path, (int) version, meta, tensors, alignment, dataOffset, size);
    }

    static GgufValueType valueType(long id, String key) throws GgufFormatException {
        GgufValueType t = GgufValueType.byId(id);
        if (t == null) {
            throw new GgufFormatException("metadata '" + key + "' has unknown value type " + id);
        }
        return t;
    }

    private static int alignment(Map<String, GgufValue> meta) throws GgufFormatException {
        GgufValue v = meta.get("general.alignment");
        if (v == null) {
            return DEFAULT_ALIGNMENT;
        }
        long a = v.isInteger() ? v.asLong() : -1;
        if (a <= 0 || a > (1 << 20) || Long.bitCount(a) != 1) {
            throw new GgufFormatException("general.alignment " + v + " is not a power of two");
        }
        return (int) a;
    }

    private static GgufTensorInfo tensorInfo(BoundedInput in, long i, int alignment) throws IOException, GgufFormatException {
        String name = in.string("name of tensor #" + i);
        long nDims = in.u32("dimension count of " + name);
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw new GgufFormatException("tensor '" + name + "' has " + nDims + " dimensions (1.." + MAX_DIMS + " allowed)");
        }
        long[] dims = new long[(int) nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            dims[d] = in.u64("dimension of " + name);
            if (dims[d] <= 0 || dims[d] > (1L << 40)) {
                throw new GgufFormatException("tensor '" + name + "' has invalid dimension " + Long.toUnsignedString(dims[d]));
            }
            elements = Math.multiplyHigh(elements, dims[d]) != 0 ? -1 : elements * dims[d];
            if (elements < 0) {
                throw new GgufFormatException("tensor '" + name + "' is too large");
            }
        }
        long typeId = in.u32("type of " + name);
        GgmlType type = GgmlType.byId(typeId).orElseThrow(() ->
                new GgufFormatException("tensor '" + name + "' has unknown ggml type " + typeId));
        if (dims[0] % type.blockSize() != 0) {
            throw new GgufFormatException("tensor '" + name + "' row length " + dims[0] + " is not a multiple of "
                    + type + "'s block size " + type.blockSize());
        }
        long offset = in.u64("offset of " + name);
        if (offset < 0 || offset % alignment != 0) {
            throw new GgufFormatException("tensor '" + name + "' offset " + Long.toUnsignedString(offset)
                    + " is not aligned to " + alignment);
        }
        return new GgufTensorInfo(name, dims, type, offset);
    }

    private static void checkData(List<GgufTensorInfo> tensors, long dataOffset, long size) throws GgufFormatException {
        List<GgufTensorInfo> byOffset = new ArrayList<>(tensors);
        byOffset.sort(java.util.Comparator.comparingLong(GgufTensorInfo::offset));
        long previousEnd = 0;
        String previous = null;
        for (GgufTensorInfo t : byOffset) {
            long start = dataOffset + t.offset();
            long end = start + t.byteSize();
            if (end > size || end < start) {
                throw new GgufFormatException("truncated: tensor '" + t.name() + "' data ends at byte " + end
                        + " but the file is " + size + " bytes");
            }
            if (t.offset() < previousEnd) {
                throw new GgufFormatException("tensor '" + t.name() + "' overlaps tensor '" + previous + "'");
            }
            previousEnd = t.offset() + t.byteSize();
            previous = t.name();
        }
    }

    static long align(long position, int alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }
}
