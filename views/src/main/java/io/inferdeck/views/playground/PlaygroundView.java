package io.inferdeck.views.playground;

import io.inferdeck.views.common.EmptyState;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.List;

/** The Playground section. Until its feature lands it shows an empty state saying what it will hold. */
public final class PlaygroundView extends SectionPage {

    public PlaygroundView() {
        super(Section.PLAYGROUND.id(), Section.PLAYGROUND.title(),
                "Talk to the running model.",
                new EmptyState("playground", "No model to talk to yet",
                        "This page will send prompts to the running engine and stream its replies. It needs a "
                                + "running engine, and engine control is not part of this build yet.",
                        List.of(
                            "Replies streamed token by token",
                            "Token counts and time to first token for each reply")));
    }
}
