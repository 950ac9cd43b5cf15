package io.inferdeck.tuning.load;

/**
 * How requests are issued. Closed loop: {@code concurrency} streams, each sending its next request when
 * the previous one ends (throughput adapts to the server; queueing is hidden). Open loop: arrivals at a
 * fixed average rate regardless of responses, latency measured from each request's SCHEDULED time so that
 * a server (or generator) falling behind shows up as latency instead of silently lowering the load.
 */
public sealed interface LoadShape {

    /** A short human description ("closed loop, 4 streams"). */
    String describe();

    record ClosedLoop(int concurrency) implements LoadShape {
        public ClosedLoop {
            if (concurrency < 1 || concurrency > 10_000) {
                throw new IllegalArgumentException("concurrency must be 1..10000, was " + concurrency);
            }
        }

        @Override
        public String describe() {
            return "closed loop, " + concurrency + (concurrency == 1 ? " stream" : " streams");
        }
    }

    /** Open loop at {@code ratePerSecond}; POISSON draws exponential gaps, CONSTANT spaces them evenly. */
    record OpenLoop(double ratePerSecond, Arrivals arrivals) implements LoadShape {
        public OpenLoop {
            if (!(ratePerSecond > 0 && ratePerSecond <= 1_000_000)) {
                throw new IllegalArgumentException("rate must be in (0, 1e6] requests/s, was " + ratePerSecond);
            }
        }

        @Override
        public String describe() {
            return String.format(java.util.Locale.ROOT, "open loop, %.4g req/s %s", ratePerSecond,
                    arrivals.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    enum Arrivals { CONSTANT, POISSON }
}
