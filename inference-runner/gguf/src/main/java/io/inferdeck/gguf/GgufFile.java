package io.inferdeck.gguf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed and validated GGUF header: metadata, tensor table and where the data section starts.
 * Tensor data is not loaded; {@link #dataOffset()} + a tensor's offset is its absolute file position.
 */
public record GgufFile(Path path, int version, Map<String, GgufValue> metadata, List<GgufTensorInfo> tensors,
                       int alignment, long dataOffset, long fileSize) {

    public GgufFile {
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    public Optional<GgufValue> value(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    public Optional<String> string(String key) {
        GgufValue v = metadata.get(key);
        return v != null && v.value() instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public OptionalLong integer(String key) {
        GgufValue v = metadata.get(key);
        return v != null && v.isInteger() ? OptionalLong.of(v.asLong()) : OptionalLong.empty();
    }

    public Optional<String> architecture() {
        return string("general.architecture");
    }

    /** An architecture-scoped integer such as {@code <arch>.context_length}. */
    public OptionalLong archInteger(String suffix) {
        return architecture().map(a -> integer(a + "." + suffix)).orElse(OptionalLong.empty());
    }

    public Optional<GgufTensorInfo> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public long parameterCount() {
        return tensors.stream().mapToLong(GgufTensorInfo::elements).sum();
    }

    public long absoluteOffset(GgufTensorInfo t) {
        return dataOffset + t.offset();
    }
}
