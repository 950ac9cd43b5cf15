package io.inferdeck.gpu.dcgm;

import io.inferdeck.common.prom.PromFormatException;
import io.inferdeck.common.prom.PromSample;
import io.inferdeck.common.prom.PromTextParser;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.GpuSource;
import io.inferdeck.gpu.SourceState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * GPU readings of a remote engine host, scraped from its DCGM exporter's {@code /metrics}
 * (Prometheus text). Series are grouped into GPUs by the exporter's {@code gpu} label;
 * {@code UUID}, {@code modelName} and {@code pci_bus_id} give identity. Fields the exporter is
 * not configured to export stay null. Per-process memory is not exported by DCGM, and a remote
 * pid means nothing here, so {@code processes} is always null (n/a); MIG instances are not split
 * out (the first series per GPU wins).
 *
 * <p>Every problem (unreachable, HTTP error, malformed text, no DCGM series) becomes an ERROR
 * state naming the URL; {@link #sample()} blocks at most the request timeout.
 */
public final class DcgmGpuSource implements GpuSource {

    private static final long MIB = 1L << 20;
    /** dcgm-exporter's field names (its default-counters.csv) that other readers (the fleet's PromQL) use too. */
    public static final String FIELD_PREFIX = "DCGM_FI_DEV_";
    public static final String FB_USED = FIELD_PREFIX + "FB_USED";
    public static final String FB_FREE = FIELD_PREFIX + "FB_FREE";
    public static final String FB_RESERVED = FIELD_PREFIX + "FB_RESERVED";
    public static final String FB_TOTAL = FIELD_PREFIX + "FB_TOTAL";
    public static final String GPU_UTIL = FIELD_PREFIX + "GPU_UTIL";
    public static final String GPU_TEMP = FIELD_PREFIX + "GPU_TEMP";
    public static final String POWER_USAGE = FIELD_PREFIX + "POWER_USAGE";

    private final URI metricsUrl;
    private final HttpClient client;
    private final boolean ownsClient;
    private final Clock clock;
    private final Duration timeout;

    private DcgmGpuSource(Builder b) {
        this.metricsUrl = b.metricsUrl;
        this.ownsClient = b.client == null;
        this.client = ownsClient
                ? HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build()
                : b.client;
        this.clock = b.clock;
        this.timeout = b.timeout;
    }

    public static Builder builder(URI metricsUrl) {
        return new Builder(metricsUrl);
    }

    @Override
    public String kind() {
        return "dcgm";
    }

    @Override
    public GpuSnapshot sample() {
        Instant now = clock.instant();
        String where = "DCGM exporter at " + metricsUrl;
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(metricsUrl).timeout(timeout)
                    .header("Accept", "text/plain").GET().build();
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return GpuSnapshot.withoutGpus(now, SourceState.error(where + " unreachable: " + describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GpuSnapshot.withoutGpus(now, SourceState.error(where + ": interrupted"));
        }
        if (response.statusCode() != 200) {
            return GpuSnapshot.withoutGpus(now, SourceState.error(where + " answered HTTP " + response.statusCode()));
        }
        List<PromSample> samples;
        try {
            samples = PromTextParser.parse(response.body()).samples();
        } catch (PromFormatException e) {
            return GpuSnapshot.withoutGpus(now, SourceState.error(where + " sent malformed metrics: " + e.getMessage()));
        }
        Map<Integer, DcgmGpu> gpus = group(samples);
        if (gpus.isEmpty()) {
            return GpuSnapshot.withoutGpus(now, SourceState.error(where + " exports no DCGM_FI_DEV_* series with a gpu label"));
        }
        GpuSnapshot.Builder snapshot = GpuSnapshot.builder().at(now)
                .state(SourceState.ok("DCGM " + metricsUrl + ", " + gpus.size() + (gpus.size() == 1 ? " GPU" : " GPUs")));
        gpus.values().forEach(g -> snapshot.gpu(g.reading()));
        return snapshot.build();
    }

    private static Map<Integer, DcgmGpu> group(List<PromSample> samples) {
        Map<Integer, DcgmGpu> gpus = new TreeMap<>();
        for (PromSample s : samples) {
            String gpu = s.label("gpu");
            if (!s.name().startsWith(FIELD_PREFIX) || gpu == null || !gpu.matches("\\d{1,4}")) {
                continue;
            }
            gpus.computeIfAbsent(Integer.parseInt(gpu), DcgmGpu::new).add(s);
        }
        return gpus;
    }

    /** HttpClient often throws a bare ConnectException; the cause chain says more. */
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return e.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** One GPU's series; first value per metric wins. */
    private static final class DcgmGpu {
        private final int index;
        private final Map<String, Double> values = new TreeMap<>();
        private String uuid;
        private String model;
        private String pciBusId;

        DcgmGpu(int index) {
            this.index = index;
        }

        void add(PromSample s) {
            values.putIfAbsent(s.name(), s.value());
            uuid = uuid == null ? s.label("UUID") : uuid;
            model = model == null ? s.label("modelName") : model;
            pciBusId = pciBusId == null ? s.label("pci_bus_id") : pciBusId;
        }

        GpuReading reading() {
            Long used = mib(FB_USED);
            Long free = mib(FB_FREE);
            Long reserved = mib(FB_RESERVED);
            Long total = mib(FB_TOTAL);
            if (total == null && used != null && free != null) {
                total = used + free + (reserved == null ? 0 : reserved);
            }
            Long limit = milliwatts("DCGM_FI_DEV_ENFORCED_POWER_LIMIT");
            return GpuReading.builder(index).uuid(uuid).name(model).pciBusId(pciBusId)
                    .memoryTotalBytes(total).memoryUsedBytes(used).memoryFreeBytes(free).memoryReservedBytes(reserved)
                    .gpuUtilizationPercent(integer(GPU_UTIL))
                    .memoryUtilizationPercent(integer("DCGM_FI_DEV_MEM_COPY_UTIL"))
                    .temperatureCelsius(integer(GPU_TEMP))
                    .powerMilliwatts(milliwatts(POWER_USAGE))
                    .powerLimitMilliwatts(limit != null ? limit : milliwatts("DCGM_FI_DEV_POWER_MGMT_LIMIT"))
                    .smClockMhz(integer("DCGM_FI_DEV_SM_CLOCK"))
                    .energyMillijoules(millijoules("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"))
                    .build();
        }

        private Double finite(String metric) {
            Double v = values.get(metric);
            return v == null || !Double.isFinite(v) || v < 0 ? null : v;
        }

        /** DCGM framebuffer fields are MiB. */
        private Long mib(String metric) {
            Double v = finite(metric);
            return v == null ? null : Math.round(v) * MIB;
        }

        /** DCGM power fields are watts (fractional). */
        private Long milliwatts(String metric) {
            Double v = finite(metric);
            return v == null ? null : Math.round(v * 1000);
        }

        /** DCGM's energy counter is millijoules already (dcgm-exporter's default-counters.csv). */
        private Long millijoules(String metric) {
            Double v = finite(metric);
            return v == null ? null : Math.round(v);
        }

        private Integer integer(String metric) {
            Double v = finite(metric);
            return v == null || v > Integer.MAX_VALUE ? null : (int) Math.round(v);
        }
    }

    public static final class Builder {
        private final URI metricsUrl;
        private HttpClient client;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(2);

        private Builder(URI metricsUrl) {
            this.metricsUrl = Objects.requireNonNull(metricsUrl, "metricsUrl");
            String scheme = metricsUrl.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("DCGM exporter URL must be http(s)://host:port/metrics, got " + metricsUrl);
            }
        }

        /** A client the caller owns (and closes); by default the source makes and closes its own. */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        public DcgmGpuSource build() {
            return new DcgmGpuSource(this);
        }
    }
}
