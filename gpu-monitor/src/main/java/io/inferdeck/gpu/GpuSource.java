package io.inferdeck.gpu;

/**
 * Where GPU readings come from: {@code nvml} (the local driver, see
 * {@link io.inferdeck.gpu.nvml.NvmlGpuSource}) or {@code dcgm} (a remote host's DCGM exporter,
 * see {@link io.inferdeck.gpu.dcgm.DcgmGpuSource}).
 *
 * <p>Contract: {@link #sample()} never throws for driver, network or data trouble; it returns a
 * snapshot whose {@link SourceState} says what went wrong. Implementations are confined to one
 * thread at a time (the sampler's, or the CLI's); they are not thread-safe.
 */
public interface GpuSource extends AutoCloseable {

    /** Short kind name: "nvml" or "dcgm". */
    String kind();

    /** Reads every GPU once. May block for the duration of a driver call or HTTP request. */
    GpuSnapshot sample();

    /** Releases the driver / HTTP resources. Idempotent. */
    @Override
    void close();
}
