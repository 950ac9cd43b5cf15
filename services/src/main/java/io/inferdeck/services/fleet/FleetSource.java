package io.inferdeck.services.fleet;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the Fleet page reads the fleet from: the status at an instant and the history over a range. Blocking
 * (network); call it off the FX thread. {@link #prometheus} is the real one; tests may give fixed data.
 */
public interface FleetSource {
    FleetStatus status(Instant at, Duration window) throws IOException, InterruptedException;

    FleetHistory history(Instant from, Instant to) throws IOException, InterruptedException;

    /** One Prometheus server, read with {@link FleetStatusReader} and {@link FleetHistoryReader}. */
    static FleetSource prometheus(PrometheusClient client, FleetDialects dialects) {
        FleetStatusReader status = new FleetStatusReader(client, dialects);
        FleetHistoryReader history = new FleetHistoryReader(client, dialects);
        return new FleetSource() {
            @Override
            public FleetStatus status(Instant at, Duration window) throws IOException, InterruptedException {
                return status.read(at, window);
            }

            @Override
            public FleetHistory history(Instant from, Instant to) throws IOException, InterruptedException {
                return history.read(from, to);
            }
        };
    }
}
