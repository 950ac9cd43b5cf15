package io.inferdeck.control.driver;

import static io.inferdeck.control.profile.ProfileIssue.error;

import io.inferdeck.control.profile.ProfileIssue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** The one rule for a profile's {@code baseUrl}: an http(s) URL with a host. Shared by the attaching drivers. */
final class BaseUrlRule {
    private BaseUrlRule() {
    }

    /**
     * @param missing the error when {@code baseUrl} is absent; null when absence is fine (a default applies)
     */
    static void check(String baseUrl, String missing, List<ProfileIssue> out) {
        if (baseUrl == null || baseUrl.isBlank()) {
            if (missing != null) {
                out.add(error("baseUrl", missing));
            }
            return;
        }
        try {
            URI uri = new URI(baseUrl);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                out.add(error("baseUrl", "must be an http:// or https:// URL with a host"));
            }
        } catch (URISyntaxException e) {
            out.add(error("baseUrl", "not a URL: " + e.getMessage()));
        }
    }
}
