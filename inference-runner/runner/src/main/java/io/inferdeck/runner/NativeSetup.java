package io.inferdeck.runner;

import io.inferdeck.common.io.OwnedDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where this process's llama.cpp natives come from. de.kherud:llama 4.2.0, at class init, deletes every
 * {@code jllama*}/{@code llama*} entry in its temp dir and extracts to {@code /tmp/libjllama.so} unless told
 * otherwise, so two runners (or a runner and a test) would delete each other's library. Each runner therefore
 * gets a private directory for {@code de.kherud.llama.tmpdir}, and {@code de.kherud.llama.lib.path} points
 * either at the operator's custom build (--lib-path, e.g. CUDA natives) or at that same private directory.
 * Must run before the first use of any de.kherud class.
 */
public final class NativeSetup {
    static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";
    static final String LIB_PATH_PROPERTY = "de.kherud.llama.lib.path";

    private final Path privateDir;
    private final Path libraryDir;

    private NativeSetup(Path privateDir, Path libraryDir) {
        this.privateDir = privateDir;
        this.libraryDir = libraryDir;
    }

    /** --lib-path wins, then a {@code -Dde.kherud.llama.lib.path} given to the JVM, then the private dir. */
    public static NativeSetup prepare(Optional<Path> libPath) throws IOException {
        // owned by this pid: the next runner removes it if this one dies without deletePrivateDir (SIGKILL, crash)
        Path dir = OwnedDirs.create("inferdeck-runner-");
        String preset = System.getProperty(LIB_PATH_PROPERTY);
        Path libs = libPath.orElse(preset != null && !preset.isBlank() ? Path.of(preset) : dir).toAbsolutePath();
        System.setProperty(TMPDIR_PROPERTY, dir.toString());
        System.setProperty(LIB_PATH_PROPERTY, libs.toString());
        return new NativeSetup(dir, libs);
    }

    /** This runner's own 0700 temp directory (natives, the model snapshot); removed on exit. */
    Path privateDir() {
        return privateDir;
    }

    /**
     * The libjllama file this process actually mapped (Linux /proc/self/maps), else the one it should have.
     * de.kherud silently falls back to its bundled CPU build when a custom library fails to load, so the
     * runner checks this after loading instead of trusting the configuration.
     */
    Path loadedLibrary() {
        String name = System.mapLibraryName("jllama");
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            Optional<Path> mapped = lines.map(l -> l.substring(Math.max(0, l.indexOf('/'))))
                    .filter(l -> l.startsWith("/") && l.endsWith("/" + name)).map(Path::of).findFirst();
            if (mapped.isPresent()) {
                return mapped.get();
            }
        } catch (IOException | UncheckedIOException e) {
            // not Linux: fall through
        }
        return (customRequested() ? libraryDir : privateDir).resolve(name);
    }

    /** Whether --lib-path (or -Dde.kherud.llama.lib.path) asked for a library other than the bundled one. */
    boolean customRequested() {
        return !libraryDir.equals(privateDir);
    }

    /** Whether the mapped library is the requested custom one. */
    boolean customLoaded() {
        return customRequested() && loadedLibrary().startsWith(libraryDir);
    }

    /**
     * The compute backend linked into this process, read from the loaded shared objects (Linux
     * /proc/self/maps) because llama.cpp reports its devices only in the log de.kherud cannot deliver.
     * "cpu" when no GPU runtime is mapped; "unknown" where the map cannot be read.
     */
    static String detectBackend() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(maps)) {
            String libs = String.join("\n", lines.filter(l -> l.contains(".so")).toList()).toLowerCase(Locale.ROOT);
            if (libs.contains("libcudart") || libs.contains("libcublas") || libs.contains("ggml-cuda") || libs.contains("libcuda.so")) {
                return "cuda";
            }
            if (libs.contains("libamdhip") || libs.contains("ggml-hip") || libs.contains("librocblas")) {
                return "rocm";
            }
            if (libs.contains("libvulkan") || libs.contains("ggml-vulkan")) {
                return "vulkan";
            }
            return "cpu";
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    /** Best effort: the mapped library survives unlinking on Linux, so this is safe while it is loaded. */
    public void deletePrivateDir() {
        OwnedDirs.delete(privateDir);   // a leftover is swept by the next runner
    }

}
