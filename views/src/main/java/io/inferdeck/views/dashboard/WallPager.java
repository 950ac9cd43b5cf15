package io.inferdeck.views.dashboard;

import java.time.Duration;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Wall mode and its paging: with more GPUs than fit one wall page, pages of {@link #GPUS_PER_PAGE} cards
 * take turns, each up for {@link #DWELL} of snapshot time (so paging follows the samples, not a timer).
 * FX thread only.
 */
final class WallPager {
    static final int GPUS_PER_PAGE = 4;
    static final Duration DWELL = Duration.ofSeconds(8);

    private final ReadOnlyBooleanWrapper wallMode = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(0);
    private long pageSince = Long.MIN_VALUE;

    void toggle(long nowMillis) {
        wallMode.set(!wallMode.get());
        page.set(0);
        pageSince = nowMillis;
    }

    /** A GPU sample at {@code nowMillis} with {@code gpus} cards: moves to the next page once this one's time is up. */
    void sampled(int gpus, long nowMillis) {
        int pages = Math.max(1, (gpus + GPUS_PER_PAGE - 1) / GPUS_PER_PAGE);
        if (!wallMode.get() || pages == 1) {
            page.set(0);
            return;
        }
        if (pageSince == Long.MIN_VALUE || nowMillis - pageSince >= DWELL.toMillis()) {
            if (pageSince != Long.MIN_VALUE) {
                page.set((page.get() + 1) % pages);
            }
            pageSince = nowMillis;
        }
    }

    ReadOnlyBooleanProperty wallModeProperty() {
        return wallMode.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }
}
