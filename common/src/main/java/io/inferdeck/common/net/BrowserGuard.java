package io.inferdeck.common.net;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one rule that keeps web pages the operator visits from driving an InferDeck server (the runner's API and
 * the gateway in front of every deployment). A page can make the browser send a "simple" cross-site POST
 * (text/plain, no preflight) or, by DNS rebinding, make its own host name resolve to 127.0.0.1. So: the
 * {@code Host} must name the bound address or a loopback name (any host when bound to a wildcard address, which
 * needs an API key anyway); a request carrying an {@code Origin} is refused unless that origin is configured.
 * Names are compared literally, never resolved: resolving is what DNS rebinding attacks. Callers word the
 * refusal for their own server. Immutable, thread-safe.
 */
public final class BrowserGuard {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    /** Why a request was refused. */
    public enum Problem { HOST_NOT_ALLOWED, ORIGIN_NOT_ALLOWED }

    private final String boundHost;
    private final Set<String> allowedOrigins;

    /** @param allowedOrigins origins ({@code scheme://host[:port]}) whose pages may call; empty = none */
    public BrowserGuard(String boundHost, List<String> allowedOrigins) {
        this.boundHost = bare(boundHost);
        this.allowedOrigins = allowedOrigins.stream().map(BrowserGuard::origin).collect(Collectors.toUnmodifiableSet());
    }

    /** The bound host as compared (lower case, without brackets). */
    public String boundHost() {
        return boundHost;
    }

    /** @param host the Host header (null for HTTP/1.0 clients); @param origin the Origin header or null */
    public Optional<Problem> check(String host, String origin) {
        if (host != null && !hostAllowed(hostName(host))) {
            return Optional.of(Problem.HOST_NOT_ALLOWED);
        }
        if (origin != null && !originAllowed(origin)) {
            return Optional.of(Problem.ORIGIN_NOT_ALLOWED);
        }
        return Optional.empty();
    }

    /** True when a browser at this origin may call (CORS headers are then sent). */
    public boolean originAllowed(String origin) {
        return allowedOrigins.contains(origin(origin));
    }

    /** True for a Content-Type header whose media type is {@code application/json} (parameters ignored). */
    public static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
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
