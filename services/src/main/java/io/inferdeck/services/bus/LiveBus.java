package io.inferdeck.services.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live-state bus: typed topics of immutable snapshots (engine state, GPU samples, engine metrics…)
 * that samplers and services publish and the composition root connects to FX dispatcher channels.
 * One instance per process, constructed by the composition root and passed through constructors
 * (never a global). Thread-safe.
 */
public final class LiveBus {
    private final Map<String, Topic<?>> topics = new ConcurrentHashMap<>();

    /**
     * The topic for {@code key}, created on first use.
     *
     * @throws IllegalArgumentException when the name is already used with another value type
     */
    @SuppressWarnings("unchecked")
    public <T> Topic<T> topic(TopicKey<T> key) {
        Topic<?> topic = topics.computeIfAbsent(key.name(), n -> new Topic<>(key));
        if (!topic.key().type().equals(key.type())) {
            throw new IllegalArgumentException("topic " + key.name() + " carries " + topic.key().type().getName()
                    + ", not " + key.type().getName());
        }
        return (Topic<T>) topic;
    }
}
