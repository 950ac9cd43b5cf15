package io.inferdeck.services.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The arithmetic on synthetic counters: two held GPUs, one not held, tokens at another cadence. */
class TokenEnergyMeterTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final double W0 = 300;
    private static final double W1 = 200;
    private static final double W_OTHER = 650;
    private static final EnergyPrices PRICES = new EnergyPrices(0.20, 3.00);

    private final TokenEnergyMeter meter = new TokenEnergyMeter(PRICES, Duration.ofSeconds(60), Duration.ofSeconds(2));

    /** GPUs 0 and 1 hold the engine and draw {@code held} watts each scaled; GPU 2 runs someone else's job. */
    private static GpuSnapshot gpus(double seconds, double scale) {
        Instant at = T0.plusMillis(Math.round(seconds * 1000));
        return GpuSnapshot.builder().at(at).state(SourceState.ok("test"))
                .gpu(reading(0, W0 * scale * seconds, "chat"))
                .gpu(reading(1, W1 * scale * seconds, "chat"))
                .gpu(reading(2, W_OTHER * seconds, null))
                .build();
    }

    private static GpuReading reading(int index, double joules, String engine) {
        return GpuReading.builder(index).energyMillijoules(Math.round(joules * 1000) + 7_000_000L)
                .processes(List.of(new GpuProcess(100 + index, 1L << 30, engine))).build();
    }

    @Test
    void joulesPerTokenIsHeldEnergyOverTokensInTheSameWindow() {
        double tokensPerSecond = 125;
        for (int i = 0; i <= 20; i++) {
            meter.gpu(gpus(i * 0.5, 1));
            meter.generatedTokens(T0.plusMillis(i * 500 + 250), tokensPerSecond * (i * 0.5 + 0.25), false);
        }
        TokenCost cost = meter.cost().orElseThrow();

        double perToken = (W0 + W1) / tokensPerSecond;
        assertThat(cost.joulesPerToken()).isCloseTo(perToken, within(1e-9));
        assertThat(cost.gpus()).isEqualTo(2);
        assertThat(cost.window()).isEqualTo(Duration.ofMillis(9_750));
        assertThat(cost.usdPerMillionByEnergy()).isCloseTo(perToken * 1e6 / 3.6e6 * PRICES.usdPerKwh(), within(1e-9));
        assertThat(cost.usdPerMillionByGpuHour())
                .isCloseTo(2 * PRICES.usdPerGpuHour() / 3600 / tokensPerSecond * 1e6, within(1e-9));
        assertThat(cost.joulesPerTokenAboveIdle()).isEmpty();
        assertThat(meter.reason()).isNull();
    }

    @Test
    void idlePowerMeasuredWithoutRequestsIsSubtracted() {
        double idleScale = 0.25;
        double tokensPerSecond = 50;
        // 4 s idle at a quarter of the load power, then 10 s of load
        for (int i = 0; i <= 8; i++) {
            meter.generatedTokens(T0.plusMillis(i * 500L), 0, true);
            meter.gpu(gpus(i * 0.5, idleScale));
        }
        assertThat(meter.idleWatts().orElseThrow()).isCloseTo((W0 + W1) * idleScale, within(1e-6));
        assertThat(meter.reason()).isEqualTo(TokenEnergyMeter.NO_TOKENS);

        double idleJoules = 4 * (W0 + W1) * idleScale;
        TokenEnergyMeter loaded = new TokenEnergyMeter(PRICES, Duration.ofSeconds(5), Duration.ofSeconds(2));
        for (int i = 0; i <= 8; i++) {
            loaded.generatedTokens(T0.plusMillis(i * 500L), 0, true);
            loaded.gpu(gpus(i * 0.5, idleScale));
        }
        for (int i = 1; i <= 20; i++) {
            double t = 4 + i * 0.5;
            loaded.generatedTokens(T0.plusMillis(Math.round(t * 1000)), tokensPerSecond * (t - 4), false);
            GpuSnapshot s = gpus(t - 4, 1);
            loaded.gpu(GpuSnapshot.builder().at(T0.plusMillis(Math.round(t * 1000))).state(s.state())
                    .gpu(shift(s.gpus().get(0), idleJoules * W0 / (W0 + W1)))
                    .gpu(shift(s.gpus().get(1), idleJoules * W1 / (W0 + W1)))
                    .gpu(s.gpus().get(2)).build());
        }
        TokenCost cost = loaded.cost().orElseThrow();
        assertThat(cost.joulesPerToken()).isCloseTo((W0 + W1) / tokensPerSecond, within(1e-6));
        assertThat(cost.joulesPerTokenAboveIdle().orElseThrow())
                .isCloseTo((W0 + W1) * (1 - idleScale) / tokensPerSecond, within(1e-6));
    }

    private static GpuReading shift(GpuReading r, double joules) {
        return r.toBuilder().energyMillijoules(r.energyMillijoules() + Math.round(joules * 1000)).build();
    }

    @Test
    void cpuOnlyMachineSaysNoCounterNeverZero() {
        meter.gpu(GpuSnapshot.builder().at(T0).state(SourceState.error("NVML not available: no driver")).build());
        meter.generatedTokens(T0, 0, false);
        meter.generatedTokens(T0.plusSeconds(5), 500, false);
        assertThat(meter.cost()).isEmpty();
        assertThat(meter.reason()).isEqualTo(TokenEnergyMeter.NO_COUNTER);
    }

    @Test
    void gpuWithoutCounterAndEngineWithoutGpuAreNamed() {
        meter.gpu(GpuSnapshot.builder().at(T0).state(SourceState.ok("pre-Volta"))
                .gpu(GpuReading.builder(0).processes(List.of(new GpuProcess(5, 1L, "chat"))).build()).build());
        assertThat(meter.reason()).isEqualTo(TokenEnergyMeter.NO_COUNTER);

        meter.gpu(GpuSnapshot.builder().at(T0).state(SourceState.ok("t"))
                .gpu(reading(0, 1, null)).build());
        assertThat(meter.reason()).isEqualTo(TokenEnergyMeter.NO_ENGINE_GPU);
    }

    @Test
    void scrapedRatesAreIntegratedIntoTheTokenCounter() {
        double rate = 80;
        for (int i = 0; i <= 10; i++) {
            meter.gpu(gpus(i, 1));
            meter.metrics(EngineMetrics.builder(T0.plusSeconds(i), EngineFlavor.UNKNOWN)
                    .tokensOutPerSec(OptionalDouble.of(rate)).running(OptionalDouble.of(3)).build());
        }
        assertThat(meter.cost().orElseThrow().joulesPerToken()).isCloseTo((W0 + W1) / rate, within(1e-9));
    }

    @Test
    void theEnginesTokenCounterWinsOverItsLaggingRateAndADropRestartsIt() {
        double rate = 80;
        for (int i = 0; i <= 10; i++) {
            meter.gpu(gpus(i, 1));
            // a rate averaged over a long window still says 999 while the counter grows by 80 a second
            meter.metrics(EngineMetrics.builder(T0.plusSeconds(i), EngineFlavor.UNKNOWN)
                    .tokensOutPerSec(OptionalDouble.of(999)).generatedTokens(OptionalDouble.of(50_000 + rate * i))
                    .running(OptionalDouble.of(3)).build());
        }
        assertThat(meter.cost().orElseThrow().joulesPerToken()).isCloseTo((W0 + W1) / rate, within(1e-9));
        for (int i = 11; i <= 20; i++) {   // the engine restarted: its counter starts again near 0
            meter.gpu(gpus(i, 1));
            meter.metrics(EngineMetrics.builder(T0.plusSeconds(i), EngineFlavor.UNKNOWN)
                    .generatedTokens(OptionalDouble.of(2 * rate * (i - 11))).running(OptionalDouble.of(3)).build());
        }
        TokenCost after = meter.cost().orElseThrow();
        assertThat(after.window()).isEqualTo(java.time.Duration.ofSeconds(9));
        assertThat(after.joulesPerToken()).isCloseTo((W0 + W1) / (2 * rate), within(1e-9));
    }
}
