package io.inferdeck.services.metrics;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.control.metrics.MetricsScraper;
import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.bus.TopicKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes the current engine's {@code /metrics} at a fixed rate and publishes each outcome on
 * {@link #UPDATES}, as {@code GpuSampler} does for GPUs. The engine is whatever {@link EngineTarget}
 * points at when a tick runs; a new endpoint gets a new scraper (and so a fresh rate window).
 *
 * <p>Runs on the single-threaded executor the composition root gives it ({@code metrics-scraper}), which
 * it never shuts down. Scraping blocks up to the timeout, so that executor must not serve anything that
 * waits. {@link #sampleOnce} and {@link #close} are serialised, so a scraper is never closed mid-scrape.
 */
public final class MetricsSampler implements AutoCloseable {
    public static final TopicKey<MetricsUpdate> UPDATES = TopicKey.of("engine-metrics", MetricsUpdate.class);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(800);
    static final String STOPPED = "Metrics scraping stopped";
    static final String NO_ENGINE = "No engine running — start one on the Engine page.";

    private final EngineTarget target;
    private final Topic<MetricsUpdate> topic;
    private final Duration timeout;
    private final Clock clock;
    private ScheduledFuture<?> task;
    private EngineEndpoint scraped;
    private MetricsScraper scraper;
    private boolean closed;

    /** @param timeout per scrape, below the sampling period so ticks do not pile up */
    public MetricsSampler(EngineTarget target, Topic<MetricsUpdate> topic, Duration timeout, Clock clock) {
        this.target = target;
        this.topic = topic;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Samples on {@code thread} every 1/{@code rateHz} s, the first at once. */
    public synchronized void start(ScheduledExecutorService thread, double rateHz) {
        if (closed || task != null) {
            throw new IllegalStateException(closed ? "sampler closed" : "sampler already started");
        }
        if (!(rateHz > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rateHz);
        }
        task = thread.scheduleWithFixedDelay(this::sampleOnce, 0, Math.round(1e9 / rateHz), TimeUnit.NANOSECONDS);
    }

    /**
     * Scrapes once on the calling thread and publishes the outcome (nothing once closed). Never throws: a
     * throw would end the periodic task.
     */
    public synchronized MetricsUpdate sampleOnce() {
        if (closed) {
            return new MetricsUpdate.Unavailable(STOPPED);
        }
        MetricsUpdate update = scrape();
        topic.publish(update);
        return update;
    }

    private MetricsUpdate scrape() {
        try {
            Optional<EngineEndpoint> endpoint = target.current();
            if (endpoint.isEmpty()) {
                closeScraper();
                return new MetricsUpdate.Unavailable(NO_ENGINE);
            }
            if (!endpoint.get().equals(scraped)) {
                closeScraper();
                scraped = endpoint.get();
                scraper = new MetricsScraper(scraped.resolve("/metrics"), timeout, scraped.key().orElse(null),
                        new MetricsNormalizer(clock, MetricsNormalizer.DEFAULT_WINDOW));
            }
            return new MetricsUpdate.Scraped(scraper.scrape());
        } catch (IOException | RuntimeException e) {
            return new MetricsUpdate.Unavailable("Metrics from " + scraped + " unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MetricsUpdate.Unavailable(STOPPED);
        }
    }

    private void closeScraper() {
        if (scraper != null) {
            scraper.close();
            scraper = null;
            scraped = null;
        }
    }

    /** Cancels the periodic task (waiting for a scrape in progress) and closes the scraper. */
    @Override
    public synchronized void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
        closeScraper();
    }
}
