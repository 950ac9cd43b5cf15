package io.inferdeck.tuning.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Physical CPU cores, as llama.cpp's {@code common_cpu_get_num_physical_cores()} counts them on Linux: the distinct
 * {@code topology/thread_siblings} sets under {@code /sys/devices/system/cpu} (SMT siblings share one core). This
 * is llama-server's default thread count on x86 Linux without hybrid cores; {@code availableProcessors()} counts
 * logical CPUs instead. Falls back to {@code availableProcessors()} where the topology cannot be read.
 */
public final class PhysicalCores {
    private PhysicalCores() {
    }

    public static int count() {
        return count(Path.of("/sys/devices/system/cpu"), Runtime.getRuntime().availableProcessors());
    }

    /** @param sysCpu a {@code /sys/devices/system/cpu}-shaped folder; {@code fallback} when it holds no topology */
    public static int count(Path sysCpu, int fallback) {
        Set<String> cores = new HashSet<>();
        try (Stream<Path> cpus = Files.list(sysCpu)) {
            for (Path cpu : cpus.filter(p -> p.getFileName().toString().matches("cpu\\d+")).toList()) {
                Path siblings = cpu.resolve("topology/thread_siblings");
                if (Files.isReadable(siblings)) {
                    cores.add(Files.readString(siblings).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
        return cores.isEmpty() ? fallback : cores.size();
    }
}
