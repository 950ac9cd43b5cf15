package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.filter.TextMasker;
import io.inferdeck.control.gateway.filter.TrafficFilter;
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
 * @param safety    live safety filtering (the profile's {@code gateway.safety}); the gateway owns it and closes it
 * @param capture   present = prompt capture on (the profile's {@code gateway.capturePrompts}): the request log keeps
 *                  prompt and completion text, masked by it before they are stored
 */
public record GatewayExtensions(Optional<Admission.Factory> admission, Optional<TrafficFilter> safety,
                                Optional<TextMasker> capture) {
    public static final GatewayExtensions NONE = new GatewayExtensions(Optional.empty(), Optional.empty(), Optional.empty());

    public GatewayExtensions {
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(capture, "capture");
    }

    public static GatewayExtensions admission(Admission.Factory admission) {
        return new GatewayExtensions(Optional.of(admission), Optional.empty(), Optional.empty());
    }

    public static GatewayExtensions safety(Optional<TrafficFilter> safety, Optional<TextMasker> capture) {
        return new GatewayExtensions(Optional.empty(), safety, capture);
    }

    /** Both owners' parts in one: each part from {@code other} where it has one, else from this. */
    public GatewayExtensions and(GatewayExtensions other) {
        return new GatewayExtensions(other.admission.or(() -> admission), other.safety.or(() -> safety),
                other.capture.or(() -> capture));
    }
}
