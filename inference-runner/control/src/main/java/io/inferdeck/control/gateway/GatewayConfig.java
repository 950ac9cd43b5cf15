package io.inferdeck.control.gateway;

import io.inferdeck.common.net.ServerLimits;
import io.inferdeck.control.gateway.cache.CacheConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway listens, what it accepts from clients and how long it waits for upstreams.
 *
 * @param host              bind address (loopback unless the profile says otherwise)
 * @param port              0 = any free port (tests)
 * @param apiKey            the profile's key: when present it admits clients ({@code Authorization: Bearer KEY}) and
 *                          goes to the engines; alone, nothing else is admitted but /health (see {@link Admission})
 * @param maxBodyBytes      larger request bodies are refused with 413
 * @param clients           what one client connection may cost (request line + headers larger than its header size
 *                          are refused by Jetty with 431; headers not complete within its header deadline and
 *                          connections silent for its idle timeout are closed; at most its connection cap are open)
 * @param maxHeaderCount    more request headers than this are refused with 431
 * @param connectTimeout    connecting to an upstream; refused or timed out → next upstream
 * @param firstByteTimeout  waiting for an upstream's response headers; exceeded → next upstream
 * @param streamIdleTimeout longest silence between bytes of an upstream body (e.g. SSE events) once it started
 * @param healthInterval    period of the gateway's active health check of each upstream no owner probes (a
 *                          deployment's replicas are probed by their supervisors instead, see {@link Upstream})
 * @param healthTimeout     a health check not answered within this marks the upstream unhealthy
 * @param logCapacity       requests kept in the in-memory request log
 * @param logFile           optional JSONL request log, rotated at {@code logFileMaxBytes}
 * @param hold              longest a request waits for an upstream when none is healthy but one is expected
 *                          back (starting, restarting); zero = never wait (503 at once)
 * @param maxHolding        requests allowed to wait at once; one more is refused with 429 and Retry-After
 * @param cache             the response cache; empty = off (the default)
 */
public record GatewayConfig(String host, int port, Optional<String> apiKey, long maxBodyBytes, ServerLimits clients,
                            int maxHeaderCount, Duration connectTimeout,
                            Duration firstByteTimeout, Duration streamIdleTimeout, Duration healthInterval,
                            Duration healthTimeout, int logCapacity, Optional<Path> logFile, long logFileMaxBytes,
                            Duration hold, int maxHolding, Optional<CacheConfig> cache) {

    /** A JSONL request log file is rotated when it reaches this size (three generations kept). */
    public static final long DEFAULT_LOG_FILE_MAX_BYTES = 16L << 20;

    /**
     * Client connections: 16 KiB of headers, complete within 10 s of connecting; closed after 60 s of silence; at most
     * 1,024 open (each forwarded request also holds an upstream connection: the cap bounds the gateway's file
     * descriptors near twice that, far more clients than a deployment's replicas serve at once).
     */
    public static final ServerLimits DEFAULT_CLIENTS = new ServerLimits(16 << 10, Duration.ofSeconds(10), Duration.ofSeconds(60), 1024);

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(clients, "clients");
        if (hold.isNegative() || maxHolding < 0) {
            throw new IllegalArgumentException("gateway hold and holding limit must not be negative");
        }
        if (maxBodyBytes <= 0 || maxHeaderCount <= 0 || logCapacity <= 0 || logFileMaxBytes <= 0) {
            throw new IllegalArgumentException("gateway limits must be positive");
        }
        for (Duration d : new Duration[] {connectTimeout, firstByteTimeout, streamIdleTimeout,
                healthInterval, healthTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("gateway timeouts must be positive");
            }
        }
    }

    /**
     * Defaults for a deployment: 8 MiB bodies, 100 headers, the {@link #DEFAULT_CLIENTS} connection limits; upstream
     * connect 2 s, first byte 300 s (a non-streamed reply only answers when generation ends), 60 s between streamed bytes;
     * health every 1 s with a 1 s timeout; 2,000 logged requests, no log file, no response cache. Requests arriving while every
     * replica is down but one is being restarted wait up to 3 s: a SIGKILLed replica is Ready again in about
     * 1.2 s (crash noticed, immediate restart of the last replica, model load, first health pass), so 3 s covers
     * it more than twice while staying far below any client's timeout; at most 64 wait (16 times the default
     * bench/chaos concurrency; each holds its body, at most {@code maxBodyBytes}).
     */
    public static GatewayConfig defaults(String host, int port, Optional<String> apiKey) {
        return new GatewayConfig(host, port, apiKey, 8L << 20, DEFAULT_CLIENTS, 100, Duration.ofSeconds(2), Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2_000, Optional.empty(), DEFAULT_LOG_FILE_MAX_BYTES, Duration.ofSeconds(3), 64,
                Optional.empty());
    }

    public GatewayConfig withMaxBodyBytes(long v) {
        return new GatewayConfig(host, port, apiKey, v, clients, maxHeaderCount, connectTimeout,
                firstByteTimeout, streamIdleTimeout, healthInterval, healthTimeout, logCapacity, logFile, logFileMaxBytes, hold, maxHolding, cache);
    }

    public GatewayConfig withUpstreamTimeouts(Duration connect, Duration firstByte, Duration streamIdle) {
        return new GatewayConfig(host, port, apiKey, maxBodyBytes, clients, maxHeaderCount, connect,
                firstByte, streamIdle, healthInterval, healthTimeout, logCapacity, logFile, logFileMaxBytes, hold, maxHolding, cache);
    }

    public GatewayConfig withHealth(Duration interval, Duration timeout) {
        return new GatewayConfig(host, port, apiKey, maxBodyBytes, clients, maxHeaderCount,
                connectTimeout, firstByteTimeout, streamIdleTimeout, interval, timeout, logCapacity, logFile, logFileMaxBytes, hold, maxHolding, cache);
    }

    public GatewayConfig withLog(int capacity, Optional<Path> file, long fileMaxBytes) {
        return new GatewayConfig(host, port, apiKey, maxBodyBytes, clients, maxHeaderCount,
                connectTimeout, firstByteTimeout, streamIdleTimeout, healthInterval, healthTimeout, capacity, file, fileMaxBytes, hold, maxHolding, cache);
    }

    public GatewayConfig withHold(Duration v, int maxWaiting) {
        return new GatewayConfig(host, port, apiKey, maxBodyBytes, clients, maxHeaderCount,
                connectTimeout, firstByteTimeout, streamIdleTimeout, healthInterval, healthTimeout, logCapacity, logFile,
                logFileMaxBytes, v, maxWaiting, cache);
    }

    public GatewayConfig withClientLimits(ServerLimits v) {
        return new GatewayConfig(host, port, apiKey, maxBodyBytes, v, maxHeaderCount, connectTimeout, firstByteTimeout,
                streamIdleTimeout, healthInterval, healthTimeout, logCapacity, logFile, logFileMaxBytes, hold, maxHolding, cache);
    }

    public GatewayConfig withCache(Optional<CacheConfig> v) {
        return new GatewayConfig(host, port, apiKey, maxBodyBytes, clients, maxHeaderCount,
                connectTimeout, firstByteTimeout, streamIdleTimeout, healthInterval, healthTimeout, logCapacity, logFile,
                logFileMaxBytes, hold, maxHolding, v);
    }
}
