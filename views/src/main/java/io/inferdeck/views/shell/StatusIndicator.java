package io.inferdeck.views.shell;

import java.util.Objects;

/** One status-bar item's content: a level for the colour dot and the text shown next to it. */
public record StatusIndicator(StatusLevel level, String text) {

    public StatusIndicator {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("status text must not be blank");
        }
    }

    public static StatusIndicator idle(String text) {
        return new StatusIndicator(StatusLevel.IDLE, text);
    }
}
