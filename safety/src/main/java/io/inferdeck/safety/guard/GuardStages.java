package io.inferdeck.safety.guard;

import java.net.http.HttpClient;
import java.util.function.UnaryOperator;

/**
 * Makes guard stages that share one HTTP client (built by the composition root, which owns its executor) and
 * read API keys from {@code env} (System::getenv in production). Thread-safe.
 */
public final class GuardStages {
    private final HttpClient http;
    private final UnaryOperator<String> env;

    public GuardStages(HttpClient http, UnaryOperator<String> env) {
        this.http = http;
        this.env = env;
    }

    public GuardStage stage(GuardSettings settings) {
        return new GuardStage(new GuardClient(http, settings, env), settings);
    }
}
