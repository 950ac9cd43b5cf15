package io.inferdeck.control.gateway;

/**
 * Parts of a gateway that its owner supplies because they live outside this module or outlive one
 * deployment (a key store shared by every deployment, the safety filters of the {@code safety} module).
 * Everything the profile alone describes (limits, log, cache) comes through {@link GatewayConfig} instead.
 * Immutable; {@link #NONE} = a gateway with only what its config gives it.
 */
public record GatewayExtensions() {
    public static final GatewayExtensions NONE = new GatewayExtensions();
}
