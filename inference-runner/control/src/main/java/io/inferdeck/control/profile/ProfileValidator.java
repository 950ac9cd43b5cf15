package io.inferdeck.control.profile;

import static io.inferdeck.control.profile.ProfileIssue.error;
import static io.inferdeck.control.profile.ProfileIssue.warning;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Field-level validation of a {@link DeploymentProfile}. Pure and thread-safe; never touches the
 * file system or network (binaries are checked when a command is rendered). GPU layout rules live
 * in {@link GpuLayoutRules}, engine applicability warnings in {@link KnobApplicability}.
 */
public final class ProfileValidator {
    /**
     * Smallest context a llama.cpp slot may get (tokens). llama.cpp divides {@code ctx} among the
     * {@code parallel} slots; below this a chat template plus a short prompt and answer do not fit.
     */
    public static final int MIN_CTX_PER_SLOT = 128;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ProfileValidator() {
    }

    /**
     * @param trainedContext the model's trained context length from GGUF metadata, when the caller
     *                       could read it; empty skips that rule
     * @return every issue found, errors and warnings, in field order; empty when clean
     */
    public static List<ProfileIssue> validate(DeploymentProfile p, OptionalInt trainedContext) {
        List<ProfileIssue> out = new ArrayList<>();
        if (p.name() == null || !NAME.matcher(p.name()).matches()) {
            out.add(error("name", "must be 1-64 characters of A-Z a-z 0-9 . _ - (it names the engine's working directory)"));
        }
        if (p.engine() == EngineKind.REMOTE) {
            checkRemote(p, out);
        } else {
            checkModel(p, out);
            checkSizes(p, trainedContext, out);
            checkCacheTypes(p, out);
            checkBind(p, out);
            GpuLayoutRules.check(p, out);
        }
        checkApiKey(p, out);
        KnobApplicability.check(p, out);
        return List.copyOf(out);
    }

    private static void checkRemote(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.baseUrl() == null || p.baseUrl().isBlank()) {
            out.add(error("baseUrl", "required for a remote engine (e.g. http://gpu-box:8000)"));
            return;
        }
        try {
            URI uri = new URI(p.baseUrl());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                out.add(error("baseUrl", "must be an http:// or https:// URL with a host"));
            }
        } catch (URISyntaxException e) {
            out.add(error("baseUrl", "not a URL: " + e.getMessage()));
        }
    }

    private static void checkModel(DeploymentProfile p, List<ProfileIssue> out) {
        boolean missing = p.model() == null || p.model().isBlank();
        if (missing && p.engine() != EngineKind.BUILTIN) {
            out.add(error("model", "required for " + p.engine().id()));
        } else if (p.model() != null && p.model().isBlank()) {
            out.add(error("model", "must not be blank (omit it to use the built-in default model)"));
        }
    }

    /** Tokens one sequence can hold: llama.cpp splits ctx among the slots; vLLM's max model length is per sequence. */
    private static int perSequence(DeploymentProfile p) {
        return p.engine().llamaCpp() && p.parallel() > 0 ? p.ctx() / p.parallel() : p.ctx();
    }

    private static void checkSizes(DeploymentProfile p, OptionalInt trained, List<ProfileIssue> out) {
        if (p.threads() != null && p.threads() < 1) {
            out.add(error("threads", "must be >= 1 (omit it for the engine's default)"));
        }
        if (p.ctx() <= 0) {
            out.add(error("ctx", "must be > 0 tokens"));
        } else if (trained.isPresent() && perSequence(p) > trained.getAsInt()) {
            // llama.cpp gives each slot ctx/parallel tokens, and the trained context bounds one sequence
            out.add(error("ctx", (p.engine().llamaCpp() && p.parallel() > 1
                    ? "ctx/parallel = " + perSequence(p) + " tokens per slot" : Integer.toString(p.ctx()))
                    + " exceeds the model's trained context of " + trained.getAsInt() + " tokens"));
        }
        if (p.batch() < 1) {
            out.add(error("batch", "must be >= 1"));
        }
        if (p.ubatch() < 1) {
            out.add(error("ubatch", "must be >= 1"));
        } else if (p.engine().llamaCpp() && p.batch() >= 1 && p.batch() < p.ubatch()) {
            out.add(error("batch", "batch (" + p.batch() + ") must be >= ubatch (" + p.ubatch()
                    + "): llama.cpp splits each logical batch into ubatch-sized pieces"));
        }
        if (p.parallel() < 1) {
            out.add(error("parallel", "must be >= 1 slot"));
        } else if (p.engine().llamaCpp() && p.ctx() > 0 && p.ctx() / p.parallel() < MIN_CTX_PER_SLOT) {
            out.add(error("ctx", "ctx/parallel = " + p.ctx() / p.parallel() + " tokens per slot, below the minimum "
                    + MIN_CTX_PER_SLOT + " (llama.cpp divides ctx among the slots): raise ctx or lower parallel"));
        }
        if (p.queue() != null && p.queue() < 1) {
            out.add(error("queue", "must be >= 1 (omit it for the runner's default)"));
        }
    }

    private static void checkCacheTypes(DeploymentProfile p, List<ProfileIssue> out) {
        List<String> allowed = KvCacheTypes.allowed(p.engine());
        if (p.cacheTypeK() != null && !allowed.contains(p.cacheTypeK())) {
            out.add(error("cacheTypeK", "'" + p.cacheTypeK() + "' is not one of " + allowed));
        }
        if (p.engine() == EngineKind.VLLM) {
            if (p.cacheTypeV() != null && !p.cacheTypeV().equals(p.cacheTypeK())) {
                out.add(error("cacheTypeV", "vLLM uses one KV cache dtype for K and V: set cacheTypeK only"));
            }
            return;
        }
        if (p.cacheTypeV() != null && !allowed.contains(p.cacheTypeV())) {
            out.add(error("cacheTypeV", "'" + p.cacheTypeV() + "' is not one of " + allowed));
        } else if (KvCacheTypes.quantized(KvCacheTypes.effective(p.engine(), p.cacheTypeV())) && !p.flashAttention()) {
            out.add(error("cacheTypeV", "a quantized V cache (" + p.cacheTypeV()
                    + ") needs flashAttention: true (llama.cpp refuses it otherwise)"));
        }
    }

    private static void checkBind(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.host() == null || p.host().isBlank()) {
            out.add(error("host", "required (127.0.0.1 keeps the engine on this machine)"));
        } else if (!Hosts.isLoopback(p.host()) && p.apiKey() == null) {
            out.add(error("apiKey", "required when host is not loopback (host is " + p.host() + ")"));
        }
        if (p.port() < 1 || p.port() > 65535) {
            out.add(error("port", "must be 1..65535"));
        } else if (p.replicas() > 1 && p.port() + p.replicas() - 1 > 65535) {
            out.add(error("port", "replicas use consecutive ports from " + p.port() + ", past 65535"));
        }
    }

    private static void checkApiKey(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.apiKey() == null) {
            return;
        }
        if (p.apiKey().isEmpty() || p.apiKey().chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            out.add(error("apiKey", "must be non-empty without spaces or control characters (it goes into an HTTP header)"));
        } else if (p.apiKey().length() < 16) {
            out.add(warning("apiKey", "shorter than 16 characters: easy to guess"));
        }
    }
}
