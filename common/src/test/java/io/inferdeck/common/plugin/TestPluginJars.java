package io.inferdeck.common.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds plugin jars in tests from compiled classes, the way a plugin's own build would: the classes (with
 * their nested classes), a manifest naming the plugin, and {@code META-INF/services} files.
 */
public final class TestPluginJars {
    private TestPluginJars() {
    }

    /**
     * @param title    Implementation-Title, or null for none
     * @param version  Implementation-Version, or null for none
     * @param services interface -> provider classes registered for it
     * @param classes  every class the jar holds (providers included)
     */
    public static Path write(Path jar, String title, String version, Map<Class<?>, List<Class<?>>> services,
                             List<Class<?>> classes) throws IOException {
        return write(jar, title, version, services, classes, Map.of());
    }

    /** @param resources more files for the jar: path inside it -> content (e.g. a plugin's bundled rules) */
    public static Path write(Path jar, String title, String version, Map<Class<?>, List<Class<?>>> services,
                             List<Class<?>> classes, Map<String, String> resources) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (title != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, title);
        }
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> c : classes) {
                for (Path f : classFiles(c)) {
                    out.putNextEntry(new JarEntry(c.getPackageName().replace('.', '/') + "/" + f.getFileName()));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
            }
            for (var r : resources.entrySet()) {
                out.putNextEntry(new JarEntry(r.getKey()));
                out.write(r.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            for (var s : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + s.getKey().getName()));
                StringBuilder names = new StringBuilder();
                s.getValue().forEach(c -> names.append(c.getName()).append('\n'));
                out.write(names.toString().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * A class path that registers {@code services} (the classes stay where the test loaded them from): what
     * a plugin added to InferDeck's class path looks like to the scanner. Close it after the test.
     */
    public static java.net.URLClassLoader classPath(Path dir, Map<Class<?>, List<Class<?>>> services) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("META-INF/services"));
        for (var s : services.entrySet()) {
            Files.writeString(folder.resolve(s.getKey().getName()),
                    String.join("\n", s.getValue().stream().map(Class::getName).toList()) + "\n");
        }
        return new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, TestPluginJars.class.getClassLoader());
    }

    /** The class's own file and those of its nested and anonymous classes. */
    private static List<Path> classFiles(Class<?> c) throws IOException {
        Path own;
        try {
            own = Path.of(c.getResource(c.getSimpleName() + ".class").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<Path> files = new ArrayList<>(List.of(own));
        try (Stream<Path> siblings = Files.list(own.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(c.getSimpleName() + "$")).forEach(files::add);
        }
        return files;
    }
}
