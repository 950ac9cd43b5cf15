package io.inferdeck.views.keys;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.NewKey;

/** What the Keys page shows over its tables: nothing, the Add form, a key just made (shown once), or a revoke to confirm. Immutable. */
public sealed interface KeysDialog {
    KeysDialog NONE = new None();

    record None() implements KeysDialog { }

    /** @param error why the last Create was refused ("" when none) */
    record Add(String error) implements KeysDialog { }

    /** The only time the key's secret is on screen: it leaves the page's state when the dialog closes. */
    record Created(NewKey key) implements KeysDialog { }

    /** @param error why the revoke failed ("" when none) */
    record Revoke(ApiKey key, String error) implements KeysDialog { }
}
