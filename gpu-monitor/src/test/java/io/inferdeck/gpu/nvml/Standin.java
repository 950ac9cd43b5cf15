package io.inferdeck.gpu.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stand-in libnvidia-ml built from src/test/c/nvml_standin.c by the Maven build, and a
 * writer for its config file. {@link #configure} resets the stand-in and points it at a fresh
 * config, read again at the next nvmlInit.
 */
final class Standin {

    static final String FULL = path("inferdeck.test.standin", "target/standin/libnvidia-ml.so");
    static final String NO_V2 = path("inferdeck.test.standin.nov2", "target/standin-nov2/libnvidia-ml.so");

    /** Test hooks the stand-in exports next to the NVML symbols. */
    interface Control extends Library {
        void nvmlStandinSetConfig(String path);

        NativeLong nvmlStandinCallCount(String call);
    }

    private Standin() {
    }

    private static String path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().toString();
    }

    static Control control(String library) {
        return Native.load(library, Control.class);
    }

    static long calls(String library, String call) {
        return control(library).nvmlStandinCallCount(call).longValue();
    }

    /** Writes {@code config} to {@code dir}/standin.conf and makes {@code library} use it. */
    static void configure(String library, Path dir, Config config) {
        Path file = dir.resolve("standin.conf");
        try {
            Files.writeString(file, config.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        control(library).nvmlStandinSetConfig(file.toString());
    }

    /** Ordered key=value lines; see the key list at the top of nvml_standin.c. */
    static final class Config {
        private final Map<String, String> entries = new LinkedHashMap<>();

        static Config gpus(int n) {
            return new Config().set("gpus", n);
        }

        Config set(String key, Object value) {
            entries.put(key, String.valueOf(value));
            return this;
        }

        Config gpu(int index, String key, Object value) {
            return set("gpu." + index + "." + key, value);
        }

        String text() {
            return entries.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "# written by a test\n", "\n"));
        }
    }
}
