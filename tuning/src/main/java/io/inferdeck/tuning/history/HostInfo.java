package io.inferdeck.tuning.history;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * A one-line description of this machine for run records ("Linux 6.1 amd64, 2 CPUs, 24.0 GiB RAM, Java 25").
 * GPU names are appended by the caller that owns the GPU sampler.
 */
public final class HostInfo {
    private HostInfo() {
    }

    public static String describe() {
        String memory = "";
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = String.format(Locale.ROOT, ", %.1f GiB RAM", os.getTotalMemorySize() / (double) (1L << 30));
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs" + memory + ", Java " + Runtime.version().feature();
    }
}
