package io.inferdeck.app;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.control.metrics.MetricsScraper;
import io.inferdeck.gpu.EnginePidLookup;
import io.inferdeck.gpu.GpuSampler;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import io.inferdeck.gpu.nvml.NvmlLibraryPath;
import io.inferdeck.views.dashboard.DashboardView;
import io.inferdeck.views.dashboard.DashboardViewModel;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.shell.ShellViewModel;
import io.inferdeck.views.shell.StatusIndicator;
import io.inferdeck.views.shell.StatusLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Dashboard's part of the composition root: a {@link GpuSampler} at {@value #GPU_RATE_HZ} Hz on
 * {@code gpu-sampler} (NVML; library override from {@code INFERDECK_NVML_LIBRARY}), a 1 Hz scrape of
 * {@link EngineTarget#current()} on {@code metrics-scraper}, both publishing through the
 * {@link FxDispatcher} into one {@link DashboardViewModel}. Owns those threads; {@link #close()} stops them.
 */
final class DashboardWiring implements AutoCloseable {

    static final double GPU_RATE_HZ = 2.0;
    static final double METRICS_RATE_HZ = 1.0;
    private static final Duration SCRAPE_TIMEOUT = Duration.ofMillis(800);
    private static final System.Logger LOG = System.getLogger(DashboardWiring.class.getName());

    /** What one scrape tick produced: metrics, or the reason there are none. */
    private record MetricsUpdate(EngineMetrics metrics, String unavailable) {
    }

    private final DashboardViewModel viewModel;
    private final GpuSampler gpuSampler;
    private final ScheduledExecutorService scraperThread;
    private final BackgroundExecutor exportIo;
    private final FxDispatcher.Channel<String> exportResults;
    private final EngineTarget target;
    private final Path exportDir;
    // scraper-thread state: one scraper (with its rate normalizer) per endpoint
    private EngineEndpoint scrapedEndpoint;
    private MetricsScraper scraper;
    private DashboardView view;
    private final java.util.List<java.util.function.Consumer<GpuSnapshot>> gpuListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param enginePids pids of engines the console started, so GPU cards can highlight their memory */
    DashboardWiring(FxDispatcher dispatcher, ShellViewModel shell, EngineTarget target, EnginePidLookup enginePids,
                    Path exportDir) {
        this.target = target;
        this.exportDir = exportDir;
        viewModel = new DashboardViewModel(GPU_RATE_HZ, METRICS_RATE_HZ, DashboardViewModel.DEFAULT_SLO_P95);
        FxDispatcher.Channel<GpuSnapshot> gpu = dispatcher.channel("dashboard-gpu", snapshot -> {
            viewModel.acceptGpu(snapshot);
            shell.showGpuStatus(gpuStatus(snapshot));
            gpuListeners.forEach(l -> l.accept(snapshot));
        });
        FxDispatcher.Channel<MetricsUpdate> metrics = dispatcher.channel("dashboard-metrics", update -> {
            if (update.metrics() != null) {
                viewModel.acceptMetrics(update.metrics());
            } else {
                viewModel.metricsUnavailable(update.unavailable());
            }
        });
        exportResults = dispatcher.channel("dashboard-export", viewModel::exportFinished);
        exportIo = BackgroundExecutor.threadPool("dashboard-export", 1);

        gpuSampler = GpuSampler.builder(NvmlGpuSource.builder().libraryCandidates(NvmlLibraryPath.candidates())
                        .pidLookup(enginePids).build())
                .rateHz(GPU_RATE_HZ).build();
        gpuSampler.subscribe(Runnable::run, gpu::publish);   // the channel already coalesces
        gpuSampler.start();

        scraperThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("metrics-scraper").daemon(true).factory());
        long periodMs = Math.round(1000 / METRICS_RATE_HZ);
        scraperThread.scheduleWithFixedDelay(() -> metrics.publish(scrapeOnce()), 0, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Also hands each GPU snapshot to {@code onFx}, on the FX thread (the Tuning page's memory-fit estimate). */
    void alsoOnGpu(java.util.function.Consumer<GpuSnapshot> onFx) {
        gpuListeners.add(onFx);
    }

    /** FX thread: the Dashboard page, built once. */
    DashboardView view() {
        if (view == null) {
            view = new DashboardView(viewModel, exportIo, exportDir, exportResults::publish);
        }
        return view;
    }

    /** metrics-scraper thread. Never throws: a throw would cancel the periodic task. */
    private MetricsUpdate scrapeOnce() {
        try {
            Optional<EngineEndpoint> endpoint = target.current();
            if (endpoint.isEmpty()) {
                closeScraper();
                return new MetricsUpdate(null, "No engine running — start one on the Engine page.");
            }
            if (!endpoint.get().equals(scrapedEndpoint)) {
                closeScraper();
                scrapedEndpoint = endpoint.get();
                scraper = new MetricsScraper(scrapedEndpoint.resolve("/metrics"), SCRAPE_TIMEOUT,
                        scrapedEndpoint.key().orElse(null), new MetricsNormalizer(Clock.systemUTC(), MetricsNormalizer.DEFAULT_WINDOW));
            }
            return new MetricsUpdate(scraper.scrape(), null);
        } catch (IOException | RuntimeException e) {
            return new MetricsUpdate(null, "Metrics from " + scrapedEndpoint + " unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MetricsUpdate(null, "Metrics scraping stopped");
        }
    }

    private void closeScraper() {
        if (scraper != null) {
            scraper.close();
            scraper = null;
            scrapedEndpoint = null;
        }
    }

    static StatusIndicator gpuStatus(GpuSnapshot snapshot) {
        return switch (snapshot.state().status()) {
            case OK -> new StatusIndicator(snapshot.gpus().stream().anyMatch(g -> g.lost()) ? StatusLevel.WARN : StatusLevel.OK,
                    "GPU: " + snapshot.gpus().size() + " × NVML");
            case UNAVAILABLE -> StatusIndicator.idle("GPU: NVML not available");
            case ERROR -> new StatusIndicator(StatusLevel.ERROR, "GPU: sampling failed");
        };
    }

    @Override
    public void close() {
        scraperThread.shutdownNow();
        try {
            if (!scraperThread.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "metrics-scraper did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeScraper();
        gpuSampler.close();
        exportIo.close();
    }
}
