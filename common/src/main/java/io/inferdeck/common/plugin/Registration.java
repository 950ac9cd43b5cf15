package io.inferdeck.common.plugin;

/**
 * A registry built from the built-ins and a scan's plugins, with the scan as the registry left it (plugins it
 * refused marked so, with the reason), for the plugin list. Immutable.
 */
public record Registration<R>(R registry, PluginScan scan) {
}
