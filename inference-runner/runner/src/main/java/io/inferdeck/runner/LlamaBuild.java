package io.inferdeck.runner;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The llama.cpp build InferDeck bundles, read from de.kherud:llama's jar without loading it: the binding's
 * version from the jar's Maven metadata ({@code META-INF/maven/de.kherud/llama/pom.properties}), and
 * llama.cpp's own build stamp from the bundled native library for this platform
 * ({@code de/kherud/llama/<OS>/<arch>/libjllama.so}), whose exported {@code LLAMA_BUILD_NUMBER} and
 * {@code LLAMA_COMMIT} llama.cpp's build sets. Only ELF (Linux) natives are read; elsewhere the stamp is
 * empty. "Not available" is empty, never a guess. Immutable.
 *
 * @param binding  de.kherud:llama's version
 * @param build    llama.cpp's build number, as llama.cpp's releases name it ({@code b4916})
 * @param commit   llama.cpp's commit (short hash)
 * @param platform the native library's folder in the jar ({@code Linux/x86_64})
 */
public record LlamaBuild(Optional<String> binding, Optional<String> build, Optional<String> commit, String platform) {
    private static final String POM = "META-INF/maven/de.kherud/llama/pom.properties";

    /** What {@code loader} (the application's class path) holds. */
    public static LlamaBuild bundled(ClassLoader loader) {
        String platform = currentPlatform();
        Optional<String> binding = Optional.empty();
        try (InputStream in = loader.getResourceAsStream(POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                binding = Optional.ofNullable(p.getProperty("version"));
            }
        } catch (IOException e) {
            binding = Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream("de/kherud/llama/" + platform + "/libjllama.so")) {
            if (in == null) {
                return new LlamaBuild(binding, Optional.empty(), Optional.empty(), platform);
            }
            ElfSymbols so = new ElfSymbols(in.readAllBytes());
            Optional<String> build = so.symbol("LLAMA_BUILD_NUMBER").stream().boxed().findFirst()
                    .flatMap(so::intAt).filter(n -> n > 0).map(n -> "b" + n);
            Optional<String> commit = so.symbol("LLAMA_COMMIT").stream().boxed().findFirst()
                    .flatMap(so::stringAt).filter(s -> !s.isBlank());
            return new LlamaBuild(binding, build, commit, platform);
        } catch (IOException | RuntimeException e) {   // a damaged or unexpected library: say nothing rather than guess
            return new LlamaBuild(binding, Optional.empty(), Optional.empty(), platform);
        }
    }

    /** "b4916 (commit c6af2161), de.kherud:llama 4.2.0, Linux/x86_64 natives"; unknown parts say so. */
    public String describe() {
        return build.orElse("unknown build") + commit.map(c -> " (commit " + c + ")").orElse("")
                + ", de.kherud:llama " + binding.orElse("not on the class path") + ", " + platform + " natives";
    }

    /** de.kherud's folder names (its OSInfo): Linux, Mac, Windows; x86_64, aarch64. */
    static String currentPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") ? "Mac" : os.contains("win") ? "Windows" : "Linux";
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return o + "/" + a;
    }
}
