package io.inferdeck.views.dashboard;

import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.services.metrics.MetricsUpdate;

/**
 * Everything the Dashboard gets from other threads, as one value on its one dispatcher channel: the newest
 * GPU sample, the newest metrics scrape (or why there is none) and the last export's result. Parts are
 * null until they first arrive; the page tells new parts by identity.
 */
record DashboardPageState(GpuSnapshot gpu, MetricsUpdate metrics, String export) {
    static final DashboardPageState EMPTY = new DashboardPageState(null, null, null);

    DashboardPageState withGpu(GpuSnapshot g) {
        return new DashboardPageState(g, metrics, export);
    }

    DashboardPageState withMetrics(MetricsUpdate m) {
        return new DashboardPageState(gpu, m, export);
    }

    DashboardPageState withExport(String e) {
        return new DashboardPageState(gpu, metrics, e);
    }
}
