package io.inferdeck.control.driver;

import io.inferdeck.control.launch.BinaryResolver;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.metrics.ParsedMetrics;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileIssue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared by the driver tests: the metrics fixtures of the metrics tests, a machine context, direct validation. */
final class DriverFixtures {
    private DriverFixtures() {
    }

    /** A /metrics page from the metrics tests' fixtures (hand-written from each engine's documented exposition). */
    static ParsedMetrics page(String fixture) {
        try (InputStream in = DriverFixtures.class.getResourceAsStream("/io/inferdeck/control/metrics/" + fixture)) {
            return ParsedMetrics.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {   // unreadable fixture: a broken test setup
            throw new IllegalStateException(fixture, e);
        }
    }

    /** 4 CPUs, no binaries on PATH. */
    static LaunchContext machine() {
        return new LaunchContext(Path.of("/jdk/bin/java"), "/app/lib/*", List.of("-Xmx512m"), 4, List.of(),
                new BinaryResolver(""), EngineDrivers.defaults());
    }

    /** Only the driver's own rules, without the shared validator's. */
    static List<ProfileIssue> ownIssues(EngineDriver driver, DeploymentProfile.Builder profile) {
        List<ProfileIssue> out = new ArrayList<>();
        driver.validate(profile.build(), out);
        return out;
    }
}
