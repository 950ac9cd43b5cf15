package io.inferdeck.runner;

import io.inferdeck.gguf.GgmlType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the runner's command line (the shared contract in BRIEF.md) into {@link RunnerOptions} and checks
 * every value in Java, because llama.cpp answers an argument its own parser rejects with a dead model that
 * crashes the JVM on first use. Accepts {@code --flag value} and {@code --flag=value}.
 */
public final class OptionsParser {
    /** KV cache types llama.cpp's --cache-type-k/v accept (build 4916). */
    static final Set<GgmlType> CACHE_TYPES = Set.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
            GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.IQ4_NL, GgmlType.Q5_0, GgmlType.Q5_1);
    /** llama_max_devices() of the bundled and the CUDA builds. */
    static final int MAX_DEVICES = 16;
    /** Below this a slot cannot hold a chat template plus a useful answer. */
    static final int MIN_CTX_PER_SLOT = 64;
    public static final String API_KEY_ENV = "INFERDECK_API_KEY";
    /** Comma-separated web origins allowed to call the API, as --allowed-origins. */
    public static final String ALLOWED_ORIGINS_ENV = "INFERDECK_ALLOWED_ORIGINS";
    /** Shortest API key accepted on a non-loopback address (a short key falls to guessing over the network). */
    public static final int MIN_REMOTE_KEY_LENGTH = io.inferdeck.common.net.RemoteKeys.MIN_LENGTH;

    private OptionsParser() {
    }

    public static RunnerOptions parse(List<String> args, Map<String, String> env) throws RunnerConfigException {
        RunnerOptions.Builder b = RunnerOptions.builder();
        b.apiKey = blankToNull(env.get(API_KEY_ENV));
        String envOrigins = blankToNull(env.get(ALLOWED_ORIGINS_ENV));
        if (envOrigins != null) {
            b.allowedOrigins = origins(ALLOWED_ORIGINS_ENV, envOrigins);
        }
        Args in = new Args(args);
        while (in.hasNext()) {
            String flag = in.nextFlag();
            switch (flag) {
                case "--model" -> b.model = Path.of(in.value(flag));
                case "--host" -> b.host = in.value(flag);
                case "--port" -> b.port = in.intValue(flag, 0, 65535);
                case "--api-key" -> b.apiKey = in.value(flag);
                case "--threads" -> b.threads = in.intValue(flag, 1, 1024);
                case "--ctx" -> b.ctx = in.intValue(flag, MIN_CTX_PER_SLOT, 1 << 20);
                case "--batch" -> b.batch = in.intValue(flag, 1, 1 << 16);
                case "--ubatch" -> b.ubatch = in.intValue(flag, 1, 1 << 16);
                case "--parallel" -> b.parallel = in.intValue(flag, 1, 256);
                case "--cache-type-k" -> b.cacheTypeK = cacheType(flag, in.value(flag));
                case "--cache-type-v" -> b.cacheTypeV = cacheType(flag, in.value(flag));
                case "--flash-attn" -> b.flashAttn = true;
                case "--gpu-layers" -> b.gpuLayers = in.intValue(flag, 0, 100_000);
                case "--split-mode" -> b.splitMode = splitMode(in.value(flag));
                case "--tensor-split" -> b.tensorSplit = tensorSplit(in.value(flag));
                case "--main-gpu" -> b.mainGpu = in.intValue(flag, 0, MAX_DEVICES - 1);
                case "--mlock" -> b.mlock = true;
                case "--no-mmap" -> b.noMmap = true;
                case "--queue" -> b.queue = in.intValue(flag, 0, 100_000);
                case "--lib-path" -> b.libPath = Path.of(in.value(flag));
                case "--max-messages" -> b.maxMessages = in.intValue(flag, 1, 1_000_000);
                case "--max-message-chars" -> b.maxMessageChars = in.intValue(flag, 1, Integer.MAX_VALUE - 8);
                case "--max-input-chars" -> b.maxInputChars = in.intValue(flag, 1, Integer.MAX_VALUE - 8);
                case "--allowed-origins" -> b.allowedOrigins = origins(flag, in.value(flag));
                default -> throw RunnerConfigException.usage("unknown option " + flag + " (see --help)");
            }
            in.noInlineValueLeft(flag);
        }
        checkCombinations(b);
        return b.build();
    }

    private static void checkCombinations(RunnerOptions.Builder b) throws RunnerConfigException {
        if (b.ubatch > b.batch) {
            throw RunnerConfigException.usage("--ubatch " + b.ubatch + " must not exceed --batch " + b.batch);
        }
        if (b.ctx / b.parallel < MIN_CTX_PER_SLOT) {
            throw RunnerConfigException.usage("--ctx " + b.ctx + " shared by --parallel " + b.parallel + " slots leaves "
                    + b.ctx / b.parallel + " tokens per slot; each slot needs at least " + MIN_CTX_PER_SLOT);
        }
        if (b.cacheTypeV.quantized() && !b.flashAttn) {
            throw RunnerConfigException.usage("--cache-type-v " + name(b.cacheTypeV)
                    + " needs --flash-attn (llama.cpp cannot use a quantized V cache without flash attention)");
        }
        if (b.flashAttn && (b.cacheTypeK == GgmlType.F32 || b.cacheTypeV == GgmlType.F32)) {
            throw RunnerConfigException.usage("--flash-attn cannot use an f32 K or V cache (llama.cpp build 4916 aborts the "
                    + "process); use f16, bf16 or a quantized type");
        }
        if (b.apiKey != null && (b.apiKey.isBlank() || b.apiKey.length() > 512 || !b.apiKey.chars().allMatch(c -> c > 32 && c < 127))) {
            throw RunnerConfigException.usage("--api-key must be 1-512 printable ASCII characters without spaces");
        }
        if (b.libPath != null && !Files.isRegularFile(b.libPath.resolve(System.mapLibraryName("jllama")))) {
            throw RunnerConfigException.usage("--lib-path " + b.libPath + " does not contain " + System.mapLibraryName("jllama"));
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(b.host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw RunnerConfigException.usage("--host " + b.host + " cannot be resolved");
        }
        if (!loopback && b.apiKey == null) {
            throw RunnerConfigException.usage("--host " + b.host + " is not a loopback address: refusing to serve without "
                    + "an API key (pass --api-key or set " + API_KEY_ENV + ")");
        }
        if (!loopback && b.apiKey.length() < MIN_REMOTE_KEY_LENGTH) {
            throw RunnerConfigException.usage("--host " + b.host + " is not a loopback address: the API key must have at least "
                    + MIN_REMOTE_KEY_LENGTH + " characters (it has " + b.apiKey.length() + ")");
        }
    }

    static String name(GgmlType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    private static GgmlType cacheType(String flag, String v) throws RunnerConfigException {
        GgmlType t = GgmlType.byName(v).filter(CACHE_TYPES::contains).orElse(null);
        if (t == null) {
            throw RunnerConfigException.usage(flag + " " + v + " is not one of "
                    + CACHE_TYPES.stream().map(OptionsParser::name).sorted().toList());
        }
        return t;
    }

    private static RunnerOptions.SplitMode splitMode(String v) throws RunnerConfigException {
        try {
            return RunnerOptions.SplitMode.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RunnerConfigException.usage("--split-mode " + v + " is not one of none, layer, row");
        }
    }

    /** "3,1" or "3/1": up to 16 non-negative proportions, at least one positive. */
    static List<Double> tensorSplit(String v) throws RunnerConfigException {
        String[] parts = v.split("[,/]", -1);
        List<Double> out = new ArrayList<>();
        for (String p : parts) {
            try {
                double d = Double.parseDouble(p.strip());
                if (!Double.isFinite(d) || d < 0) {
                    throw new NumberFormatException();
                }
                out.add(d);
            } catch (NumberFormatException e) {
                throw RunnerConfigException.usage("--tensor-split " + v + ": '" + p + "' is not a non-negative number");
            }
        }
        if (out.size() > MAX_DEVICES || out.stream().noneMatch(d -> d > 0)) {
            throw RunnerConfigException.usage("--tensor-split " + v + " needs 1-" + MAX_DEVICES
                    + " proportions with at least one above zero");
        }
        return out;
    }

    /** "https://a.example,http://localhost:3000": each an origin as browsers send it, without a path. */
    static List<String> origins(String source, String v) throws RunnerConfigException {
        List<String> out = new ArrayList<>();
        for (String o : v.split(",")) {
            String s = o.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches("(?i)https?://[^/\\s]+/?")) {
                throw RunnerConfigException.usage(source + ": '" + s + "' is not an origin like https://app.example or "
                        + "http://localhost:3000");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Cursor over argv that understands {@code --flag=value}. */
    private static final class Args {
        private final List<String> args;
        private int i;
        private String inline;

        Args(List<String> args) {
            this.args = args;
        }

        boolean hasNext() {
            return i < args.size();
        }

        String nextFlag() throws RunnerConfigException {
            String a = args.get(i++);
            if (!a.startsWith("--")) {
                throw RunnerConfigException.usage("unexpected argument '" + a + "' (options start with --; see --help)");
            }
            int eq = a.indexOf('=');
            inline = eq > 0 ? a.substring(eq + 1) : null;
            return eq > 0 ? a.substring(0, eq) : a;
        }

        String value(String flag) throws RunnerConfigException {
            if (inline != null) {
                String v = inline;
                inline = null;
                return v;
            }
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw RunnerConfigException.usage(flag + " needs a value");
            }
            return args.get(i++);
        }

        int intValue(String flag, int min, int max) throws RunnerConfigException {
            String v = value(flag);
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw RunnerConfigException.usage(flag + " " + v + " is not a whole number in " + min + ".." + max);
        }

        void noInlineValueLeft(String flag) throws RunnerConfigException {
            if (inline != null) {
                throw RunnerConfigException.usage(flag + " takes no value");
            }
        }
    }
}
