package io.inferdeck.services.about;

import java.util.List;
import java.util.Objects;

/**
 * What this installation is: InferDeck's version and the git commit it was built from (captured by the build;
 * "unknown" when the build had no git), the bundled llama.cpp build, and the Java runtime running it. What
 * {@code inferdeck --version} prints and the About dialog shows. Immutable.
 */
public record VersionFacts(String version, String commit, String llamaCpp, String javaRuntime) {
    public VersionFacts {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(llamaCpp, "llamaCpp");
        Objects.requireNonNull(javaRuntime, "javaRuntime");
    }

    /** The lines of {@code --version}. */
    public List<String> lines() {
        return List.of("InferDeck " + version, "git commit " + commit, "llama.cpp " + llamaCpp, "Java " + javaRuntime);
    }

    /** This JVM: "25.0.1+8-LTS (Eclipse Adoptium, OpenJDK 64-Bit Server VM) at /usr/lib/jvm/...". */
    public static String thisJavaRuntime() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ", "
                + System.getProperty("java.vm.name", "?") + ") at " + System.getProperty("java.home", "?");
    }
}
