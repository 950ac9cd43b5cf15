package io.inferdeck.views.dashboard;

import io.inferdeck.views.common.EmptyState;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.List;

/** The Dashboard section. Until its feature lands it shows an empty state saying what it will hold. */
public final class DashboardView extends SectionPage {

    public DashboardView() {
        super(Section.DASHBOARD.id(), Section.DASHBOARD.title(),
                "Live health of the engine and the GPUs it runs on.",
                new EmptyState("dashboard", "Live charts are not in this build yet",
                        "The engine runs (see the Engine page), but this page does not chart it yet. Meanwhile "
                                + "`inferdeck metrics --url URL` and `inferdeck gpus --watch 1s` print the same figures.",
                        List.of(
                            "GPU memory and utilisation, per device",
                            "Requests per second and generated tokens per second",
                            "P50 / P95 / P99 latency and time to first token")));
    }
}
