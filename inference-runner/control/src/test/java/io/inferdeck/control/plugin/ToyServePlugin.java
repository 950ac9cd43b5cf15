package io.inferdeck.control.plugin;

import io.inferdeck.plugin.api.PluginApi;
import io.inferdeck.plugin.api.engine.EngineDriverPlugin;
import io.inferdeck.plugin.api.engine.EngineProfile;
import io.inferdeck.plugin.api.engine.Problem;
import io.inferdeck.plugin.api.engine.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A launched engine written only against the plugin API: "toyserve --model M --port P [--threads N]", its API
 * key in TOY_KEY, ready on /ready, and one rule of its own. {@code variant} gives the other test plugins.
 */
public class ToyServePlugin implements EngineDriverPlugin {
    @Override
    public int apiVersion() {
        return PluginApi.VERSION;
    }

    @Override
    public String id() {
        return "toyserve";
    }

    @Override
    public boolean launched(EngineProfile profile) {
        return true;
    }

    @Override
    public String command() {
        return "toyserve";
    }

    @Override
    public List<String> arguments(EngineProfile profile, Replica replica) {
        List<String> a = new ArrayList<>(List.of("--model", profile.model().orElseThrow(), "--port", String.valueOf(replica.port())));
        replica.threads().ifPresent(t -> a.addAll(List.of("--threads", String.valueOf(t))));
        a.addAll(profile.extraArgs());
        return a;
    }

    @Override
    public Map<String, String> environment(EngineProfile profile, Replica replica) {
        return profile.apiKey().map(k -> Map.of("TOY_KEY", k)).orElse(Map.of());
    }

    @Override
    public List<Problem> validate(EngineProfile profile) {
        return profile.ctx() % 128 == 0 ? List.of() : List.of(new Problem("ctx", "must be a multiple of 128 for toyserve"));
    }

    @Override
    public String healthPath() {
        return "/ready";
    }

    /** Claims a built-in engine's id. */
    public static class Clashing extends ToyServePlugin {
        @Override
        public String id() {
            return "vllm";
        }
    }

    /** An id no profile could spell. */
    public static class BadId extends ToyServePlugin {
        @Override
        public String id() {
            return "Toy Serve";
        }
    }

    /** Throws from its own rule. */
    public static class Throwing extends ToyServePlugin {
        @Override
        public String id() {
            return "throwing";
        }

        @Override
        public List<Problem> validate(EngineProfile profile) {
            throw new IllegalStateException("no rules today");
        }
    }
}
