package io.inferdeck.safety;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the safety module keeps its files: {@code <data>/safety} with data = $XDG_DATA_HOME/inferdeck
 * (else ~/.local/share/inferdeck): the review queue database, previous suite runs, the extracted model.
 * A user-trained head lives in {@code <config>/safety/classifier-head.json}.
 */
public record SafetyPaths(Path dataDir, Path configDir) {
    public static SafetyPaths fromEnvironment() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** From {@code env} alone (its HOME, else the user.home property): the console's data under the home it was given. */
    public static SafetyPaths fromEnvironment(Map<String, String> env) {
        return from(env, Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))));
    }

    static SafetyPaths from(Map<String, String> env, Path home) {
        String data = env.get("XDG_DATA_HOME");
        String config = env.get("XDG_CONFIG_HOME");
        Path d = data != null && !data.isBlank() ? Path.of(data) : home.resolve(".local/share");
        Path c = config != null && !config.isBlank() ? Path.of(config) : home.resolve(".config");
        return new SafetyPaths(d.resolve("inferdeck/safety"), c.resolve("inferdeck/safety"));
    }

    public Path reviewDb() {
        return dataDir.resolve("review.db");
    }

    public Path runsDir() {
        return dataDir.resolve("runs");
    }

    public Path modelCache() {
        return dataDir.resolve("model");
    }

    public Path userHead() {
        return configDir.resolve("classifier-head.json");
    }
}
