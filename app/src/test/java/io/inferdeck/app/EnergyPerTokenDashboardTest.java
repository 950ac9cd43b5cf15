package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.energy.EnergyPrices;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.EngineLauncher;
import io.inferdeck.services.engine.EngineService;
import io.inferdeck.services.gpu.GpuFeed;
import io.inferdeck.services.metrics.MetricsSampler;
import io.inferdeck.services.metrics.MetricsUpdate;
import io.inferdeck.views.dashboard.DashboardViewModel;
import io.inferdeck.views.dashboard.GpuProcessRow;
import io.inferdeck.views.fx.FxDispatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18's first two promises with every part real: the console's {@link EngineService} starts the built-in
 * runner (TINY model) and registers its pid; the stand-in libnvidia-ml (real JNA calls) puts that child process on
 * GPU 0 ({@code procs.children}) and integrates GPU 0's configured power into its energy counter; a closed loop of
 * two streams loads the runner; GPU samples and scrapes go over the bus into the console's {@link DashboardWiring}.
 *
 * <p>The expected figure is computed independently: ΔE = GPU 0's configured power × the span both counters cover
 * (first to last sample of the later-starting / earlier-ending one), ΔN = the runner's own
 * {@code inferdeck_generated_tokens_total} read in the idle phases before and after the load (so the counter is
 * flat at both ends of the span and needs no interpolation). The tile must equal ΔE/ΔN within ±2 %, $/1M tokens
 * likewise; GPU 1 (someone else's process) must not count. The GPU card lists the engine under its deployment, and
 * the KV chart holds the runner's KV estimate (issue 18's fourth promise).
 */
class EnergyPerTokenDashboardTest {
    static final Path STANDIN = Path.of(System.getProperty("inferdeck.test.standin",
            "../gpu-monitor/target/standin/libnvidia-ml.so")).toAbsolutePath().normalize();
    private static final long ENGINE_GPU_MW = 700_000;
    private static final Pattern GENERATED = Pattern.compile("(?m)^inferdeck_generated_tokens_total(?:\\{[^}]*})? (\\S+)$");

    interface StandinControl extends Library {
        void nvmlStandinSetConfig(String path);
    }

    @TempDir
    Path dir;
    /** Held for the whole test: an unreachable JNA proxy may be collected and dlclose the stand-in, losing its config. */
    private StandinControl standin;

    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "engine-worker"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fx-dispatch"));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        supervisor.shutdownNow();
        worker.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void dashboardJoulesAndDollarsPerTokenEqualConfiguredPowerOverTheRunnersTokenCounter() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path conf = dir.resolve("standin.conf");
        Files.writeString(conf, String.join("\n", "gpus=2", "gpu.0.name=NVIDIA H100 80GB HBM3",
                "gpu.0.power=" + ENGINE_GPU_MW, "gpu.0.procs.children=6442450944",
                "gpu.1.power=300000", "gpu.1.procs=4199999:1073741824", ""));
        standin = Native.load(STANDIN.toString(), StandinControl.class);
        standin.nvmlStandinSetConfig(conf.toString());

        Path model = dir.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        LiveBus bus = new LiveBus();
        EnginePidRegistry pids = new EnginePidRegistry();
        EngineTarget target = new EngineTarget();
        EngineService engine = new EngineService(supervisor, worker, new EngineLauncher(new ModelLibrary(dir.resolve("models")),
                LaunchContext.forThisJvm(), dir.resolve("engines"), supervisor, Clock.systemUTC()),
                new ProfileLibrary(dir.resolve("profiles")), target, pids, bus.topic(EngineService.SNAPSHOTS));
        open.add(engine);
        FxDispatcher dispatcher = FxDispatcher.onFxThread(timer);
        open.add(dispatcher);
        DashboardWiring wiring = new DashboardWiring(dispatcher, bus, dir.resolve("exports"), 2.0, 1.0, java.util.Optional.empty());
        open.add(wiring);
        MetricsSampler scraper = new MetricsSampler(target, bus.topic(MetricsSampler.UPDATES), Duration.ofSeconds(5), Clock.systemUTC());
        open.add(scraper);
        NvmlGpuSource gpus = NvmlGpuSource.builder().library(STANDIN.toString()).pidLookup(pids).build();
        open.add(gpus);

        Applied applied = engine.apply(DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("energy-bench")
                .model(model.toString()).ctx(512).parallel(2).threads(1).port(FreePorts.allocate()).build())
                .toCompletableFuture().get(90, TimeUnit.SECONDS);
        long runnerPid = readyPid(bus);
        URI base = applied.baseUrl();
        gpus.sample();   // the first sample pays dlopen and JNA's symbol lookups

