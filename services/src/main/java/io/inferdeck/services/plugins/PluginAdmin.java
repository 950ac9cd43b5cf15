package io.inferdeck.services.plugins;

import io.inferdeck.common.plugin.DisabledPlugins;
import io.inferdeck.common.plugin.PluginDirs;
import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.common.plugin.PluginScanner;
import io.inferdeck.control.driver.EngineDrivers;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin folder as it is on disk now (a fresh scan each call, unlike the process's
 * {@link PluginCatalog#installed()}), and the switch that disables or enables a plugin by name. A switch is
 * saved atomically in the disabled list and takes effect when InferDeck next starts (the console, {@code up}, a
 * CLI command): a running process keeps the engines and stages it started with. Blocking file I/O: call it
 * off the FX thread.
 */
public final class PluginAdmin {
    private final PluginDirs dirs;
    private final ClassLoader classPath;

    public PluginAdmin(PluginDirs dirs, ClassLoader classPath) {
        this.dirs = dirs;
        this.classPath = classPath;
    }

    public PluginDirs dirs() {
        return dirs;
    }

    public List<PluginEntry> list() throws IOException {
        return catalog().entries();
    }

    /**
     * @return the plugin list with the switch applied
     * @throws IllegalArgumentException when no plugin has that name (naming the ones there are)
     */
    public List<PluginEntry> setEnabled(String name, boolean enabled) throws IOException {
        Set<String> names = new TreeSet<>(list().stream().map(PluginEntry::plugin).toList());
        if (!names.contains(name)) {
            throw new IllegalArgumentException("no plugin named '" + name + "'"
                    + (names.isEmpty() ? " (none installed in " + dirs.folder() + ")" : " (installed: " + String.join(", ", names) + ")"));
        }
        DisabledPlugins.set(dirs.disabledFile(), name, !enabled);
        return list();
    }

    private PluginCatalog catalog() throws IOException {
        Set<String> disabled = DisabledPlugins.read(dirs.disabledFile());
        return PluginCatalog.of(EngineDrivers.load(classPath), new PluginScanner(classPath, dirs.folder(), disabled).scan());
    }
}
