package io.inferdeck.services.bus;

import java.util.Objects;

/**
 * Names one topic of the {@link LiveBus} and the type of the immutable values it carries. Keys are
 * constants declared by the service that publishes them (e.g. {@code EngineService.SNAPSHOTS}); two
 * keys with the same name are the same topic.
 */
public record TopicKey<T>(String name, Class<T> type) {
    public TopicKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> TopicKey<T> of(String name, Class<T> type) {
        return new TopicKey<>(name, type);
    }
}
