package io.inferdeck.control.profile;

import io.inferdeck.control.driver.EngineDrivers;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link ProfileValidator} checks a profile against beyond its own rules: the engine drivers, and the ids a
 * {@code gateway.safety.stages} list may name. Those ids belong to the safety stage registry, which this module
 * cannot see (control depends on neither safety nor services): whoever can (the composition root, from
 * {@code services.safety}) hands them in; without them ({@link #defaults()}) only the review mode is checked and an
 * unknown stage is reported when the live filters are built. Immutable.
 *
 * @param safetyStages the known stage ids (lower case); empty = not known here
 */
public record ProfileRules(EngineDrivers drivers, Optional<Set<String>> safetyStages) {
    public ProfileRules {
        Objects.requireNonNull(drivers, "drivers");
        safetyStages = safetyStages.map(Set::copyOf);
    }

    /** The default driver registry; stage ids not known. */
    public static ProfileRules defaults() {
        return of(EngineDrivers.defaults());
    }

    public static ProfileRules of(EngineDrivers drivers) {
        return new ProfileRules(drivers, Optional.empty());
    }

    /** These rules, with {@code ids} as the stages a live-safety block may name. */
    public ProfileRules withSafetyStages(Collection<String> ids) {
        return new ProfileRules(drivers, Optional.of(Set.copyOf(ids)));
    }
}
