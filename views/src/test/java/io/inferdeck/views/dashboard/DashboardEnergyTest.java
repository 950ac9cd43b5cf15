package io.inferdeck.views.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import io.inferdeck.services.energy.EnergyPrices;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The J/token and $/1M tokens tiles, and the GPU cards' process list and status words. */
class DashboardEnergyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final double WATTS = 400;
    private static final double TOKENS_PER_SECOND = 160;
    private static final EnergyPrices PRICES = new EnergyPrices(0.30, 4.00);

    private static GpuSnapshot held(int second) {
        return GpuSnapshot.builder().at(T0.plusSeconds(second)).state(SourceState.ok("stand-in"))
                .gpu(GpuReading.builder(0).name("NVIDIA H100 80GB HBM3").memoryTotalBytes(80L << 30)
                        .memoryUsedBytes(30L << 30).energyMillijoules(Math.round(WATTS * second * 1000))
                        .processes(List.of(new GpuProcess(77, 20L << 30, "chat-8b", "/opt/inferdeck/runner --port 8080", "deck"),
                                new GpuProcess(91, 2L << 30, null, "python3 train.py", "alice")))
                        .build())
                .build();
    }

    private static EngineMetrics scrape(int second) {
        return EngineMetrics.builder(T0.plusSeconds(second), new EngineFlavor("builtin"))
                .tokensOutPerSec(OptionalDouble.of(TOKENS_PER_SECOND)).running(OptionalDouble.of(2)).build();
    }

    @Test
    void tilesShowEnergyAndCostPerTokenOfTheHeldGpu() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create(), 1, 1, java.util.Optional.of(Duration.ofMillis(500)), PRICES);
        for (int s = 0; s <= 10; s++) {
            vm.acceptGpu(held(s));
            vm.acceptMetrics(scrape(s));
        }
        double perToken = WATTS / TOKENS_PER_SECOND;
        assertEquals(String.format(Locale.ROOT, "%.2f", perToken), vm.joulesPerTokenTile().valueProperty().get());
        // three significant digits: electricity per 1M tokens is often cents
        assertEquals(String.format(Locale.ROOT, "%.3f", perToken * 1e6 / 3.6e6 * PRICES.usdPerKwh()),
                vm.costTile().valueProperty().get());
        assertTrue(vm.costTile().noteProperty().get().contains(
                String.format(Locale.ROOT, "%.2f by GPU-hour", PRICES.usdPerGpuHour() / 3600 / TOKENS_PER_SECOND * 1e6)));
        assertTrue(vm.tiles().contains(vm.joulesPerTokenTile()) && vm.tiles().contains(vm.costTile()));
    }

    @Test
    void cpuOnlyMachineSaysNoEnergyCounterNeverZero() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptGpu(GpuSnapshot.withoutGpus(T0, SourceState.unavailable("NVML not available: no driver")));
        for (int s = 0; s <= 10; s++) {
            vm.acceptMetrics(scrape(s));
        }
        for (TileViewModel tile : List.of(vm.joulesPerTokenTile(), vm.costTile())) {
            assertEquals(TileViewModel.NOT_AVAILABLE, tile.valueProperty().get());
            assertEquals("no GPU energy counter", tile.noteProperty().get());
            assertFalse(tile.availableProperty().get());
        }
    }

    @Test
    void cardListsHoldersEnginesFirstWithUserCommandAndStatus() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptGpu(held(0));
        GpuCardViewModel card = vm.gpuCards().getFirst();

        List<GpuProcessRow> rows = card.processesProperty().get();
        assertEquals(new GpuProcessRow(77, "/opt/inferdeck/runner --port 8080", "deck", "20.0 GiB", "chat-8b"), rows.get(0));
        assertEquals("runner", rows.get(0).program());
        assertEquals(new GpuProcessRow(91, "python3 train.py", "alice", "2.0 GiB", ""), rows.get(1));
        assertEquals("2 processes", card.statusTextProperty().get());
        assertTrue(card.detailsProperty().get().startsWith("NVIDIA H100 80GB HBM3\n"));
    }
}
