package io.inferdeck.tuning.fit;

import java.util.List;

/**
 * The memory-fit estimate: per-GPU shares with verdicts, what stays in host memory, totals, and
 * warnings about settings llama.cpp would reject or that look unintended. {@code verdict} is the worst
 * GPU's (FITS when no GPU is used: host memory is not judged).
 *
 * @param hostWeightBytes  token embeddings (always on the CPU) and layers not offloaded
 * @param offloadedLayers  of {@code totalLayers} = repeating layers + 1 output layer, as llama.cpp counts
 * @param contextPerSlot   tokens each parallel slot gets out of the total context
 */
public record MemoryEstimate(List<GpuMemory> gpus, long hostWeightBytes, long hostKvBytes, long hostComputeBytes,
                             long weightBytesTotal, long kvBytesTotal, int offloadedLayers, int totalLayers,
                             int contextPerSlot, FitVerdict verdict, List<String> warnings) {

    public MemoryEstimate {
        gpus = List.copyOf(gpus);
        warnings = List.copyOf(warnings);
    }

    public long hostBytes() {
        return hostWeightBytes + hostKvBytes + hostComputeBytes;
    }
}
