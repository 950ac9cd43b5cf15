package io.inferdeck.common.plugin;

import io.inferdeck.plugin.api.Extension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What one scan found: every entry of the plugin list, in discovery order (class path first, then the
 * folder's jars by file name), and the loaded extension behind each enabled one. Immutable and
 * thread-safe; {@link #claim} returns a new scan.
 */
public final class PluginScan {
    /** An enabled extension with the entry that names it (for messages: which plugin failed). */
    public record Provided<T extends Extension>(PluginEntry entry, T extension) {
    }

    record Item(PluginEntry entry, Optional<Extension> extension) {
    }

    private final List<Item> items;

    PluginScan(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public static PluginScan empty() {
        return new PluginScan(List.of());
    }

    public List<PluginEntry> entries() {
        return items.stream().map(Item::entry).toList();
    }

    /** The enabled extensions of one interface, in discovery order. */
    public <T extends Extension> List<Provided<T>> enabled(Class<T> spi) {
        List<Provided<T>> out = new ArrayList<>();
        for (Item i : items) {
            if (i.entry().state() == PluginEntry.State.ENABLED && spi.isInstance(i.extension().orElse(null))) {
                out.add(new Provided<>(i.entry(), spi.cast(i.extension().orElseThrow())));
            }
        }
        return out;
    }

    /** This scan with {@code entry} refused for {@code reason} (a registry could not take it); other entries unchanged. */
    public PluginScan refuse(PluginEntry entry, String reason) {
        return new PluginScan(items.stream().map(i -> i.entry().equals(entry)
                ? new Item(i.entry().refused(reason), Optional.<Extension>empty()) : i).toList());
    }

    /**
     * Registers the enabled extensions of {@code spi} against a registry's ids: one whose id the registry
     * refuses ({@code idProblem} says why), that a built-in already has, or that an earlier plugin took, is
     * refused in the returned scan and leaves the others as they are. The registry then takes
     * {@code enabled(spi)} of the result.
     *
     * @param what names the id in messages ("engine", "stage")
     */
    public PluginScan claim(Class<? extends Extension> spi, Set<String> builtIn, String what,
                            Function<String, Optional<String>> idProblem) {
        Set<String> taken = new HashSet<>(builtIn);
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            PluginEntry e = i.entry();
            if (e.state() != PluginEntry.State.ENABLED || !spi.isInstance(i.extension().orElse(null))) {
                out.add(i);
                continue;
            }
            Optional<String> problem = idProblem.apply(e.provides());
            if (problem.isEmpty() && builtIn.contains(e.provides())) {
                problem = Optional.of(what + " '" + e.provides() + "' is built in");
            } else if (problem.isEmpty() && !taken.add(e.provides())) {
                problem = Optional.of(what + " '" + e.provides() + "' is already provided by an earlier plugin");
            }
            out.add(problem.map(p -> new Item(e.refused(p), Optional.<Extension>empty())).orElse(i));
        }
        return new PluginScan(out);
    }
}
