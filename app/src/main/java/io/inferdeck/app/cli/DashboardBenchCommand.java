package io.inferdeck.app.cli;

import io.inferdeck.app.DashboardWiring;
import io.inferdeck.app.LiveSamplers;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.Percentiles;
import io.inferdeck.gpu.EnginePidLookup;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.metrics.MetricsSampler;
import io.inferdeck.services.metrics.MetricsUpdate;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.FxDispatcher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code inferdeck dashboard-bench}: the Dashboard on a real 1920x1080 stage, wired by the console's own
 * {@link DashboardWiring} and fed by its {@link LiveSamplers}: the NVML GPU sampler (point it at the stand-in
 * with INFERDECK_NVML_LIBRARY + NVML_STANDIN_CONFIG) at {@code --gpu-hz}, and engine metrics at 1 Hz
 * (scraped from {@code --engine}, else synthetic ones published on the same bus topic). Prints, per reporting interval,
 * the FX thread's CPU time per second (busy %), the CSS+layout part of each pulse (pre- to post-layout
 * pulse listener), and heap after GC at 1 minute and at the end. Needs a display (xvfb-run works).
 */
@Command(name = "dashboard-bench", mixinStandardHelpOptions = true,
        description = "Measure the Dashboard's FX-thread cost and heap growth (prints numbers).")
