package io.inferdeck.safety.guard;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Llama Guard 3's hazard codes S1–S14 (the 13 hazards of the MLCommons taxonomy plus S14, code interpreter
 * abuse; names as listed in Meta's Llama Guard 3 model card) and the InferDeck category each one is reported
 * under. Codes whose hazard has no InferDeck category of its own keep a category named after the hazard, so a
 * report still says what the guard saw. The table is documented in docs/safety/guard-model.md. Immutable.
 */
public final class GuardTaxonomy {
    /** One hazard: its code, the name the prompt lists it under, and the InferDeck category it maps to. */
    public record Hazard(String code, String name, String category) {
    }

    private static final Map<String, Hazard> HAZARDS = table(
            new Hazard("S1", "Violent Crimes", "violence"),
            new Hazard("S2", "Non-Violent Crimes", "fraud"),
            new Hazard("S3", "Sex-Related Crimes", "sexual"),
            new Hazard("S4", "Child Sexual Exploitation", "sexual"),
            new Hazard("S5", "Defamation", "defamation"),
            new Hazard("S6", "Specialized Advice", "specialized_advice"),
            new Hazard("S7", "Privacy", "privacy"),
            new Hazard("S8", "Intellectual Property", "intellectual_property"),
            new Hazard("S9", "Indiscriminate Weapons", "weapons"),
            new Hazard("S10", "Hate", "hate"),
            new Hazard("S11", "Suicide & Self-Harm", "self_harm"),
            new Hazard("S12", "Sexual Content", "sexual"),
            new Hazard("S13", "Elections", "elections"),
            new Hazard("S14", "Code Interpreter Abuse", "cybercrime"));

    private GuardTaxonomy() {
    }

    private static Map<String, Hazard> table(Hazard... hazards) {
        var m = new java.util.LinkedHashMap<String, Hazard>();
        for (Hazard h : hazards) {
            m.put(h.code(), h);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every hazard, S1 to S14 in order (the order the prompt lists them). */
    public static java.util.Collection<Hazard> hazards() {
        return HAZARDS.values();
    }

    /** The hazard a code names ("S10", case and surrounding spaces ignored); empty for a code not in the table. */
    public static Optional<Hazard> hazard(String code) {
        return Optional.ofNullable(HAZARDS.get(code.strip().toUpperCase(Locale.ROOT)));
    }
}
