package io.inferdeck.services.plugins;

import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.common.plugin.PluginScan;
import io.inferdeck.common.plugin.Registration;
import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.PluginStages;
import java.util.List;

/**
 * What the plugins of one scan add to InferDeck: the engine registry (built-ins + engine plugins), the extra
 * filter stages, and the plugin list as both registries left it (refusals included). Immutable.
 *
 * <p>This process's catalog is {@link #installed()}: the same scan {@link EngineDrivers#defaults()} was built
 * from, so profile parsing, the console's engines, its safety filters and its plugin list agree.
 */
public record PluginCatalog(EngineDrivers drivers, List<FilterStage> stages, List<PluginEntry> entries) {
    public PluginCatalog {
        stages = List.copyOf(stages);
        entries = List.copyOf(entries);
    }

    /** The plugins this process loaded (the standard folder, scanned once, on first use). */
    public static PluginCatalog installed() {
        Registration<List<FilterStage>> stages = PluginStages.register(EngineDrivers.installedPlugins());
        return new PluginCatalog(EngineDrivers.defaults(), stages.registry(), stages.scan().entries());
    }

    /** {@code builtIns} and the stage built-ins with the plugins of {@code scan}. */
    public static PluginCatalog of(EngineDrivers builtIns, PluginScan scan) {
        Registration<EngineDrivers> engines = EngineDrivers.withPlugins(builtIns, scan);
        Registration<List<FilterStage>> stages = PluginStages.register(engines.scan());
        return new PluginCatalog(engines.registry(), stages.registry(), stages.scan().entries());
    }
}
