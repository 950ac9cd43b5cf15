package io.inferdeck.common.plugin;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the plugin list: an extension a plugin provides (or tried to), where it came from and whether
 * it runs. A jar that provides nothing it could load is one entry with kind {@code "-"}. Immutable.
 *
 * @param plugin   the plugin's name: its manifest's {@code Implementation-Title}, else the jar's file name
 *                 without {@code .jar}; what {@code inferdeck plugins enable|disable} take
 * @param version  the manifest's {@code Implementation-Version}; empty when it has none
 * @param kind     {@code engine} or {@code filter stage}
 * @param provides the engine or stage id; the provider's class name when it was not loaded (disabled, refused)
 * @param source   the jar (or class folder) it came from
 * @param reason   why it is refused, one line; empty unless {@code state} is REFUSED
 */
public record PluginEntry(String plugin, Optional<String> version, String kind, String provides, String source,
                          State state, Optional<String> reason) {
    public enum State { ENABLED, DISABLED, REFUSED }

    public PluginEntry {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(state, "state");
        version = version == null ? Optional.empty() : version;
        reason = reason == null ? Optional.empty() : reason;
    }

    PluginEntry refused(String why) {
        return new PluginEntry(plugin, version, kind, provides, source, State.REFUSED, Optional.of(why));
    }

    /** "enabled", "disabled" or "refused: why". */
    public String stateText() {
        return state.name().toLowerCase(java.util.Locale.ROOT) + reason.map(r -> ": " + r).orElse("");
    }
}
