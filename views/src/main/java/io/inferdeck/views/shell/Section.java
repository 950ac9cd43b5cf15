package io.inferdeck.views.shell;

import java.util.Locale;

/** The console's top-level sections, in navigation order. */
public enum Section {
    DASHBOARD("Dashboard"),
    ENGINE("Engine"),
    TUNING("Tuning"),
    PLAYGROUND("Playground"),
    SAFETY("Safety"),
    TRAFFIC("Traffic"),
    MODELS("Models"),
    KEYS("Keys"),
    FLEET("Fleet");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Lower-case id used for node ids ({@code nav-engine}) and icon style classes ({@code icon-engine}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
