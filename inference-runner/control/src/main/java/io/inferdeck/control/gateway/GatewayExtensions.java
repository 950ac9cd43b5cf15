package io.inferdeck.control.gateway;

import java.util.Objects;
import java.util.Optional;

/**
 * Parts of a gateway that its owner supplies because they live outside this module or outlive one
 * deployment (a key store shared by every deployment, the safety filters of the {@code safety} module).
 * Everything the profile alone describes (limits, log, cache) comes through {@link GatewayConfig} instead.
 * Immutable; {@link #NONE} = a gateway with only what its config gives it.
 *
 * @param admission who may call and how much, made from the profile's key (the key store's {@code KeyGate::admission});
 *                  empty = {@link Admission#profileKeyOrOpen}: the profile's key, else clients on this machine only
 */
public record GatewayExtensions(Optional<Admission.Factory> admission) {
    public static final GatewayExtensions NONE = new GatewayExtensions(Optional.empty());

    public GatewayExtensions {
        Objects.requireNonNull(admission, "admission");
    }
}
