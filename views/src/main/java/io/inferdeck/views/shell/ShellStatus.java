package io.inferdeck.views.shell;

import io.inferdeck.gpu.GpuSnapshot;
import java.util.Objects;

/** The status bar's content: what the engine and the GPU source report, as one value. */
public record ShellStatus(StatusIndicator engine, StatusIndicator gpu) {

    public ShellStatus {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(gpu, "gpu");
    }

    /** The GPU item for a sample: how many GPUs NVML reports (amber when one is lost), or why there are none. */
    public static StatusIndicator gpu(GpuSnapshot snapshot) {
        return switch (snapshot.state().status()) {
            case OK -> new StatusIndicator(snapshot.gpus().stream().anyMatch(g -> g.lost()) ? StatusLevel.WARN : StatusLevel.OK,
                    "GPU: " + snapshot.gpus().size() + " × NVML");
            case UNAVAILABLE -> StatusIndicator.idle("GPU: NVML not available");
            case ERROR -> new StatusIndicator(StatusLevel.ERROR, "GPU: sampling failed");
        };
    }
}