        Window w = new Window();
        try (HttpClient http = HttpClient.newHttpClient()) {
            w.samples(bus, gpus, scraper, 3);   // idle: the counter is flat
            double tokensBefore = generatedTokens(http, base);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> streams = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int stream = i;
                streams.add(Thread.ofVirtual().start(() -> closedLoop(http, base, stream, stop)));
            }
            w.samples(bus, gpus, scraper, 20);
            stop.set(true);
            for (Thread t : streams) {
                t.join(Duration.ofSeconds(30));
            }
            w.samples(bus, gpus, scraper, 3);   // idle: the counter is flat
            double tokens = generatedTokens(http, base) - tokensBefore;
            assertThat(tokens).as("the load generated tokens").isGreaterThan(100);

            double seconds = w.spanSeconds();
            assertThat(seconds).as("the Dashboard's minimum span").isGreaterThanOrEqualTo(5);
            double joulesPerToken = ENGINE_GPU_MW / 1000.0 * seconds / tokens;
            double usdPerMillion = joulesPerToken * 1e6 / 3.6e6 * EnergyPrices.DEFAULTS.usdPerKwh();
            DashboardViewModel vm = wiring.viewModel();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> vm.joulesPerTokenTile().availableProperty().get()).get());
            WaitForAsyncUtils.asyncFx(() -> {
                assertThat(Double.parseDouble(vm.joulesPerTokenTile().valueProperty().get()))
                        .as(vm.joulesPerTokenTile().noteProperty().get()).isCloseTo(joulesPerToken, within(joulesPerToken * 0.02));
                assertThat(vm.joulesPerTokenTile().noteProperty().get()).contains("1 GPU");
                assertThat(Double.parseDouble(vm.costTile().valueProperty().get())).isCloseTo(usdPerMillion, within(usdPerMillion * 0.02));

                List<GpuProcessRow> engineGpu = vm.gpuCards().get(0).processesProperty().get();
                assertThat(engineGpu).singleElement().satisfies(row -> {
                    assertThat(row.pid()).isEqualTo(runnerPid);
                    assertThat(row.engine()).isEqualTo("energy-bench");
                    assertThat(row.memory()).isEqualTo("6.0 GiB");
                    assertThat(row.command()).contains("java");
                });
                assertThat(vm.gpuCards().get(1).processesProperty().get()).singleElement()
                        .satisfies(row -> assertThat(row.engine()).isEmpty());
                // the built-in runner's KV estimate under load: some scrape caught requests holding cells
                assertThat(vm.points(DashboardViewModel.KV_CACHE)).as("KV chart").isNotEmpty()
                        .anySatisfy(p -> assertThat(p.value()).isPositive());
                return null;
            }).get();
        }
    }

    /** The first and last instants each counter was read at, as the Dashboard received them. */
    private static final class Window {
        Instant firstGpu;
        Instant lastGpu;
        Instant firstScrape;
        Instant lastScrape;

        /** {@code n} GPU samples and scrapes 300 ms apart, each published on the bus as the console's samplers do. */
        void samples(LiveBus bus, NvmlGpuSource gpus, MetricsSampler scraper, int n) throws InterruptedException {
            for (int i = 0; i < n; i++) {
                GpuSnapshot s = gpus.sample();
                bus.topic(GpuFeed.SNAPSHOTS).publish(s);
                firstGpu = firstGpu == null ? s.at() : firstGpu;
                lastGpu = s.at();
                MetricsUpdate u = scraper.sampleOnce();
                assertThat(u).isInstanceOf(MetricsUpdate.Scraped.class);
                Instant at = ((MetricsUpdate.Scraped) u).metrics().at();
                firstScrape = firstScrape == null ? at : firstScrape;
                lastScrape = at;
                Thread.sleep(300);
            }
        }

        double spanSeconds() {
            Instant from = firstGpu.isAfter(firstScrape) ? firstGpu : firstScrape;
            Instant to = lastGpu.isBefore(lastScrape) ? lastGpu : lastScrape;
            return Duration.between(from, to).toNanos() / 1e9;
        }
    }

    /** The Ready replica's pid, once the engine's snapshot (published after the apply completed) says so. */
    private static long readyPid(LiveBus bus) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var ready = bus.topic(EngineService.SNAPSHOTS).latest().stream().flatMap(s -> s.replicas().stream())
                    .filter(EngineState.Ready.class::isInstance).map(r -> ((EngineState.Ready) r).pid())
                    .filter(java.util.OptionalLong::isPresent).findFirst();
            if (ready.isPresent()) {
                return ready.get().getAsLong();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no Ready replica with a pid: " + bus.topic(EngineService.SNAPSHOTS).latest());
    }

    private static void closedLoop(HttpClient http, URI base, int stream, AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/completions"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"prompt\":\"the river " + stream + "\",\"max_tokens\":24,\"ignore_eos\":true}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static double generatedTokens(HttpClient http, URI base) throws Exception {
        String text = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = GENERATED.matcher(text);
        assertThat(m.find()).as("the runner's token counter in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
