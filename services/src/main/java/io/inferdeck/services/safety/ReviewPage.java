package io.inferdeck.services.safety;

import io.inferdeck.safety.review.ReviewItem;
import java.util.List;

/** The oldest pending review items (at most the page size asked for) and how many wait in all. Immutable. */
public record ReviewPage(List<ReviewItem> items, int pendingCount) {
    public ReviewPage {
        items = List.copyOf(items);
    }
}
