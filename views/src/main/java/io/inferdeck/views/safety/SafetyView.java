package io.inferdeck.views.safety;

import io.inferdeck.views.common.EmptyState;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.List;

/** The Safety section. Until its feature lands it shows an empty state saying what it will hold. */
public final class SafetyView extends SectionPage {

    public SafetyView() {
        super(Section.SAFETY.id(), Section.SAFETY.title(),
                "Test the safety filters in front of the model.",
                new EmptyState("safety", "No safety suites yet",
                        "This page will run safety-filter test suites and show what was blocked, masked or let "
                                + "through, and why. The filters are not part of this build yet.",
                        List.of(
                            "Blocklist, PII masking and classifier stages",
                            "A verdict per case, with the rule or score that decided it",
                            "A review queue for borderline cases")));
    }
}
