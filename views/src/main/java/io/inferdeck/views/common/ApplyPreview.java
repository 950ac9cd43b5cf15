package io.inferdeck.views.common;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileDiff;
import java.util.stream.Collectors;

/**
 * The confirmation shown before a profile replaces the running one (the Engine page's picker, the Models page's
 * Run): what applying {@code next} would change, field by field, or that nothing runs yet and what it would start.
 */
public final class ApplyPreview {
    private ApplyPreview() {
    }

    /**
     * @param running the profile the engine runs now; null when nothing runs, and then the lines say how {@code next}
     *                differs from the documented defaults ("model: /path", "port: 41234")
     */
    public static String describe(DeploymentProfile running, DeploymentProfile next) {
        if (running == null) {
            return "Nothing runs yet: applying starts this profile." + ProfileDiff.between(DeploymentProfile.builder().build(), next)
                    .stream().map(c -> "\n" + c.field() + ": " + c.after()).collect(Collectors.joining());
        }
        var changes = ProfileDiff.between(running, next);
        return changes.isEmpty() ? "Same as the running profile."
                : changes.stream().map(ProfileDiff.Change::toString).collect(Collectors.joining("\n"));
    }
}
