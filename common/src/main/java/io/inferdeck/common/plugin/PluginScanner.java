package io.inferdeck.common.plugin;

import io.inferdeck.plugin.api.Extension;
import io.inferdeck.plugin.api.PluginApi;
import io.inferdeck.plugin.api.engine.EngineDriverPlugin;
import io.inferdeck.plugin.api.safety.FilterStagePlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link java.util.ServiceLoader}: the API's service-provider interfaces ({@link #KINDS})
 * registered on the class path, then in each jar of the plugins folder, each jar in its own
 * {@link URLClassLoader} whose parent shows only the API and the JDK ({@link ApiOnlyClassLoader}). Nothing
 * is loaded by a name from configuration: only the jars' own {@code META-INF/services} files name classes.
 *
 * <p>A jar that cannot be read, a provider that fails to load or construct, one built for an API version
 * this InferDeck does not support, all become REFUSED entries with a one-line reason; the other plugins load
 * as if it were not there. A disabled plugin's classes are not loaded at all. The class loaders of jars with
 * an enabled extension stay open for the life of the process (their code runs in it); the others are closed.
 */
public final class PluginScanner {
    /** The interfaces a plugin may provide, with the word the plugin list uses for each. */
    public static final Map<Class<? extends Extension>, String> KINDS = kinds();

    private final ClassLoader classPath;
    private final Path folder;
    private final Set<String> disabled;
    private final Optional<String> unreadable;

    /**
     * @param classPath where class-path plugins are looked for (and the API is loaded from)
     * @param disabled  plugin names not to load
     */
    public PluginScanner(ClassLoader classPath, Path folder, Set<String> disabled) {
        this(classPath, folder, disabled, Optional.empty());
    }

    private PluginScanner(ClassLoader classPath, Path folder, Set<String> disabled, Optional<String> unreadable) {
        this.classPath = classPath;
        this.folder = folder;
        this.disabled = Set.copyOf(disabled);
        this.unreadable = unreadable;
    }

    /**
     * The standard folder and disabled list ({@link PluginDirs#fromEnvironment()}). When the disabled list
     * cannot be read, no plugin is loaded (each is refused with that reason): one that was disabled for a
     * reason must not run because its switch could not be read.
     */
    public static PluginScanner standard(ClassLoader classPath) {
        PluginDirs dirs = PluginDirs.fromEnvironment();
        try {
            return new PluginScanner(classPath, dirs.folder(), DisabledPlugins.read(dirs.disabledFile()));
        } catch (IOException e) {
            return new PluginScanner(classPath, dirs.folder(), Set.of(),
                    Optional.of("cannot read " + dirs.disabledFile() + ": " + e.getMessage()));
        }
    }

    public PluginScan scan() {
        List<PluginScan.Item> items = new ArrayList<>();
        KINDS.forEach((spi, kind) -> items.addAll(ProviderLoader.classPath(spi, kind, classPath, disabled)));
        for (Path jar : jars(items)) {
            items.addAll(scanJar(jar));
        }
        if (unreadable.isPresent()) {
            return new PluginScan(items.stream().map(i -> i.entry().state() == PluginEntry.State.ENABLED
                    ? new PluginScan.Item(i.entry().refused(unreadable.get()), Optional.empty()) : i).toList());
        }
        return new PluginScan(items);
    }

    private List<Path> jars(List<PluginScan.Item> problems) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            problems.add(ProviderLoader.refused(new PluginJar(folder.getFileName().toString(), Optional.empty(),
                    folder.toString()), "-", "-", "cannot list the plugins folder: " + e.getMessage()));
            return List.of();
        }
    }

    private List<PluginScan.Item> scanJar(Path jar) {
        PluginJar id;
        try {
            id = PluginJar.read(jar);
        } catch (IOException | RuntimeException e) {
            String file = jar.getFileName().toString();
            return List.of(ProviderLoader.refused(new PluginJar(file.substring(0, file.length() - 4), Optional.empty(),
                    jar.toString()), "-", "-", "not a readable jar: " + ProviderLoader.oneLine(e)));
        }
        if (disabled.contains(id.name())) {
            return ProviderLoader.disabled(jar, id);
        }
        try {
            URLClassLoader loader = new URLClassLoader("plugin:" + id.name(), new URL[] {jar.toUri().toURL()},
                    new ApiOnlyClassLoader(PluginApi.class.getClassLoader()));
            List<PluginScan.Item> found = new ArrayList<>();
            KINDS.forEach((spi, kind) -> found.addAll(ProviderLoader.jar(spi, kind, loader, id)));
            if (found.isEmpty()) {
                found.add(ProviderLoader.refused(id, "-", "-", "provides nothing: no META-INF/services file for "
                        + String.join(" or ", KINDS.keySet().stream().map(Class::getName).toList())));
            }
            if (found.stream().noneMatch(i -> i.extension().isPresent())) {
                loader.close();
            }
            return found;
        } catch (IOException e) {
            return List.of(ProviderLoader.refused(id, "-", "-", ProviderLoader.oneLine(e)));
        }
    }

    private static Map<Class<? extends Extension>, String> kinds() {
        Map<Class<? extends Extension>, String> m = new LinkedHashMap<>();
        m.put(EngineDriverPlugin.class, "engine");
        m.put(FilterStagePlugin.class, "filter stage");
        return java.util.Collections.unmodifiableMap(m);
    }
}
