package io.inferdeck.plugin.api.archfixture;

import java.nio.file.Path;

/** Deliberately bad: a plugin API type that hands out an InferDeck internal (must trip PLUGIN_API_STANDS_ALONE). */
public final class ApiLeakingInternals {
    private ApiLeakingInternals() {
    }

    public static Path write(Path file) throws java.io.IOException {
        return io.inferdeck.common.io.AtomicFiles.writeString(file, "");
    }
}
