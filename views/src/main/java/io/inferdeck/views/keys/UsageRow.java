package io.inferdeck.views.keys;

import io.inferdeck.control.gateway.keys.KeyUsage;

/** One day of one key's usage, with the name the key has (or had). Immutable. */
public record UsageRow(KeyUsage usage, String name) {
}
