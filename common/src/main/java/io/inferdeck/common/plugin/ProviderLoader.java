package io.inferdeck.common.plugin;

import io.inferdeck.plugin.api.Extension;
import io.inferdeck.plugin.api.PluginApi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Turns one {@link ServiceLoader} lookup into plugin-list items: each provider constructed, its API version
 * checked and its id read, every failure caught and kept as a REFUSED item with a one-line reason. Stateless.
 */
final class ProviderLoader {
    private static final int MAX_REASON = 240;

    private ProviderLoader() {
    }

    /** Providers of {@code spi} on the class path; the disabled ones are listed without being constructed. */
    static <T extends Extension> List<PluginScan.Item> classPath(Class<T> spi, String kind, ClassLoader loader,
                                                               Set<String> disabled) {
        List<PluginScan.Item> out = new ArrayList<>();
        each(spi, loader, new PluginJar("class path", Optional.empty(), "class path"), kind, out, p -> {
            PluginJar id = PluginJar.ofClass(p.type());
            return disabled.contains(id.name()) ? entry(id, kind, p.type().getName(), PluginEntry.State.DISABLED)
                    : load(p, kind, id);
        });
        return out;
    }

    /** Providers of {@code spi} in one plugin jar (its loader sees no other application class). */
    static <T extends Extension> List<PluginScan.Item> jar(Class<T> spi, String kind, ClassLoader loader, PluginJar id) {
        List<PluginScan.Item> out = new ArrayList<>();
        each(spi, loader, id, kind, out, p -> load(p, kind, id));
        return out;
    }

    /** A disabled jar's entries, read from its services files: none of its classes is loaded. */
    static List<PluginScan.Item> disabled(Path jar, PluginJar id) {
        List<PluginScan.Item> out = new ArrayList<>();
        try {
            for (var kind : PluginScanner.KINDS.entrySet()) {
                for (String name : PluginJar.providerNames(jar, kind.getKey())) {
                    out.add(entry(id, kind.getValue(), name, PluginEntry.State.DISABLED));
                }
            }
        } catch (IOException e) {
            out.clear();
        }
        if (out.isEmpty()) {
            out.add(entry(id, "-", "-", PluginEntry.State.DISABLED));
        }
        return out;
    }

    static PluginScan.Item refused(PluginJar id, String kind, String provides, String reason) {
        return new PluginScan.Item(new PluginEntry(id.name(), id.version(), kind, provides, id.source(),
                PluginEntry.State.REFUSED, Optional.of(reason)), Optional.empty());
    }

    /** The error in one line: the service loader's message with the root cause, cut to a readable length. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e instanceof ServiceConfigurationError && root != e
                ? e.getMessage() + " (" + describe(root) + ")" : describe(e);
        String line = text.lines().findFirst().orElse(text);
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private interface ItemOf<T> {
        PluginScan.Item apply(ServiceLoader.Provider<T> provider);
    }

    /** Walks the lookup; a provider that cannot even be found as a class ends the walk with one refused item. */
    private static <T extends Extension> void each(Class<T> spi, ClassLoader loader, PluginJar id, String kind,
                                                   List<PluginScan.Item> out, ItemOf<T> item) {
        Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(spi, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> p;
            try {
                if (!it.hasNext()) {
                    return;
                }
                p = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                out.add(refused(id, kind, "?", oneLine(e)));
                return;
            }
            out.add(item.apply(p));
        }
    }

    private static <T extends Extension> PluginScan.Item load(ServiceLoader.Provider<T> p, String kind, PluginJar id) {
        try {
            T ext = p.get();
            int version = ext.apiVersion();
            if (!PluginApi.supports(version)) {
                return refused(id, kind, p.type().getName(), PluginApi.refusal(version));
            }
            String provides = ext.id();
            if (provides == null || provides.isBlank()) {
                return refused(id, kind, p.type().getName(), "id() returned nothing");
            }
            return new PluginScan.Item(entry(id, kind, provides, PluginEntry.State.ENABLED).entry(), Optional.of(ext));
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            return refused(id, kind, p.type().getName(), oneLine(e));
        }
    }

    private static PluginScan.Item entry(PluginJar id, String kind, String provides, PluginEntry.State state) {
        return new PluginScan.Item(new PluginEntry(id.name(), id.version(), kind, provides, id.source(), state,
                Optional.empty()), Optional.empty());
    }
}
