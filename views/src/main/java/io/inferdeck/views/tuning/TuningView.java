package io.inferdeck.views.tuning;

import io.inferdeck.views.common.EmptyState;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.List;

/** The Tuning section. Until its feature lands it shows an empty state saying what it will hold. */
public final class TuningView extends SectionPage {

    public TuningView() {
        super(Section.TUNING.id(), Section.TUNING.title(),
                "Measure what each setting costs and what it buys.",
                new EmptyState("tuning", "No tuning runs yet",
                        "This page will compare quantizations and batch sizes on this machine by running real "
                                + "load against the engine. Load generation is not part of this build yet.",
                        List.of(
                            "Whether a model fits in GPU memory at F32, F16, Q8_0 or Q4_0",
                            "Throughput and latency per batch size, from measured runs",
                            "A history of past runs to compare side by side")));
    }
}
