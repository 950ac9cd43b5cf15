package io.inferdeck.views.featureb;

/** One page of a two-page fixture; only ArchitectureTest imports it. */
public final class OtherPage {
    public static String title() {
        return "other";
    }
}
