package io.inferdeck.gpu.nvml;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Which libnvidia-ml to load. An explicit path wins: system property
 * {@value #PROPERTY}, else environment variable {@value #ENV}; otherwise the driver's
 * {@code libnvidia-ml.so.1}, then the unversioned development symlink {@code libnvidia-ml.so}.
 */
public final class NvmlLibraryPath {

    public static final String PROPERTY = "inferdeck.nvml.library";
    public static final String ENV = "INFERDECK_NVML_LIBRARY";
    public static final List<String> DEFAULTS = List.of("libnvidia-ml.so.1", "libnvidia-ml.so");

    private NvmlLibraryPath() {
    }

    /** Candidates from this process's system properties and environment. */
    public static List<String> candidates() {
        return candidates(System::getProperty, System::getenv);
    }

    static List<String> candidates(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String override = properties.apply(PROPERTY);
        if (override == null || override.isBlank()) {
            override = environment.apply(ENV);
        }
        return override == null || override.isBlank() ? DEFAULTS : List.of(override.strip());
    }
}
