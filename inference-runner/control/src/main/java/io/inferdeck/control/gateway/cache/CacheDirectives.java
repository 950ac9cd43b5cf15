package io.inferdeck.control.gateway.cache;

import java.util.Locale;

/**
 * What a request's {@code Cache-Control} header asks of the gateway's cache (RFC 9111, request directives):
 * {@code no-cache}: do not answer from the cache, but the fresh reply may be stored (it refreshes the entry);
 * {@code no-store}: neither look up nor store. Other directives are ignored.
 */
record CacheDirectives(boolean noCache, boolean noStore) {
    static final CacheDirectives NONE = new CacheDirectives(false, false);

    /** @param header the header's value; null when the request has none */
    static CacheDirectives parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        boolean noCache = false;
        boolean noStore = false;
        for (String part : header.split(",")) {
            String d = part.strip().toLowerCase(Locale.ROOT);
            int eq = d.indexOf('=');
            String name = eq < 0 ? d : d.substring(0, eq).strip();
            noCache |= name.equals("no-cache");
            noStore |= name.equals("no-store");
        }
        return new CacheDirectives(noCache, noStore);
    }
}
