package io.inferdeck.common.plugin;

/**
 * The parent of every plugin jar's class loader: it shows a plugin the JDK (through the platform class
 * loader) and the plugin API's packages (through the loader that loaded the API), and nothing else of the
 * application: not InferDeck's internals, not its libraries. So a plugin links only against the versioned
 * API, a plugin that reaches past it fails to load with a one-line reason instead of breaking on the next
 * InferDeck release, and a library a plugin bundles never clashes with InferDeck's copy. Thread-safe
 * (stateless; parallel-capable like its parent).
 */
final class ApiOnlyClassLoader extends ClassLoader {
    static final String API_PACKAGE = "io.inferdeck.plugin.api.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader api;

    ApiOnlyClassLoader(ClassLoader api) {
        super("inferdeck-plugin-api", ClassLoader.getPlatformClassLoader());
        this.api = api;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return api.loadClass(name);
        }
        return super.loadClass(name, resolve);   // the JDK's classes, else ClassNotFoundException
    }
}
