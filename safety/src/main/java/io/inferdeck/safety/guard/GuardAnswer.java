package io.inferdeck.safety.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the guard model said, parsed from its reply text: Llama Guard 3 answers {@code safe}, or {@code unsafe}
 * with the violated hazard codes comma-separated on the next line ("unsafe\nS10,S11"). Immutable.
 *
 * @param unsafe  true for an "unsafe" answer
 * @param hazards the hazards named, in the order given, unknown codes left out (empty when safe)
 */
public record GuardAnswer(boolean unsafe, List<GuardTaxonomy.Hazard> hazards) {
    private static final Pattern CODE = Pattern.compile("S\\d{1,2}");

    public GuardAnswer {
        hazards = List.copyOf(hazards);
    }

    /**
     * Reads a reply. Empty (a malformed answer) when the first non-blank line is neither "safe" nor "unsafe",
     * or when an "unsafe" answer names no code of the table: a verdict the stage cannot map is not guessed.
     * Leading/trailing blank lines and case are tolerated; anything after the code line is ignored.
     */
    public static Optional<GuardAnswer> parse(String reply) {
        List<String> lines = reply.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String first = lines.getFirst().toLowerCase(java.util.Locale.ROOT);
        if (first.equals("safe")) {
            return Optional.of(new GuardAnswer(false, List.of()));
        }
        if (!first.equals("unsafe") || lines.size() < 2) {
            return Optional.empty();
        }
        List<GuardTaxonomy.Hazard> found = new ArrayList<>();
        for (String part : lines.get(1).split(",")) {
            String code = part.strip().toUpperCase(java.util.Locale.ROOT);
            if (CODE.matcher(code).matches()) {
                GuardTaxonomy.hazard(code).filter(h -> !found.contains(h)).ifPresent(found::add);
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new GuardAnswer(true, found));
    }

    /** The codes named, comma-separated ("S10,S11"). */
    public String codes() {
        return String.join(",", hazards.stream().map(GuardTaxonomy.Hazard::code).toList());
    }
}
