package io.inferdeck.control.driver;

import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.common.plugin.PluginScan;
import io.inferdeck.common.plugin.PluginScanner;
import io.inferdeck.common.plugin.Registration;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.plugin.api.engine.EngineDriverPlugin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry of engine drivers, in registration order (which is also the order /metrics pages are
 * matched against their prefixes). Built from {@link ServiceLoader} ({@link #load}), plus engine plugins
 * ({@link #withPlugins}: each adapted by {@link PluginEngineDriver}, registered after the built-ins), or from
 * an explicit list (tests). Immutable and thread-safe.
 *
 * <p>Pass a registry through constructors (e.g. {@link io.inferdeck.control.launch.LaunchContext});
 * {@link #defaults()} is the documented fallback for callers that have no composition root to get one
 * from: profile file parsing, the CLI and tests. It is this installation's registry: the built-ins and the
 * enabled plugins of one scan of the standard plugins folder, made once per process on first use.
 */
public final class EngineDrivers {
    private final List<EngineDriver> drivers;

    /** @throws IllegalArgumentException when two drivers claim the same engine id */
    public EngineDrivers(List<EngineDriver> drivers) {
        Set<EngineKind> seen = new HashSet<>();
        for (EngineDriver d : drivers) {
            if (!seen.add(d.kind())) {
                throw new IllegalArgumentException("two engine drivers for '" + d.kind().id() + "'");
            }
        }
        this.drivers = List.copyOf(drivers);
    }

    /** Every driver registered in {@code META-INF/services/io.inferdeck.control.driver.EngineDriver} on the loader. */
    public static EngineDrivers load(ClassLoader loader) {
        List<EngineDriver> found = ServiceLoader.load(EngineDriver.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no engine drivers registered (META-INF/services/" + EngineDriver.class.getName() + ")");
        }
        return new EngineDrivers(found);
    }

    /** The drivers on this library's class path and the installed engine plugins, loaded once. */
    public static EngineDrivers defaults() {
        return Defaults.INSTALLED.registry();
    }

    /** The plugin scan behind {@link #defaults()}, with the engine plugins it refused marked so. */
    public static PluginScan installedPlugins() {
        return Defaults.INSTALLED.scan();
    }

    /**
     * {@code builtIns} plus the scan's enabled engine plugins. A plugin whose id is not a valid engine id,
     * is a built-in's, or repeats an earlier plugin's is refused in the returned scan (with the reason) and
     * left out; the others register as if it were not there.
     */
    public static Registration<EngineDrivers> withPlugins(EngineDrivers builtIns, PluginScan scan) {
        Function<String, Optional<String>> invalid = id -> {
            try {
                new EngineKind(id);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        };
        Set<String> taken = new HashSet<>(builtIns.kinds().stream().map(EngineKind::id).toList());
        PluginScan claimed = scan.claim(EngineDriverPlugin.class, taken, "engine", invalid);
        List<EngineDriver> all = new ArrayList<>(builtIns.all());
        for (PluginScan.Provided<EngineDriverPlugin> p : claimed.enabled(EngineDriverPlugin.class)) {
            all.add(new PluginEngineDriver(p.extension(), label(p.entry())));
        }
        return new Registration<>(new EngineDrivers(all), claimed);
    }

    /** "plugin NAME VERSION (SOURCE)": how errors name a plugin. */
    static String label(PluginEntry e) {
        return "plugin " + e.plugin() + e.version().map(v -> " " + v).orElse("") + " (" + e.source() + ")";
    }

    /** This registry plus {@code extra}, registered last. */
    public EngineDrivers with(EngineDriver extra) {
        List<EngineDriver> all = new ArrayList<>(drivers);
        all.add(extra);
        return new EngineDrivers(all);
    }

    public List<EngineDriver> all() {
        return drivers;
    }

    public List<EngineKind> kinds() {
        return drivers.stream().map(EngineDriver::kind).toList();
    }

    public Optional<EngineDriver> find(EngineKind kind) {
        return drivers.stream().filter(d -> d.kind().equals(kind)).findFirst();
    }

    /** @throws IllegalArgumentException naming the allowed spellings */
    public EngineDriver driver(EngineKind kind) {
        return find(kind).orElseThrow(() -> unknown(kind.id()));
    }

    /** Parses a profile's {@code engine} value. @throws IllegalArgumentException naming the allowed spellings */
    public EngineKind kind(String id) {
        return drivers.stream().map(EngineDriver::kind).filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> unknown(id));
    }

    /** The registered ids, comma-separated, for messages. */
    public String allowed() {
        return drivers.stream().map(d -> d.kind().id()).collect(Collectors.joining(", "));
    }

    /** The metric dialects of the drivers that have one, in registry order. */
    public List<MetricsDialect> metricsDialects() {
        return drivers.stream().flatMap(d -> d.metrics().stream()).toList();
    }

    private IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("unknown engine '" + id + "' (allowed: " + allowed() + ")");
    }

    /** Lazy holder: the service and plugin scans run on first use, not when this class loads. */
    private static final class Defaults {
        static final Registration<EngineDrivers> INSTALLED = withPlugins(load(EngineDrivers.class.getClassLoader()),
                PluginScanner.standard(EngineDrivers.class.getClassLoader()).scan());
    }
}
