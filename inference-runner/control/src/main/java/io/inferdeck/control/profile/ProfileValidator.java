package io.inferdeck.control.profile;

import static io.inferdeck.control.profile.ProfileIssue.error;
import static io.inferdeck.control.profile.ProfileIssue.warning;

import io.inferdeck.common.net.RemoteKeys;
import io.inferdeck.control.driver.EngineDriver;
import io.inferdeck.control.driver.EngineDrivers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Validation of a {@link DeploymentProfile}: the engine-independent rules live here (name, model
 * presence, field ranges, bind address and ports, replicas and the GPU list in {@link GpuLayoutRules},
 * the API key), then the engine's driver adds its own ({@link EngineDriver#validate}) and
 * {@link KnobApplicability} warns about knobs the engine ignores; the {@code gateway.safety} block is checked against
 * the {@link ProfileRules} (stage ids known to the safety registry, allowed review modes). Rules about how an engine runs
 * apply only to engines InferDeck launches; the bind rules hold for every deployment (an attached engine
 * is served through a front door on {@code host:port}). Pure and thread-safe; never touches the file system or
 * network (binaries are checked when a command is rendered).
 */
public final class ProfileValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Flags InferDeck owns on every engine's command line (llama-server, vLLM, SGLang, TGI spell them so). */
    private static final java.util.Set<String> OWNED_FLAGS =
            java.util.Set.of("--host", "--port", "--api-key", "--api-key-file", "--hostname");

    private ProfileValidator() {
    }

    /** {@link #validate(DeploymentProfile, OptionalInt, EngineDrivers)} against the default driver registry. */
    public static List<ProfileIssue> validate(DeploymentProfile p, OptionalInt trainedContext) {
        return validate(p, trainedContext, EngineDrivers.defaults());
    }

    /** {@link #validate(DeploymentProfile, OptionalInt, ProfileRules)} with {@code drivers}; stage ids not checked. */
    public static List<ProfileIssue> validate(DeploymentProfile p, OptionalInt trainedContext, EngineDrivers drivers) {
        return validate(p, trainedContext, ProfileRules.of(drivers));
    }

    /**
     * @param trainedContext the model's trained context length from GGUF metadata, when the caller
     *                       could read it; empty skips that rule
     * @return every issue found, errors and warnings, shared rules first; empty when clean
     */
    public static List<ProfileIssue> validate(DeploymentProfile p, OptionalInt trainedContext, ProfileRules rules) {
        EngineDrivers drivers = rules.drivers();
        List<ProfileIssue> out = new ArrayList<>();
        if (p.name() == null || !NAME.matcher(p.name()).matches()) {
            out.add(error("name", "must be 1-64 characters of A-Z a-z 0-9 . _ - (it names the engine's working directory)"));
        }
        Optional<EngineDriver> found = drivers.find(p.engine());
        if (found.isEmpty()) {
            out.add(error("engine", "unknown engine '" + p.engine().id() + "' (allowed: " + drivers.allowed() + ")"));
            return List.copyOf(out);
        }
        EngineDriver driver = found.get();
        if (driver.launched(p)) {
            if (driver.knobs().contains(ProfileKnob.MODEL)) {   // e.g. `ollama serve` takes no model
                checkModel(p, driver, out);
            }
            checkSizes(p, driver, trainedContext, out);
            checkCacheType(p, driver, out);
            GpuLayoutRules.check(p, out);
        }
        if (driver.launched(p)) {
            checkExtraArgs(p, out);
        }
        checkBind(p, out);   // launched engines bind host:port, attached ones get the deployment's front door there
        driver.validate(p, out);
        checkApiKey(p, out);
        checkLiveSafety(p.gateway().safety(), rules, out);
        KnobApplicability.check(p, driver, drivers, out);
        return List.copyOf(out);
    }

    private static void checkModel(DeploymentProfile p, EngineDriver driver, List<ProfileIssue> out) {
        boolean missing = p.model() == null || p.model().isBlank();
        if (missing && !driver.runsDefaultModel()) {
            out.add(error("model", "required for " + p.engine().id()));
        } else if (p.model() != null && p.model().isBlank()) {
            out.add(error("model", "must not be blank (omit it to use the built-in default model)"));
        }
    }

    private static void checkSizes(DeploymentProfile p, EngineDriver driver, OptionalInt trained, List<ProfileIssue> out) {
        if (p.threads() != null && p.threads() < 1) {
            out.add(error("threads", "must be >= 1 (omit it for the engine's default)"));
        }
        if (p.ctx() <= 0) {
            out.add(error("ctx", "must be > 0 tokens"));
        } else if (trained.isPresent() && driver.tokensPerSequence(p) > trained.getAsInt()) {
            // the trained context bounds one sequence, whatever share of ctx the engine gives it
            int perSequence = driver.tokensPerSequence(p);
            out.add(error("ctx", (perSequence != p.ctx()
                    ? "ctx/parallel = " + perSequence + " tokens per slot" : Integer.toString(p.ctx()))
                    + " exceeds the model's trained context of " + trained.getAsInt() + " tokens"));
        }
        if (p.batch() < 1) {
            out.add(error("batch", "must be >= 1"));
        }
        if (p.ubatch() < 1) {
            out.add(error("ubatch", "must be >= 1"));
        }
        if (p.parallel() < 1) {
            out.add(error("parallel", "must be >= 1 slot"));
        }
        if (p.queue() != null && p.queue() < 1) {
            out.add(error("queue", "must be >= 1 (omit it for the runner's default)"));
        }
    }

    private static void checkCacheType(DeploymentProfile p, EngineDriver driver, List<ProfileIssue> out) {
        List<String> allowed = driver.kvCache().allowed();
        if (p.cacheTypeK() != null && !allowed.contains(p.cacheTypeK())) {
            out.add(error("cacheTypeK", "'" + p.cacheTypeK() + "' is not one of " + allowed));
        }
    }

    private static void checkBind(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.host() == null || p.host().isBlank()) {
            out.add(error("host", "required (127.0.0.1 keeps the engine on this machine)"));
        } else if (!Hosts.isLoopback(p.host()) && p.apiKey() == null && !p.gateway().keys()) {   // a non-loopback bind admits by key
            out.add(error("apiKey", "required when host is not loopback (host is " + p.host() + "), unless gateway.keys is on"));
        }
        if (p.port() < 1 || p.port() > 65535) {
            out.add(error("port", "must be 1..65535"));
        } else if (p.replicas() > 1 && p.port() + p.replicas() - 1 > 65535) {
            out.add(error("port", "replicas use consecutive ports from " + p.port() + ", past 65535"));
        }
    }

    /**
     * InferDeck sets where an engine listens and its key from host, port and apiKey (the key through the
     * environment); the same flags in extraArgs would bind elsewhere or put the key in argv.
     */
    private static void checkExtraArgs(DeploymentProfile p, List<ProfileIssue> out) {
        for (int i = 0; i < p.extraArgs().size(); i++) {
            String arg = p.extraArgs().get(i);
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (OWNED_FLAGS.contains(flag)) {
                out.add(error("extraArgs[" + i + "]", flag + " is set by InferDeck; use the profile's host, port or apiKey field"));
            }
        }
    }

    /** Review mode always; stage ids when the rules know the safety registry's ids. */
    private static void checkLiveSafety(GatewaySettings.Safety safety, ProfileRules rules, List<ProfileIssue> out) {
        if (safety == null) {
            return;
        }
        if (!GatewaySettings.Safety.REVIEW_MODES.contains(safety.review())) {
            out.add(error("gateway.safety.review", "'" + safety.review() + "' is not one of "
                    + String.join(", ", GatewaySettings.Safety.REVIEW_MODES)));
        }
        checkGuard(safety.guard(), out);
        rules.safetyStages().ifPresent(registry -> {
            java.util.Set<String> known = new java.util.HashSet<>(registry);
            if (safety.guard() != null) {
                known.add(GatewaySettings.Guard.STAGE);
            }
            for (int i = 0; i < safety.stages().size(); i++) {
                String id = safety.stages().get(i);
                if (!known.contains(id)) {
                    out.add(error("gateway.safety.stages[" + i + "]", "unknown stage '" + id + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
                }
            }
        });
    }

    /** A guard block needs an http(s) URL and a model; its timeout, failure decision and prompt style in range. */
    private static void checkGuard(GatewaySettings.Guard g, List<ProfileIssue> out) {
        if (g == null) {
            return;
        }
        String url = g.url() == null ? "" : g.url();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            out.add(error("gateway.safety.guard.url", "must be the guard engine's http(s) URL"));
        }
        if (g.model().isBlank()) {
            out.add(error("gateway.safety.guard.model", "must name the model the engine serves"));
        }
        if (g.timeoutMs() < 1 || g.timeoutMs() > 60_000) {
            out.add(error("gateway.safety.guard.timeoutMs", "must be 1 to 60,000 ms"));
        }
        if (!GatewaySettings.Guard.ON_FAILURE.contains(g.onFailure())) {
            out.add(error("gateway.safety.guard.onFailure", "'" + g.onFailure() + "' is not one of "
                    + String.join(", ", GatewaySettings.Guard.ON_FAILURE)));
        }
        if (!GatewaySettings.Guard.PROMPTS.contains(g.prompt())) {
            out.add(error("gateway.safety.guard.prompt", "'" + g.prompt() + "' is not one of "
                    + String.join(", ", GatewaySettings.Guard.PROMPTS)));
        }
    }

    private static void checkApiKey(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.apiKey() == null) {
            return;
        }
        if (p.apiKey().isEmpty() || p.apiKey().chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            out.add(error("apiKey", "must be non-empty without spaces or control characters (it goes into an HTTP header)"));
        } else if (p.apiKey().length() < RemoteKeys.MIN_LENGTH && p.host() != null && !p.host().isBlank() && !Hosts.isLoopback(p.host())) {
            // the runner refuses such a key for a non-loopback bind too (issue 21): other machines could guess it
            out.add(error("apiKey", "shorter than " + RemoteKeys.MIN_LENGTH + " characters while host " + p.host()
                    + " is reachable from other machines: use a longer key"));
        } else if (p.apiKey().length() < RemoteKeys.MIN_LENGTH) {
            out.add(warning("apiKey", "shorter than " + RemoteKeys.MIN_LENGTH + " characters: easy to guess"));
        }
    }
}
