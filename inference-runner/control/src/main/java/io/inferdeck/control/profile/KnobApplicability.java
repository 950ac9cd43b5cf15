package io.inferdeck.control.profile;

import io.inferdeck.control.driver.EngineDriver;
import io.inferdeck.control.driver.EngineDrivers;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A knob set away from its default on an engine that ignores it is a warning (not an error): the
 * profile still runs, but the operator should know the value does nothing there, e.g.
 * {@code tensorParallelSize} on llama-server. Which engine reads which knob is each driver's
 * {@link EngineDriver#knobs()}.
 */
final class KnobApplicability {
    private static final DeploymentProfile DEFAULTS = DeploymentProfile.builder().build();

    private KnobApplicability() {
    }

    static void check(DeploymentProfile profile, EngineDriver driver, EngineDrivers drivers, List<ProfileIssue> out) {
        for (ProfileKnob knob : ProfileKnob.values()) {
            if (!driver.knobs().contains(knob)
                    && !Objects.equals(knob.valueIn(profile), knob.valueIn(DEFAULTS))) {
                String users = drivers.all().stream().filter(d -> d.knobs().contains(knob))
                        .map(d -> d.kind().id()).collect(Collectors.joining(", "));
                out.add(ProfileIssue.warning(knob.field(),
                        "has no effect on engine " + profile.engine().id() + " (used by: " + users + ")"));
            }
        }
    }
}
