package io.inferdeck.control.launch;

import io.inferdeck.control.driver.EngineDrivers;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What rendering needs from the machine rather than the profile.
 *
 * @param javaBinary   the {@code java} that runs built-in runners (a JDK 25)
 * @param classpath    class path holding {@code io.inferdeck.runner.RunnerMain} (the console's own)
 * @param jvmOptions   options placed before {@code -cp} for built-in runners (e.g. -Xmx)
 * @param cpuCount     logical CPUs, used to split threads among CPU replicas
 * @param replicaPorts one port per replica when the caller allocated them (the supervisor puts a
 *                     router on the profile's port); empty = consecutive ports from the profile's
 * @param binaries     how external engine binaries are found
 * @param drivers      the engines this installation can run: who validates and renders each profile
 */
public record LaunchContext(Path javaBinary, String classpath, List<String> jvmOptions, int cpuCount,
                            List<Integer> replicaPorts, BinaryResolver binaries, EngineDrivers drivers) {

    public LaunchContext {
        Objects.requireNonNull(javaBinary, "javaBinary");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(binaries, "binaries");
        Objects.requireNonNull(drivers, "drivers");
        jvmOptions = List.copyOf(jvmOptions);
        replicaPorts = List.copyOf(replicaPorts);
        if (cpuCount < 1) {
            throw new IllegalArgumentException("cpuCount must be >= 1");
        }
    }

    /** The built-in runner loads llama.cpp through JNI: without this flag its JVM warns on every start. */
    public static final List<String> RUNNER_JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED");

    /**
     * This JVM's java, class path and CPU count, the runner's JVM options; the process PATH for external
     * binaries; the drivers registered on this JVM's class path ({@link EngineDrivers#defaults()}).
     */
    public static LaunchContext forThisJvm() {
        return new LaunchContext(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), RUNNER_JVM_OPTIONS, Runtime.getRuntime().availableProcessors(),
                List.of(), BinaryResolver.fromEnvironment(), EngineDrivers.defaults());
    }

    public LaunchContext withReplicaPorts(List<Integer> ports) {
        return new LaunchContext(javaBinary, classpath, jvmOptions, cpuCount, ports, binaries, drivers);
    }

    public LaunchContext withJvmOptions(List<String> options) {
        return new LaunchContext(javaBinary, classpath, options, cpuCount, replicaPorts, binaries, drivers);
    }

    public LaunchContext withBinaries(BinaryResolver resolver) {
        return new LaunchContext(javaBinary, classpath, jvmOptions, cpuCount, replicaPorts, resolver, drivers);
    }

    public LaunchContext withDrivers(EngineDrivers registry) {
        return new LaunchContext(javaBinary, classpath, jvmOptions, cpuCount, replicaPorts, binaries, registry);
    }
}
