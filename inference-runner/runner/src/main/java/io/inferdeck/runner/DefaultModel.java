package io.inferdeck.runner;

import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The model served when --model is absent: the library's default variant (Q4_0 of InferDeck's generated
 * model). If it is missing the runner writes that one variant itself (about 19 MB, a few seconds) rather
 * than failing, so {@code inferdeck runner} works on a fresh machine; {@code inferdeck model init} writes
 * all variants. Its weights are random: the text it generates is meaningless.
 */
final class DefaultModel {
    private DefaultModel() {
    }

    static Path resolve(Optional<Path> explicit) throws RunnerConfigException {
        if (explicit.isPresent()) {
            return explicit.get();
        }
        ModelLibrary lib = ModelLibrary.fromEnvironment(System.getenv());
        Path p = lib.defaultModel();
        if (!Files.isRegularFile(p)) {
            RunnerLog.info("no --model given and " + p + " is missing: writing InferDeck's default model there once "
                    + "(random weights, meaningless output; run `inferdeck model init` for all variants)");
        }
        try {
            lib.ensure(LlamaModelSpec.DEFAULT, List.of(ModelLibrary.DEFAULT_TYPE), (type, bytes) -> { });
        } catch (IOException e) {
            throw RunnerConfigException.startup("cannot write the default model to " + p + ": " + e.getMessage()
                    + " (pass --model PATH or run `inferdeck model init`)");
        }
        return p;
    }
}
