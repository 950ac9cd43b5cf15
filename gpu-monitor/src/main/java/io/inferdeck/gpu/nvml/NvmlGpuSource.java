package io.inferdeck.gpu.nvml;

import io.inferdeck.gpu.EnginePidLookup;
import io.inferdeck.gpu.HostProcesses;
import io.inferdeck.gpu.ProcfsHostProcesses;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.GpuSource;
import io.inferdeck.gpu.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * GPU readings from the local NVIDIA driver through NVML.
 *
 * <p>Lifecycle: nothing native happens in the constructor. The first {@link #sample()} loads the
 * library and calls nvmlInit, so that work lands on the sampler thread. Without a loadable
 * library every sample says "NVML not available: &lt;dlopen error&gt;" (state UNAVAILABLE) and no
 * load is attempted again; when nvmlInit fails (driver not loaded yet, ...) init is retried
 * every {@code initRetryInterval}. Device handles, names, UUIDs and bus ids are read once per
 * init; the rest every sample.
 *
 * <p>Not thread-safe (see {@link GpuSource}).
 */
public final class NvmlGpuSource implements GpuSource {

    private static final String UNAVAILABLE = "NVML not available: ";

    private final List<String> libraryCandidates;
    private final Clock clock;
    private final EnginePidLookup pidLookup;
    private final HostProcesses hostProcesses;
    private final Duration initRetryInterval;
    private final int maxProcessRetries;

    private NvmlBinding nvml;
    private SourceState notLoaded;
    private NvmlDeviceReader reader;
    private SourceState state;
    private Instant nextInitAttempt = Instant.MIN;
    private boolean closed;

    private NvmlGpuSource(Builder b) {
        this.libraryCandidates = List.copyOf(b.libraryCandidates);
        this.clock = b.clock;
        this.pidLookup = b.pidLookup;
        this.hostProcesses = b.hostProcesses;
        this.initRetryInterval = b.initRetryInterval;
        this.maxProcessRetries = b.maxProcessRetries;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String kind() {
        return "nvml";
    }

    @Override
    public GpuSnapshot sample() {
        Instant now = clock.instant();
        if (closed) {
            return GpuSnapshot.withoutGpus(now, SourceState.unavailable(UNAVAILABLE + "source closed"));
        }
        if (nvml == null && notLoaded == null) {
            load();
        }
        if (notLoaded != null) {
            return GpuSnapshot.withoutGpus(now, notLoaded);
        }
        if (reader == null && !now.isBefore(nextInitAttempt)) {
            initialize(now);
        }
        if (reader == null) {
            return GpuSnapshot.withoutGpus(now, state);
        }
        // stamped when the reads start, not before a first load/init (dlopen can take a few hundred ms):
        // energy rates divide counter deltas by these times
        GpuSnapshot.Builder snapshot = GpuSnapshot.builder().at(clock.instant()).state(state);
        reader.readAll(snapshot);
        if (reader.needsReinit()) {
            // NVML was shut down under us (NVML_ERROR_UNINITIALIZED): start over on the next sample
            release();
        }
        return snapshot.build();
    }

    private void load() {
        try {
            nvml = NvmlBinding.load(libraryCandidates, maxProcessRetries);
        } catch (NvmlUnavailableException e) {
            notLoaded = SourceState.unavailable(UNAVAILABLE + e.getMessage());
        }
    }

    private void initialize(Instant now) {
        int rc = nvml.init();
        if (rc != NvmlBinding.SUCCESS) {
            state = SourceState.unavailable(UNAVAILABLE + "nvmlInit failed: " + describe(rc));
            nextInitAttempt = now.plus(initRetryInterval);
            return;
        }
        String nvmlVersion = nvml.nvmlVersion() == NvmlBinding.SUCCESS ? nvml.text() : "?";
        String driverVersion = nvml.driverVersion() == NvmlBinding.SUCCESS ? nvml.text() : "?";
        int countRc = nvml.deviceCount();
        if (countRc != NvmlBinding.SUCCESS) {
            nvml.shutdown();
            state = SourceState.error("NVML device count failed: " + describe(countRc));
            nextInitAttempt = now.plus(initRetryInterval);
            return;
        }
        int count = (int) Math.min(Integer.toUnsignedLong(nvml.intValue()), 1024);
        reader = new NvmlDeviceReader(nvml, pidLookup, hostProcesses, count);
        state = SourceState.ok("NVML " + nvmlVersion + ", driver " + driverVersion + ", "
                + count + (count == 1 ? " GPU" : " GPUs"));
    }

    /** The enum's text; for a code newer than the enum, the driver's own words too. */
    private String describe(int rc) {
        String text = NvmlReturn.describe(rc);
        String driver = NvmlReturn.of(rc) == NvmlReturn.UNRECOGNIZED ? nvml.errorString(rc) : null;
        return driver == null ? text : text + ": \"" + driver + "\"";
    }

    private void release() {
        reader = null;
        nvml.shutdown();
    }

    /** Which NVML entry-point versions this source ended up using; for diagnostics. */
    public String bindingVersions() {
        return nvml == null ? "not loaded" : nvml.versions();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (reader != null) {
                release();
            }
        }
    }

    public static final class Builder {
        private List<String> libraryCandidates = NvmlLibraryPath.candidates();
        private Clock clock = Clock.systemUTC();
        private EnginePidLookup pidLookup = EnginePidLookup.NONE;
        private HostProcesses hostProcesses = new ProcfsHostProcesses();
        private Duration initRetryInterval = Duration.ofSeconds(10);
        private int maxProcessRetries = 8;

        private Builder() {
        }

        /** Loads exactly this library (path or soname) instead of the defaults. */
        public Builder library(String pathOrName) {
            this.libraryCandidates = List.of(Objects.requireNonNull(pathOrName, "pathOrName"));
            return this;
        }

        public Builder libraryCandidates(List<String> candidates) {
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("at least one library candidate is needed");
            }
            this.libraryCandidates = candidates;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder pidLookup(EnginePidLookup pidLookup) {
            this.pidLookup = Objects.requireNonNull(pidLookup, "pidLookup");
            return this;
        }

        /** Where each GPU process's command and user come from; /proc by default. */
        public Builder hostProcesses(HostProcesses hostProcesses) {
            this.hostProcesses = Objects.requireNonNull(hostProcesses, "hostProcesses");
            return this;
        }

        public Builder initRetryInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("initRetryInterval must not be negative");
            }
            this.initRetryInterval = interval;
            return this;
        }

        /** How often a process list that grew between calls (INSUFFICIENT_SIZE) is re-read. */
        public Builder maxProcessRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("maxProcessRetries must not be negative");
            }
            this.maxProcessRetries = retries;
            return this;
        }

        public NvmlGpuSource build() {
            return new NvmlGpuSource(this);
        }
    }
}
