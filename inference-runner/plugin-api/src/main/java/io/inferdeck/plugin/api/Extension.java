package io.inferdeck.plugin.api;

/**
 * What every service provider a plugin registers has: the API version it was built for and the id it
 * provides. Implementations have a public no-argument constructor (the {@link java.util.ServiceLoader}
 * contract), keep no per-request state and are thread-safe. They see only this API and the JDK: InferDeck
 * loads each plugin jar in its own class loader that hides InferDeck's internals and libraries, so a
 * plugin bundles whatever else it needs.
 */
public interface Extension {
    /** Return {@link PluginApi#VERSION} (compiled into the plugin, so it records the API it was built for). */
    int apiVersion();

    /**
     * The id this extension provides: the profile's {@code engine} value for an engine driver, the stage id
     * for a filter stage. Unique among the built-ins and the other plugins; a clash refuses the later one.
     */
    String id();
}
