package io.inferdeck.views.engine;

import io.inferdeck.views.common.EmptyState;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.List;

/** The Engine section. Until its feature lands it shows an empty state saying what it will hold. */
public final class EngineView extends SectionPage {

    public EngineView() {
        super(Section.ENGINE.id(), Section.ENGINE.title(),
                "Start, stop and watch a local inference engine.",
                new EmptyState("engine", "Engine control is not available yet",
                        "This page will launch an inference engine from a deployment profile on one or more GPUs,"
                                + " and restart it if it crashes. It is not part of this build yet.",
                        List.of(
                            "Start and stop, with the engine's live state and exit code",
                            "Model, quantization, context size and GPU layers per profile",
                            "The engine's log while it runs")));
    }
}
