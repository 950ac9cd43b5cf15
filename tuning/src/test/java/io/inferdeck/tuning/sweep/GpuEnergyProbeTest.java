package io.inferdeck.tuning.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep table's tokens per joule: mean power from two energy readings, through the stand-in NVML (real JNA calls). */
class GpuEnergyProbeTest {
    static final Path STANDIN = Path.of(System.getProperty("inferdeck.test.standin",
            "../gpu-monitor/target/standin/libnvidia-ml.so")).toAbsolutePath().normalize();

    interface StandinControl extends Library {
        void nvmlStandinSetConfig(String path);
    }

    @TempDir
    Path dir;
    /** Held for the whole test: a collected JNA proxy may dlclose the stand-in and lose its config. */
    private StandinControl standin;

    @Test
    void tokensPerJouleIsTheRunsTokenRateOverTheSummedConfiguredPower() throws Exception {
        Path conf = dir.resolve("standin.conf");
        Files.writeString(conf, "gpus=2\ngpu.0.power=250000\ngpu.1.power=150000\n");
        standin = Native.load(STANDIN.toString(), StandinControl.class);
        standin.nvmlStandinSetConfig(conf.toString());
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(STANDIN.toString()).build()) {
            GpuEnergyProbe probe = new GpuEnergyProbe(() -> Optional.of(source.sample()));
            // warm-up: the first sample pays dlopen and JNA's symbol lookups between its time stamp and GPU 1's read
            source.sample();
            var before = probe.read();
            Thread.sleep(1500);
            double perJoule = GpuEnergyProbe.tokensPerJoule(120, before, probe.read()).orElseThrow();
            assertThat(perJoule).isCloseTo(120 / 400.0, within(120 / 400.0 * 0.02));
        }
    }

    @Test
    void noCounterOnAGpuOrNoGpuOrNoTimeIsEmptyNeverZero() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        GpuSnapshot oneWithout = GpuSnapshot.builder().at(t).state(SourceState.ok("t"))
                .gpu(GpuReading.builder(0).energyMillijoules(5_000L).build()).gpu(GpuReading.builder(1).build()).build();
        assertThat(new GpuEnergyProbe(() -> Optional.of(oneWithout)).read()).isEmpty();
        assertThat(new GpuEnergyProbe(() -> Optional.of(GpuSnapshot.withoutGpus(t, SourceState.unavailable("no driver")))).read()).isEmpty();
        assertThat(GpuEnergyProbe.NONE.read()).isEmpty();

        GpuSnapshot lostOne = GpuSnapshot.builder().at(t).state(SourceState.ok("t"))
                .gpu(GpuReading.builder(0).energyMillijoules(5_000L).build()).gpu(GpuReading.builder(1).lost(true).build()).build();
        var reading = new GpuEnergyProbe(() -> Optional.of(lostOne)).read();
        assertThat(reading).contains(new GpuEnergyProbe.Reading(t, 5.0));
        assertThat(GpuEnergyProbe.tokensPerJoule(100, reading, reading)).as("no time passed").isEmpty();
        assertThat(GpuEnergyProbe.tokensPerJoule(100, reading, Optional.empty())).isEmpty();
    }
}
