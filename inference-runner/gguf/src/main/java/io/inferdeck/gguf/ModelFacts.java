package io.inferdeck.gguf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a model list shows about one model, read from its GGUF headers only (no tensor data is loaded):
 * architecture, parameter count (the sum of every tensor's elements over all parts: exact, not the
 * publisher's rounded size label), the dominant weight type ({@link ModelSummary}'s "quant"), trained context,
 * whether a chat template is embedded, total size and the number of parts of a split model. Absent facts are
 * empty, never 0.
 */
public record ModelFacts(Optional<String> name, Optional<String> architecture, OptionalLong parameters,
                         Optional<String> quant, OptionalLong trainedContext, boolean chatTemplate, long sizeBytes, int parts) {

    /**
     * Reads every part's header (the first carries the metadata). A split model whose {@code split.count} does not
     * match the parts given, or any part that is not a readable GGUF file, is refused with a one-line reason.
     */
    public static ModelFacts read(List<Path> parts) throws GgufFormatException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts");
        }
        GgufFile first = GgufReader.read(parts.getFirst());
        long declared = first.integer("split.count").orElse(1);
        if (declared != parts.size()) {
            throw new GgufFormatException(parts.getFirst().getFileName() + ": split.count is " + declared
                    + " but " + parts.size() + (parts.size() == 1 ? " part was" : " parts were") + " found");
        }
        List<GgufTensorInfo> tensors = new ArrayList<>(first.tensors());
        long size = first.fileSize();
        for (Path p : parts.subList(1, parts.size())) {
            GgufFile g = GgufReader.read(p);
            tensors.addAll(g.tensors());
            size += g.fileSize();
        }
        long params = tensors.stream().mapToLong(GgufTensorInfo::elements).sum();
        String quant = ModelSummary.dominantType(tensors);
        return new ModelFacts(first.string("general.name"), first.architecture(),
                params > 0 ? OptionalLong.of(params) : OptionalLong.empty(),
                quant.equals(ModelSummary.UNKNOWN) ? Optional.empty() : Optional.of(quant),
                first.archInteger("context_length").stream().filter(c -> c > 0).findFirst(),
                first.string("tokenizer.chat_template").filter(t -> !t.isBlank()).isPresent(), size, parts.size());
    }
}