public final class DashboardBenchCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--duration", description = "Soak length in seconds (default ${DEFAULT-VALUE}).")
    long durationSeconds = 120;

    @Option(names = "--gpu-hz", description = "GPU sample rate (default ${DEFAULT-VALUE}).")
    double gpuHz = 10;

    @Option(names = "--engine", description = "Scrape this engine's /metrics at 1 Hz (a runner under load) instead of synthetic metrics.")
    java.net.URI engine;

    @Option(names = "--report-every", description = "Seconds between printed lines (default ${DEFAULT-VALUE}).")
    long reportEvery = 10;

    @Override
    public Integer call() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2,
                Thread.ofPlatform().name("bench-timer").daemon(true).factory());
        FxDispatcher dispatcher = FxDispatcher.onFxThread(timers);
        LiveBus bus = new LiveBus();
        // the console's own wiring: bus topics into the Dashboard's channel, exports on their thread
        DashboardWiring wiring = new DashboardWiring(dispatcher, bus,
                Files.exists(Path.of("target")) ? Path.of("target") : Path.of("."), gpuHz, 1.0,
                java.util.Optional.of(io.inferdeck.views.dashboard.DashboardViewModel.DEFAULT_SLO_P95));   // the SLO line drawn too
        AtomicLong layoutNanos = new AtomicLong();
        AtomicLong pulses = new AtomicLong();
        long[] preLayout = new long[1];
        AtomicLong fxThreadId = new AtomicLong();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(() -> {     // the toolkit's start-up task runs on the FX thread: build the stage there
            fxThreadId.set(Thread.currentThread().threadId());
            Application.setUserAgentStylesheet(Application.STYLESHEET_MODENA);
            Scene scene = new Scene(wiring.view(), 1920, 1080);
            scene.getStylesheets().setAll(Theme.DARK.stylesheets());
            scene.addPreLayoutPulseListener(() -> preLayout[0] = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                layoutNanos.addAndGet(System.nanoTime() - preLayout[0]);
                pulses.incrementAndGet();
            });
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            shown.countDown();
        });
        shown.await();

        LiveSamplers samplers = new LiveSamplers(bus, EnginePidLookup.NONE, gpuHz);
        Clock clock = Clock.systemUTC();
        long t0 = System.nanoTime();
        AtomicLong scrapeFailures = new AtomicLong();
        if (engine == null) {
            timers.scheduleAtFixedRate(() -> bus.topic(MetricsSampler.UPDATES).publish(
                    new MetricsUpdate.Scraped(syntheticMetrics(clock, (System.nanoTime() - t0) / 1e9))), 0, 1, TimeUnit.SECONDS);
        } else {
            bus.topic(MetricsSampler.UPDATES).subscribe(u -> {
                if (u instanceof MetricsUpdate.Unavailable) {
                    scrapeFailures.incrementAndGet();
                }
            });
            EngineTarget target = new EngineTarget();
            target.set(EngineEndpoint.of(engine.resolve("/").toString()));
            samplers.scrape(target, 1.0);
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        GpuSnapshot first = samplers.sampleGpuOnce();
        System.out.printf(Locale.ROOT, "dashboard-bench: %d GPUs (%s) at %.0f Hz, metrics 1 Hz from %s, %d s soak%n",
                first.gpus().size(), first.state().message(), gpuHz, engine == null ? "a synthetic source" : engine,
                durationSeconds);
        long heapAt1Min = -1;
        long lastCpu = threads.getThreadCpuTime(fxThreadId.get());
        long lastWall = System.nanoTime();
        long lastLayout = 0;
        long lastPulses = 0;
        double maxBusy = 0;
        double busySum = 0;
        int intervals = 0;
        for (long s = reportEvery; s <= durationSeconds; s += reportEvery) {
            Thread.sleep(Math.max(0, t0 + TimeUnit.SECONDS.toNanos(s) - System.nanoTime()) / 1_000_000);
            long cpu = threads.getThreadCpuTime(fxThreadId.get());
            long wall = System.nanoTime();
            long layout = layoutNanos.get();
            long p = pulses.get();
            double busy = 100.0 * (cpu - lastCpu) / (wall - lastWall);
            double layoutMs = p == lastPulses ? 0 : (layout - lastLayout) / 1e6 / (p - lastPulses);
            double pulsesPerSec = (p - lastPulses) / ((wall - lastWall) / 1e9);
            System.out.printf(Locale.ROOT, "t=%4ds  fx-thread busy %5.2f %%  pulses %5.1f/s  css+layout %.2f ms/pulse  heap %s%n",
                    s, busy, pulsesPerSec, layoutMs, mib(usedHeap()));
            if (s > reportEvery) {      // the first interval includes start-up
                maxBusy = Math.max(maxBusy, busy);
                busySum += busy;
                intervals++;
            }
            if (s >= 60 && heapAt1Min < 0) {
                heapAt1Min = heapAfterGc();
                System.out.printf(Locale.ROOT, "heap after GC at %d s: %s%n", s, mib(heapAt1Min));
            }
            lastCpu = cpu;
            lastWall = wall;
            lastLayout = layout;
            lastPulses = p;
        }
        long heapEnd = heapAfterGc();
        System.out.printf(Locale.ROOT, "fx-thread busy: mean %.2f %%, max %.2f %% (after the first interval)%n",
                intervals == 0 ? Double.NaN : busySum / intervals, maxBusy);
        System.out.printf(Locale.ROOT, "heap after GC at end (%d s): %s", durationSeconds, mib(heapEnd));
        if (heapAt1Min > 0) {
            System.out.printf(Locale.ROOT, "  growth vs 1 min: %+.1f %%", 100.0 * (heapEnd - heapAt1Min) / heapAt1Min);
        }
        System.out.println();
        if (engine != null) {
            System.out.printf(Locale.ROOT, "engine scrapes failed: %d of ~%d%n", scrapeFailures.get(), durationSeconds);
        }
        samplers.close();
        wiring.close();
        dispatcher.close();
        timers.shutdownNow();
        Platform.exit();
        return 0;
    }

    private static EngineMetrics syntheticMetrics(Clock clock, double t) {
        double wave = Math.sin(t / 9.0);
        double p95 = 0.3 + 0.1 * wave;
        return EngineMetrics.builder(clock.instant(), new EngineFlavor("builtin"))
                .window(Duration.ofSeconds(30))
                .qps(OptionalDouble.of(14 + 3 * wave))
                .tokensOutPerSec(OptionalDouble.of(300 + 50 * wave))
                .e2e(new Percentiles(OptionalDouble.of(p95 / 2), OptionalDouble.of(p95), OptionalDouble.of(p95 * 1.4),
                        OptionalDouble.of(100)))
                .ttft(new Percentiles(OptionalDouble.of(0.04), OptionalDouble.of(0.06), OptionalDouble.of(0.09),
                        OptionalDouble.of(100)))
                .running(OptionalDouble.of(4)).waiting(OptionalDouble.of(1))
                .kvCacheUsage(OptionalDouble.of(0.4 + 0.1 * wave))
                .build();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return usedHeap();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
