package io.inferdeck.services.gpu;

import io.inferdeck.gpu.GpuSampler;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.bus.TopicKey;

/** GPU snapshots on the live bus: the topic, and the one way a {@link GpuSampler} feeds it. */
public final class GpuFeed {
    public static final TopicKey<GpuSnapshot> SNAPSHOTS = TopicKey.of("gpu", GpuSnapshot.class);

    private GpuFeed() {
    }

    /**
     * Publishes every snapshot {@code sampler} takes on {@link #SNAPSHOTS}, on the sampler's thread (the
     * topic's subscribers only overwrite dispatcher slots). Closing the result stops it.
     */
    public static AutoCloseable connect(GpuSampler sampler, LiveBus bus) {
        return sampler.subscribe(Runnable::run, bus.topic(SNAPSHOTS)::publish);
    }
}
