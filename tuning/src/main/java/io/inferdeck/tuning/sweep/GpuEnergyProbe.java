package io.inferdeck.tuning.sweep;

import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Tokens per joule of a measured run: the GPUs' energy counters (NVML / DCGM, summed over every GPU of the
 * snapshot) read before and after it. It reads the newest snapshot someone else sampled — the console's GPU
 * sampler owns NVML on its own thread — so each end may be one sampling interval off the run's; the mean power is
 * therefore ΔE/Δt between the two snapshots, and tokens per joule = the run's output tokens per second ÷ that
 * power. All GPUs count, not only the engine's: on a machine shared with other GPU work the figure is low.
 * Thread-safe when the supplier is.
 */
public final class GpuEnergyProbe {

    /** No GPU energy source: every figure is empty ("n/a", never 0). */
    public static final GpuEnergyProbe NONE = new GpuEnergyProbe(Optional::empty);

    /** Joules summed over the GPUs at one instant. */
    public record Reading(Instant at, double joules) {
    }

    private final Supplier<Optional<GpuSnapshot>> latest;

    /** @param latest the newest GPU snapshot (e.g. the live bus's GPU topic) */
    public GpuEnergyProbe(Supplier<Optional<GpuSnapshot>> latest) {
        this.latest = latest;
    }

    /** Now's reading; empty without GPUs, or when a GPU that is not lost has no energy counter. */
    public Optional<Reading> read() {
        Optional<GpuSnapshot> s = latest.get().filter(g -> g.state().isOk() && !g.gpus().isEmpty());
        if (s.isEmpty()) {
            return Optional.empty();
        }
        double millijoules = 0;
        for (GpuReading r : s.get().gpus()) {
            if (r.lost()) {
                continue;
            }
            if (r.energyMillijoules() == null) {
                return Optional.empty();
            }
            millijoules += r.energyMillijoules();
        }
        return Optional.of(new Reading(s.get().at(), millijoules / 1000));
    }

    /** Output tokens per joule; empty when a reading is missing, no time passed between them, or no energy was used. */
    public static OptionalDouble tokensPerJoule(double tokensPerSecond, Optional<Reading> before, Optional<Reading> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return OptionalDouble.empty();
        }
        double seconds = Duration.between(before.get().at(), after.get().at()).toNanos() / 1e9;
        double joules = after.get().joules() - before.get().joules();
        return seconds > 0 && joules > 0 ? OptionalDouble.of(tokensPerSecond / (joules / seconds)) : OptionalDouble.empty();
    }
}
