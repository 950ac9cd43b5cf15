package io.inferdeck.services.fleet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One scrape target of a node: its role and its metrics URL ({@code http(s)://host:port[/path]}, path
 * {@code /metrics} when left out). A protected target names the environment variable that holds its bearer
 * key ({@code bearerKeyEnv}); the key itself never appears in the inventory or in a rendered file.
 */
public record FleetTarget(FleetRole role, String url, String bearerKeyEnv) {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public FleetTarget {
        Objects.requireNonNull(role, "role: required");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url: required (e.g. http://10.0.0.5:9400/metrics)");
        }
        URI u = parse(url);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null || u.getPort() < 0
                || u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
            throw new IllegalArgumentException("url: expected http(s)://host:port[/path] without user, query or fragment, got " + url);
        }
        if (bearerKeyEnv != null && !ENV_NAME.matcher(bearerKeyEnv).matches()) {
            throw new IllegalArgumentException("bearerKeyEnv: expected an environment variable name, not a key");
        }
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: not a URL: " + url);
        }
    }

    public URI uri() {
        return URI.create(url);
    }

    /** {@code host:port}, Prometheus' {@code instance} label for this target. */
    public String hostPort() {
        return uri().getHost() + ":" + uri().getPort();
    }

    /** The path Prometheus scrapes: the URL's, or {@code /metrics}. */
    public String metricsPath() {
        String p = uri().getPath();
        return p == null || p.isEmpty() || p.equals("/") ? "/metrics" : p;
    }

    public Optional<String> bearerKey() {
        return Optional.ofNullable(bearerKeyEnv);
    }
}
