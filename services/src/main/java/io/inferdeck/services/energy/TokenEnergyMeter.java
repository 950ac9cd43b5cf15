package io.inferdeck.services.energy;

import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Joules and dollars per generated token: ΔE summed over the GPUs the engine holds (GPUs listing a
 * process of a console-started engine) ÷ Δ generated tokens over the same window, both counters read
 * at the same instants by interpolation. Idle power is ΔE/Δt of those GPUs while the engine reports
 * no running and no waiting request (at least {@value #IDLE_MIN_MILLIS} ms of it); the latest such
 * measurement is kept. Pure: no clock (times come from the samples), no I/O; not thread-safe —
 * feed it from one thread.
 */
public final class TokenEnergyMeter {

    public static final String NO_COUNTER = "n/a (no GPU energy counter)";
    public static final String NO_ENGINE_GPU = "n/a (the engine holds no GPU)";
    public static final String NO_TOKENS = "n/a (no tokens generated)";
    public static final String MEASURING = "n/a (measuring)";
    static final long IDLE_MIN_MILLIS = 1_000;

    private final EnergyPrices prices;
    private final long windowMillis;
    private final long minSpanMillis;
    private final CounterTrail joules;
    private final CounterTrail tokens;
    private TreeSet<Integer> held = new TreeSet<>();
    private String gpuProblem = NO_COUNTER;
    private boolean idle;
    private long idleFromMillis = -1;
    private double idleFromJoules;
    private OptionalDouble idleWatts = OptionalDouble.empty();
    private long lastRateMillis = -1;
    private double tokensFromRate;

    /**
     * @param window  the span the figures cover (the newest {@code window} of both counters)
     * @param minSpan the shortest span worth a figure; shorter reads as {@link #MEASURING}
     */
    public TokenEnergyMeter(EnergyPrices prices, Duration window, Duration minSpan) {
        if (minSpan.isNegative() || minSpan.compareTo(window) > 0) {
            throw new IllegalArgumentException("need 0 <= minSpan <= window");
        }
        this.prices = prices;
        this.windowMillis = window.toMillis();
        this.minSpanMillis = minSpan.toMillis();
        this.joules = new CounterTrail(windowMillis);
        this.tokens = new CounterTrail(windowMillis);
    }

    /** One GPU sample: the energy counters of the GPUs the engine holds now. */
    public void gpu(GpuSnapshot s) {
        TreeSet<Integer> holding = new TreeSet<>();
        boolean anyCounter = false;
        boolean heldCounters = true;
        double millijoules = 0;
        for (GpuReading r : s.state().isOk() ? s.gpus() : List.<GpuReading>of()) {
            anyCounter |= r.energyMillijoules() != null;
            if (!r.lost() && r.processes() != null && r.processes().stream().map(GpuProcess::engineName)
                    .anyMatch(Objects::nonNull)) {
                holding.add(r.index());
                heldCounters &= r.energyMillijoules() != null;
                millijoules += r.energyMillijoules() == null ? 0 : r.energyMillijoules();
            }
        }
        gpuProblem = !anyCounter || !heldCounters ? NO_COUNTER : holding.isEmpty() ? NO_ENGINE_GPU : null;
        if (gpuProblem != null || !holding.equals(held)) {
            joules.clear();
            idleWatts = OptionalDouble.empty();
            idleFromMillis = -1;
            held = holding;
        }
        if (gpuProblem == null) {
            recordEnergy(s.at().toEpochMilli(), millijoules / 1000);
        }
    }

    private void recordEnergy(long at, double total) {
        joules.add(at, total);
        if (!idle) {
            idleFromMillis = -1;
        } else if (idleFromMillis < 0 || total < idleFromJoules) {
            idleFromMillis = at;
            idleFromJoules = total;
        } else if (at - idleFromMillis >= IDLE_MIN_MILLIS) {
            idleWatts = OptionalDouble.of((total - idleFromJoules) * 1000 / (at - idleFromMillis));
        }
    }

    /** The engine's cumulative generated-token counter, and whether it has no request running or queued. */
    public void generatedTokens(Instant at, double total, boolean idleNow) {
        tokens.add(at.toEpochMilli(), total);
        idle = idleNow;
    }

    /**
     * One scrape: its generated-token counter when the engine exports one (a drop restarts the trail), else its
     * rate integrated since the previous scrape (a rate averaged over the scraper's window lags a step change).
     */
    public void metrics(EngineMetrics m) {
        long at = m.at().toEpochMilli();
        boolean idleNow = m.running().orElse(1) == 0 && m.waiting().orElse(0) == 0;
        if (m.generatedTokens().isPresent()) {
            lastRateMillis = -1;
            generatedTokens(m.at(), m.generatedTokens().getAsDouble(), idleNow);
            return;
        }
        if (m.tokensOutPerSec().isEmpty() || at <= lastRateMillis) {
            tokens.clear();
            lastRateMillis = -1;
            idle = idleNow;
            return;
        }
        if (lastRateMillis >= 0) {
            tokensFromRate += m.tokensOutPerSec().getAsDouble() * (at - lastRateMillis) / 1000;
        }
        lastRateMillis = at;
        generatedTokens(m.at(), tokensFromRate, idleNow);
    }

    /** The engine cannot be scraped: the token counter starts over when it can again. */
    public void tokensUnavailable() {
        tokens.clear();
        lastRateMillis = -1;
    }

    /** Figures over the newest window, or empty with {@link #reason()} saying why. */
    public Optional<TokenCost> cost() {
        if (gpuProblem != null || joules.isEmpty() || tokens.isEmpty()) {
            return Optional.empty();
        }
        long end = Math.min(joules.lastMillis(), tokens.lastMillis());
        long start = Math.max(Math.max(joules.firstMillis(), tokens.firstMillis()), end - windowMillis);
        if (end - start < Math.max(1, minSpanMillis)) {
            return Optional.empty();
        }
        double dE = joules.at(end).getAsDouble() - joules.at(start).getAsDouble();
        double dN = tokens.at(end).getAsDouble() - tokens.at(start).getAsDouble();
        if (dN <= 0) {
            return Optional.empty();
        }
        return Optional.of(TokenCost.of(dE, (end - start) / 1000.0, dN, held.size(), idleWatts, prices));
    }

    /** Why {@link #cost()} is empty ({@code null} when it is not): shown instead of a number, never 0. */
    public String reason() {
        if (gpuProblem != null) {
            return gpuProblem;
        }
        return cost().isPresent() ? null : tokens.isEmpty() || joules.isEmpty() ? MEASURING
                : tokens.at(tokens.lastMillis()).getAsDouble() > tokens.at(tokens.firstMillis()).getAsDouble()
                ? MEASURING : NO_TOKENS;
    }

    /** Idle power of the held GPUs, watts, when measured. */
    public OptionalDouble idleWatts() {
        return idleWatts;
    }
}
