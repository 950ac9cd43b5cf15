package io.inferdeck.services.energy;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Energy and cost of generated tokens over one window, all for the GPUs the engine holds.
 *
 * @param joulesPerToken          ΔE / Δ generated tokens
 * @param joulesPerTokenAboveIdle (ΔE − idle power × Δt) / Δ tokens; empty until idle power was measured
 * @param usdPerMillionByEnergy   joulesPerToken at the electricity price, per 1 M tokens
 * @param usdPerMillionByGpuHour  GPUs × Δt at the GPU-hour price, per 1 M tokens
 * @param gpus                    how many GPUs the engine held
 * @param window                  the time the figures span
 */
public record TokenCost(double joulesPerToken, OptionalDouble joulesPerTokenAboveIdle,
                        double usdPerMillionByEnergy, double usdPerMillionByGpuHour, int gpus, Duration window) {

    /** The figures for {@code joules} spent by {@code gpus} GPUs over {@code seconds} making {@code tokens}. */
    static TokenCost of(double joules, double seconds, double tokens, int gpus, OptionalDouble idleWatts,
                        EnergyPrices prices) {
        double perToken = joules / tokens;
        OptionalDouble aboveIdle = idleWatts.isPresent()
                ? OptionalDouble.of(Math.max(0, joules - idleWatts.getAsDouble() * seconds) / tokens)
                : OptionalDouble.empty();
        double byEnergy = perToken * 1e6 / EnergyPrices.JOULES_PER_KWH * prices.usdPerKwh();
        double byGpuHour = gpus * (seconds / 3600) * prices.usdPerGpuHour() / tokens * 1e6;
        return new TokenCost(perToken, aboveIdle, byEnergy, byGpuHour, gpus,
                Duration.ofNanos(Math.round(seconds * 1e9)));
    }
}
