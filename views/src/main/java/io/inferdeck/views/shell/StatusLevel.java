package io.inferdeck.views.shell;

import java.util.Locale;

/** Severity of a status-bar item; the view maps each to a CSS pseudo-class of the same name. */
public enum StatusLevel {
    /** Nothing running or nothing observed: neither good nor bad. */
    IDLE,
    OK,
    WARN,
    ERROR;

    public String pseudoClass() {
        return name().toLowerCase(Locale.ROOT);
    }
}
