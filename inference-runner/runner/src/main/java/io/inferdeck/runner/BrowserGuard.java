package io.inferdeck.runner;

import java.util.List;

/**
 * The runner's wording of {@link io.inferdeck.common.net.BrowserGuard} (the rule itself lives there, shared
 * with the gateway): a {@code Host} that is not the bound address or a loopback name, or an {@code Origin} not
 * given by --allowed-origins / INFERDECK_ALLOWED_ORIGINS, is a 403. POST bodies must be application/json
 * (checked by the handler with {@link io.inferdeck.common.net.BrowserGuard#isJson}). Immutable, thread-safe.
 */
final class BrowserGuard {
    private final io.inferdeck.common.net.BrowserGuard rule;

    BrowserGuard(String boundHost, List<String> allowedOrigins) {
        this.rule = new io.inferdeck.common.net.BrowserGuard(boundHost, allowedOrigins);
    }

    /** @param host the Host header (null for HTTP/1.0 clients); @param origin the Origin header or null */
    void check(String host, String origin) throws ApiError {
        var problem = rule.check(host, origin);
        if (problem.isEmpty()) {
            return;
        }
        throw switch (problem.get()) {
            case HOST_NOT_ALLOWED -> new ApiError(403, "permission_error", "Host '" + host + "' is not this runner's "
                    + "address; requests must name " + rule.boundHost() + " or a loopback name (DNS-rebinding protection)",
                    null, "host_not_allowed");
            case ORIGIN_NOT_ALLOWED -> new ApiError(403, "permission_error", "Cross-origin requests from " + origin
                    + " are refused; start the runner with --allowed-origins (or INFERDECK_ALLOWED_ORIGINS) to allow a "
                    + "web page", null, "origin_not_allowed");
        };
    }
}
