package io.inferdeck.runner;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps web pages the operator visits from driving the runner. A page can make the browser send a
 * "simple" cross-site POST (text/plain, no preflight) or, by DNS rebinding, make its own host name resolve
 * to 127.0.0.1. So: the {@code Host} must name the bound address or a loopback name (any host when bound to
 * a wildcard address, which requires an API key of 16+ characters anyway); a request carrying an
 * {@code Origin} is refused unless that origin is configured (--allowed-origins /
 * INFERDECK_ALLOWED_ORIGINS); POST bodies must be application/json (checked by the handler). Names are
 * compared literally, never resolved: resolving is what DNS rebinding attacks. Immutable, thread-safe.
 */
final class BrowserGuard {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    private final String boundHost;
    private final Set<String> allowedOrigins;

    BrowserGuard(String boundHost, List<String> allowedOrigins) {
        this.boundHost = bare(boundHost);
        this.allowedOrigins = allowedOrigins.stream().map(BrowserGuard::origin).collect(Collectors.toUnmodifiableSet());
    }

    /** @param host the Host header (null for HTTP/1.0 clients); @param origin the Origin header or null */
    void check(String host, String origin) throws ApiError {
        if (host != null && !hostAllowed(hostName(host))) {
            throw new ApiError(403, "permission_error", "Host '" + host + "' is not this runner's address; requests must "
                    + "name " + boundHost + " or a loopback name (DNS-rebinding protection)", null, "host_not_allowed");
        }
        if (origin != null && !originAllowed(origin)) {
            throw new ApiError(403, "permission_error", "Cross-origin requests from " + origin + " are refused; start the "
                    + "runner with --allowed-origins (or INFERDECK_ALLOWED_ORIGINS) to allow a web page", null,
                    "origin_not_allowed");
        }
    }

    /** True when a browser at this origin may call the API (CORS headers are then sent). */
    boolean originAllowed(String origin) {
        return allowedOrigins.contains(origin(origin));
    }

    private boolean hostAllowed(String name) {
        return WILDCARDS.contains(boundHost) || name.equals(boundHost) || isLoopbackName(name);
    }

    static boolean isLoopbackName(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("::1")
                || name.equals("0:0:0:0:0:0:0:1") || IPV4_LOOPBACK.matcher(name).matches();
    }

    /** The name part of a Host header: without the port and IPv6 brackets, lower case, no trailing dot. */
    static String hostName(String host) {
        String h = host.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(1, end);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return bare(h);
    }

    private static String bare(String h) {
        String s = h.toLowerCase(Locale.ROOT);
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String origin(String o) {
        String s = o.strip().toLowerCase(Locale.ROOT);
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
