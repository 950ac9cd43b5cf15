package io.inferdeck.services.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's check: the stand-in libnvidia-ml (real JNA calls) integrates its configured power into
 * the energy counter; this JVM stands in for the engine on GPUs 0 and 1 (procs.self), GPU 2 draws
 * power for someone else; a synthetic token counter runs at a fixed rate. J/token must equal
 * (P0 + P1) / rate within ±2 %, idle power (P0 + P1) likewise.
 */
class StandinTokenEnergyTest {

    static final Path STANDIN = Path.of(System.getProperty("inferdeck.test.standin",
            "../gpu-monitor/target/standin/libnvidia-ml.so")).toAbsolutePath().normalize();
    private static final long P0_MW = 320_000;
    private static final long P1_MW = 180_000;
    private static final double TOKENS_PER_SECOND = 400;

    interface StandinControl extends Library {
        void nvmlStandinSetConfig(String path);
    }

    @TempDir
    Path dir;
    /** Held for the whole test: an unreachable JNA proxy may be collected and dlclose the stand-in, losing its config. */
    private StandinControl standin;

    @Test
    void joulesPerTokenMatchesConfiguredPowerOverTokenRate() throws IOException, InterruptedException {
        Path conf = dir.resolve("standin.conf");
        Files.writeString(conf, String.join("\n", "gpus=3",
                "gpu.0.power=" + P0_MW, "gpu.0.procs.self=1073741824",
                "gpu.1.power=" + P1_MW, "gpu.1.procs.self=1073741824",
                "gpu.2.power=640000", "gpu.2.procs=4199999:1073741824", ""));
        standin = Native.load(STANDIN.toString(), StandinControl.class);
        standin.nvmlStandinSetConfig(conf.toString());
        EnginePidRegistry engines = new EnginePidRegistry();
        engines.register(ProcessHandle.current().pid(), "bench");
        TokenEnergyMeter meter = new TokenEnergyMeter(EnergyPrices.DEFAULTS, Duration.ofMillis(1200), Duration.ofMillis(500));
        // the 1.2 s window ends inside the 1.8 s load phase, so it holds load only
        double heldWatts = (P0_MW + P1_MW) / 1000.0;

        try (NvmlGpuSource source = NvmlGpuSource.builder().library(STANDIN.toString()).pidLookup(engines).build()) {
            source.sample();   // warm-up: the first sample pays dlopen and JNA's symbol lookups
            Instant idleFrom = Instant.now();
            for (int i = 0; i < 5; i++) {
                meter.generatedTokens(Instant.now(), 0, true);
                meter.gpu(source.sample());
                Thread.sleep(300);
            }
            assertThat(meter.idleWatts().orElseThrow()).isCloseTo(heldWatts, within(heldWatts * 0.02));

            Instant loadFrom = Instant.now();
            for (int i = 0; i < 6; i++) {
                GpuSnapshot s = source.sample();
                meter.gpu(s);
                Instant now = Instant.now();
                meter.generatedTokens(now, TOKENS_PER_SECOND * Duration.between(loadFrom, now).toNanos() / 1e9, false);
                Thread.sleep(300);
            }
            assertThat(idleFrom).isBefore(loadFrom);
        }
        TokenCost cost = meter.cost().orElseThrow();
        assertThat(cost.window()).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        double expected = heldWatts / TOKENS_PER_SECOND;
        assertThat(cost.gpus()).isEqualTo(2);
        assertThat(cost.joulesPerToken()).isCloseTo(expected, within(expected * 0.02));
        double usd = expected * 1e6 / 3.6e6 * EnergyPrices.DEFAULTS.usdPerKwh();
        assertThat(cost.usdPerMillionByEnergy()).isCloseTo(usd, within(usd * 0.02));
        assertThat(cost.joulesPerTokenAboveIdle().orElseThrow()).isLessThan(expected * 0.02);
    }
}
