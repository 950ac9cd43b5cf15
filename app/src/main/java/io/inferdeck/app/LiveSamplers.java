package io.inferdeck.app;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.gpu.EnginePidLookup;
import io.inferdeck.gpu.GpuSampler;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import io.inferdeck.gpu.nvml.NvmlLibraryPath;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.gpu.GpuFeed;
import io.inferdeck.services.metrics.MetricsSampler;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live sources on the bus, shared by the console and {@code dashboard-bench}: NVML GPU samples
 * ({@link GpuFeed#SNAPSHOTS}, library override from {@code INFERDECK_NVML_LIBRARY}) on {@code gpu-sampler},
 * and, once asked, engine metrics ({@link MetricsSampler#UPDATES}) on {@code metrics-scraper}. Owns both
 * threads; {@link #close()} stops them.
 */
public final class LiveSamplers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveSamplers.class.getName());

    private final LiveBus bus;
    private final GpuSampler gpu;
    private ScheduledExecutorService scraperThread;
    private MetricsSampler metrics;

    /** Starts GPU sampling at {@code gpuHz}; {@code enginePids} lets GPU cards highlight the engines' memory. */
    public LiveSamplers(LiveBus bus, EnginePidLookup enginePids, double gpuHz) {
        this.bus = bus;
        gpu = GpuSampler.builder(NvmlGpuSource.builder().libraryCandidates(NvmlLibraryPath.candidates())
                        .pidLookup(enginePids).build())
                .threadFactory(Thread.ofPlatform().name("gpu-sampler").daemon(true).factory())
                .rateHz(gpuHz).build();
        GpuFeed.connect(gpu, bus);
        gpu.start();
    }

    /** Starts scraping whatever {@code target} points at, {@code hz} times a second. Once. */
    public void scrape(EngineTarget target, double hz) {
        scraperThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("metrics-scraper").daemon(true).factory());
        metrics = new MetricsSampler(target, bus.topic(MetricsSampler.UPDATES), MetricsSampler.DEFAULT_TIMEOUT, Clock.systemUTC());
        metrics.start(scraperThread, hz);
    }

    /** One GPU sample now, on the calling thread (also published). */
    public GpuSnapshot sampleGpuOnce() {
        return gpu.sampleOnce();
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
            scraperThread.shutdownNow();
            try {
                if (!scraperThread.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "metrics-scraper did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        gpu.close();
    }
}
