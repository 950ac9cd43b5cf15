package io.inferdeck.views.featurea;

import io.inferdeck.views.featureb.OtherPage;

/** Deliberately couples two pages; only ArchitectureTest imports it. */
public final class PageUsingAnotherPage {
    String title() {
        return OtherPage.title();
    }
}
