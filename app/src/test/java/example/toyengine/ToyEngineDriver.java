package example.toyengine;

import io.inferdeck.plugin.api.PluginApi;
import io.inferdeck.plugin.api.engine.EngineDriverPlugin;
import io.inferdeck.plugin.api.engine.EngineProfile;
import io.inferdeck.plugin.api.engine.Problem;
import java.util.List;

/**
 * The sample engine plugin (docs/plugins.md): "toy", an OpenAI-compatible server already running at the
 * profile's {@code baseUrl} that InferDeck attaches to (never starts or stops), ready while
 * {@code GET /toy/health} answers 200. Uses only the plugin API.
 */
public class ToyEngineDriver implements EngineDriverPlugin {
    @Override
    public int apiVersion() {
        return PluginApi.VERSION;
    }

    @Override
    public String id() {
        return "toy";
    }

    @Override
    public boolean launched(EngineProfile profile) {
        return false;
    }

    @Override
    public List<Problem> validate(EngineProfile profile) {
        return profile.baseUrl().filter(u -> u.startsWith("http://") || u.startsWith("https://")).isPresent() ? List.of()
                : List.of(new Problem("baseUrl", "required for a toy engine: where it runs, e.g. http://127.0.0.1:9000"));
    }

    @Override
    public String healthPath() {
        return "/toy/health";
    }
}
