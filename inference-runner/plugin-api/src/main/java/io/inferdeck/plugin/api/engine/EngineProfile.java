package io.inferdeck.plugin.api.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parts of a deployment profile an engine plugin reads (docs/profiles.md describes each field). An
 * unset field is empty, never a made-up default. Immutable; {@link #toString()} hides the API key.
 *
 * @param ctx      the profile's context size in tokens
 * @param parallel sequences the engine should serve at once
 * @param gpus     machine GPU indices the deployment may use; empty = not pinned
 */
public record EngineProfile(String name, Optional<String> model, Optional<String> baseUrl, String host, int port,
                            int ctx, int parallel, OptionalInt threads, List<Integer> gpus, List<String> extraArgs,
                            Optional<String> apiKey) {
    public EngineProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        model = model == null ? Optional.empty() : model;
        baseUrl = baseUrl == null ? Optional.empty() : baseUrl;
        threads = threads == null ? OptionalInt.empty() : threads;
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        apiKey = apiKey == null ? Optional.empty() : apiKey;
    }

    @Override
    public String toString() {
        return "EngineProfile[" + name + ", model=" + model.orElse("-") + ", baseUrl=" + baseUrl.orElse("-") + ", "
                + host + ":" + port + ", apiKey=" + (apiKey.isPresent() ? "****" : "-") + "]";
    }
}
