package io.inferdeck.gpu;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one sample saw: immutable, safe to hand to any thread.
 *
 * @param at    when the sample was taken (from the source's injected Clock)
 * @param state whether the source works; when it is not OK, {@code gpus} is empty
 * @param gpus  one reading per GPU, in index order
 */
public record GpuSnapshot(Instant at, SourceState state, List<GpuReading> gpus) {

    public GpuSnapshot {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        gpus = List.copyOf(gpus);
    }

    /** A snapshot with no GPUs, saying why. */
    public static GpuSnapshot withoutGpus(Instant at, SourceState state) {
        return new GpuSnapshot(at, state, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Instant at;
        private SourceState state;
        private final List<GpuReading> gpus = new ArrayList<>();

        private Builder() {
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public Builder state(SourceState state) {
            this.state = state;
            return this;
        }

        public Builder gpu(GpuReading reading) {
            gpus.add(Objects.requireNonNull(reading, "reading"));
            return this;
        }

        public GpuSnapshot build() {
            return new GpuSnapshot(at, state, gpus);
        }
    }
}
