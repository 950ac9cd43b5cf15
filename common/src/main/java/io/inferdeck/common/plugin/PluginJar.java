package io.inferdeck.common.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * A plugin's identity as its jar states it: name ({@code Implementation-Title}, else the file name without
 * {@code .jar}), version ({@code Implementation-Version}) and where it is. Also lists a jar's provider class
 * names without loading any class, for plugins that are disabled (their code must not run). Immutable.
 */
record PluginJar(String name, Optional<String> version, String source) {

    /** Reads the manifest. @throws IOException when the file is not a readable jar */
    static PluginJar read(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return of(file.getManifest(), jar);
        }
    }

    /** The identity of the jar or class folder that {@code type} was loaded from (class-path plugins). */
    static PluginJar ofClass(Class<?> type) {
        URL location = type.getProtectionDomain().getCodeSource() == null ? null
                : type.getProtectionDomain().getCodeSource().getLocation();
        Path path;
        try {
            path = location == null ? null : Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            path = null;
        }
        if (path == null) {
            return new PluginJar(type.getName(), Optional.empty(), "class path");
        }
        if (Files.isRegularFile(path)) {
            try {
                return read(path);
            } catch (IOException e) {
                return of(null, path);
            }
        }
        return of(null, path);
    }

    private static PluginJar of(Manifest manifest, Path path) {
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        String name = Optional.ofNullable(main.getValue(Attributes.Name.IMPLEMENTATION_TITLE)).map(String::strip)
                .filter(s -> !s.isEmpty()).orElse(file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file);
        Optional<String> version = Optional.ofNullable(main.getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                .map(String::strip).filter(s -> !s.isEmpty());
        return new PluginJar(name, version, path.toString());
    }

    /** The class names a jar registers for {@code spi} in {@code META-INF/services}, without loading them. */
    static List<String> providerNames(Path jar, Class<?> spi) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry("META-INF/services/" + spi.getName());
            if (entry == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            try (InputStream in = file.getInputStream(entry)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String n = line.replaceFirst("#.*", "").strip();
                    if (!n.isEmpty()) {
                        names.add(n);
                    }
                }
            }
            return names;
        }
    }
}
