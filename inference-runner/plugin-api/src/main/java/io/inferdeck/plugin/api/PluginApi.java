package io.inferdeck.plugin.api;

/**
 * The plugin API's version. A plugin states the version it was compiled against in
 * {@link Extension#apiVersion()} by returning {@link #VERSION}: javac copies the constant into the plugin's
 * class file, so the value stays the one the plugin was built with even when a newer InferDeck loads it.
 *
 * <p>Rules for changing this module: adding a default method or a new optional type keeps the version;
 * anything that could break a compiled plugin (removing or changing a method, a new abstract method, a
 * changed record) raises {@link #VERSION}. InferDeck loads plugins built for
 * {@link #OLDEST_SUPPORTED}..{@link #VERSION} and lists the others as refused, with the reason.
 */
public final class PluginApi {
    /** The version this API is. */
    public static final int VERSION = 1;
    /** The oldest version this InferDeck still loads. */
    public static final int OLDEST_SUPPORTED = 1;

    private PluginApi() {
    }

    /** True when a plugin built for {@code version} can run here. */
    public static boolean supports(int version) {
        return version >= OLDEST_SUPPORTED && version <= VERSION;
    }

    /** The one-line reason a plugin built for {@code version} is refused; empty text when it is supported. */
    public static String refusal(int version) {
        if (supports(version)) {
            return "";
        }
        String range = OLDEST_SUPPORTED == VERSION ? String.valueOf(VERSION) : OLDEST_SUPPORTED + ".." + VERSION;
        return "built for plugin API " + version + "; this InferDeck supports " + range;
    }
}
