package io.inferdeck.app;

import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.dashboard.DashboardExporter;
import io.inferdeck.services.gpu.GpuFeed;
import io.inferdeck.services.metrics.MetricsSampler;
import io.inferdeck.views.dashboard.DashboardView;
import io.inferdeck.views.dashboard.DashboardViewModel;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The Dashboard's part of the composition root, used as is by the console and by {@code dashboard-bench}:
 * the bus's GPU and metrics topics connected to the page's one dispatcher channel, and exports saved on
 * {@code dashboard-export}. The samplers feeding the bus are {@link LiveSamplers}'. {@link #close()}
 * disconnects the topics and stops the export thread.
 */
public final class DashboardWiring implements AutoCloseable {

    public static final double GPU_RATE_HZ = 2.0;
    public static final double METRICS_RATE_HZ = 1.0;

    private final DashboardViewModel viewModel;
    private final BackgroundExecutor exportIo = BackgroundExecutor.threadPool("dashboard-export", 1);
    private final DashboardExporter exporter;
    private final Topic.Subscription gpu;
    private final Topic.Subscription metrics;
    private DashboardView view;

    /**
     * @param gpuHz, metricsHz the samplers' rates, which size the charts' series
     * @param sloP95 the operator's P95 latency objective (settings); empty: the tiles stay neutral
     */
    public DashboardWiring(FxDispatcher dispatcher, LiveBus bus, Path exportDir, double gpuHz, double metricsHz,
                           Optional<Duration> sloP95) {
        viewModel = new DashboardViewModel(dispatcher, gpuHz, metricsHz, sloP95);
        exporter = new DashboardExporter(exportDir, exportIo::execute, Clock.systemDefaultZone());
        gpu = bus.topic(GpuFeed.SNAPSHOTS).subscribe(viewModel::acceptGpu);
        metrics = bus.topic(MetricsSampler.UPDATES).subscribe(viewModel::accept);
    }

    /** The page's state (tests read what the page would show). */
    DashboardViewModel viewModel() {
        return viewModel;
    }

    /** FX thread: the Dashboard page, built once. */
    public DashboardView view() {
        if (view == null) {
            view = new DashboardView(viewModel, exporter);
        }
        return view;
    }

    @Override
    public void close() {
        gpu.close();
        metrics.close();
        exportIo.close();
    }
}
