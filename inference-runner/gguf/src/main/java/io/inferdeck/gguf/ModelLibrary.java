package io.inferdeck.gguf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The models folder ({@code $XDG_DATA_HOME/inferdeck/models}, else {@code ~/.local/share/inferdeck/models})
 * and the embedded default model's variants in it, named {@code <spec id>-<type>.gguf}.
 */
public final class ModelLibrary {
    /** Variants {@code model init} writes. */
    public static final List<GgmlType> DEFAULT_VARIANTS = List.of(GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0);
    /** The variant the runner serves when no model is named: the fastest decode on CPU (see docs/performance.md). */
    public static final GgmlType DEFAULT_TYPE = GgmlType.Q4_0;

    private final Path dir;

    public ModelLibrary(Path dir) {
        this.dir = dir;
    }

    /** The library under the user's data dir, resolved from the given environment. */
    public static ModelLibrary fromEnvironment(Map<String, String> env) {
        return new ModelLibrary(dataDir(env).resolve("models"));
    }

    public static Path dataDir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share");
        return base.resolve("inferdeck");
    }

    public Path dir() {
        return dir;
    }

    public Path variantPath(LlamaModelSpec spec, GgmlType type) {
        return dir.resolve(spec.id() + "-" + type.name().toLowerCase(Locale.ROOT) + ".gguf");
    }

    public Path defaultModel() {
        return variantPath(LlamaModelSpec.DEFAULT, DEFAULT_TYPE);
    }

    /**
     * Writes every missing variant of {@code spec}; existing valid files are kept, corrupt ones rewritten.
     * Returns the variants that were written. {@code progress} gets (type, bytes written so far).
     */
    public List<GgmlType> ensure(LlamaModelSpec spec, List<GgmlType> types, VariantProgress progress) throws IOException {
        Files.createDirectories(dir);
        List<GgmlType> written = new ArrayList<>();
        for (GgmlType type : types) {
            Path p = variantPath(spec, type);
            if (Files.exists(p) && isValid(p)) {
                continue;
            }
            ModelGenerator.write(spec, type, p, bytes -> progress.update(type, bytes));
            written.add(type);
        }
        return written;
    }

    private static boolean isValid(Path p) {
        try {
            ModelValidator.read(p);
            return true;
        } catch (GgufFormatException e) {
            return false;
        }
    }

    /** GGUF files in the library, sorted by name. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".gguf")).sorted().toList();
        }
    }

    /**
     * Other quantizations of the same model beside {@code model}: files in its folder whose names differ
     * only in a known type suffix ({@code name-q8_0.gguf}, {@code name.Q4_0.gguf}).
     */
    public static List<Path> siblingsOf(Path model) throws IOException {
        String stem = stem(model.getFileName().toString());
        Path folder = model.toAbsolutePath().getParent();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".gguf"))
                    .filter(p -> stem.equals(stem(p.getFileName().toString())))
                    .sorted().toList();
        }
    }

    /** llama.cpp's k-quant mix names with a size letter ({@code -Q4_K_M}, {@code .q3_k_s}), which no single type is called. */
    private static final java.util.regex.Pattern K_MIX_SUFFIX = java.util.regex.Pattern.compile("(?i)[-._]q[2-6]_k_[sml]$");

    /**
     * The model's name without {@code .gguf} and without a known type or k-quant mix suffix ({@code -q8_0},
     * {@code .Q4_0}, {@code _f16}, {@code -Q4_K_M}; any case): what every variant of one model has in common.
     */
    public static String stem(String fileName) {
        String base = fileName.toLowerCase(Locale.ROOT).endsWith(".gguf") ? fileName.substring(0, fileName.length() - ".gguf".length()) : fileName;
        java.util.regex.Matcher mix = K_MIX_SUFFIX.matcher(base);
        if (mix.find()) {
            return base.substring(0, mix.start());
        }
        for (GgmlType t : GgmlType.values()) {
            String suffix = t.name().toLowerCase(Locale.ROOT);
            String lower = base.toLowerCase(Locale.ROOT);
            if (lower.endsWith("-" + suffix) || lower.endsWith("." + suffix) || lower.endsWith("_" + suffix)) {
                return base.substring(0, base.length() - suffix.length() - 1);
            }
        }
        return base;
    }

    @FunctionalInterface
    public interface VariantProgress {
        void update(GgmlType type, long bytesWritten);
    }
}
