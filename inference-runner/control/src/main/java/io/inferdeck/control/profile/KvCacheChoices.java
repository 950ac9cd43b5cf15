package io.inferdeck.control.profile;

import java.util.List;
import java.util.Objects;

/**
 * The KV cache element types one engine accepts for {@code cacheTypeK} (and {@code cacheTypeV} where
 * it has a separate V type), and what it uses when the profile leaves them unset. Each driver owns
 * one, so the validator, the renderers and the editor agree.
 *
 * @param allowed     in the engine's own order; empty = the engine has no such setting
 * @param defaultType what the engine uses when the profile names none
 */
public record KvCacheChoices(List<String> allowed, String defaultType) {
    public KvCacheChoices {
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(defaultType, "defaultType");
    }

    /** What the engine will use: the profile's value, else the engine's default. */
    public String effective(String configured) {
        return configured != null ? configured : defaultType;
    }
}
