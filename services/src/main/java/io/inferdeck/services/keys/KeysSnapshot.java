package io.inferdeck.services.keys;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's keys and their usage as of {@code at}, for the console and the CLI. Usage is what the gateways
 * have written (they write every few seconds). Immutable.
 *
 * @param keys  every key, revoked ones included, oldest first
 * @param usage daily usage from {@code from} (UTC) on, newest day first, then by key id; key id {@code profile}
 *              is the profile's own apiKey
 * @param problem why the file could not be read this time (keys and usage are then the last ones read); empty
 *                when they are current
 */
public record KeysSnapshot(Instant at, LocalDate from, List<ApiKey> keys, List<KeyUsage> usage, Optional<String> problem) {
    /** The name usage rows show for requests made with the profile's own {@code apiKey}. */
    public static final String PROFILE_KEY_NAME = "(profile apiKey)";

    public KeysSnapshot {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        keys = List.copyOf(keys);
        usage = List.copyOf(usage);
        Objects.requireNonNull(problem, "problem");
    }

    public KeysSnapshot(Instant at, LocalDate from, List<ApiKey> keys, List<KeyUsage> usage) {
        this(at, from, keys, usage, Optional.empty());
    }

    /** These keys and usage, with why a newer read failed. */
    public KeysSnapshot withProblem(Instant when, String why) {
        return new KeysSnapshot(when, from, keys, usage, Optional.of(why));
    }

    public Optional<ApiKey> key(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The key's name, the profile key's label, or empty for an id no longer in the store. */
    public Optional<String> nameOf(String keyId) {
        return keyId.equals("profile") ? Optional.of(PROFILE_KEY_NAME) : key(keyId).map(ApiKey::name);
    }
}
