package io.inferdeck.safety.blocklist;

import io.inferdeck.safety.Span;

/** One blocked term found: its list and category, and where it is in the ORIGINAL text. */
public record BlocklistHit(String list, String category, Span span) {
}
