package io.inferdeck.views.keys;

import io.inferdeck.services.keys.KeysSnapshot;
import java.util.Optional;

/**
 * The Keys page's one state value: the newest snapshot of keys.db (empty until the first read), how many days of
 * usage to show, the dialog over the tables, the last message and whether a command is running. Immutable.
 */
record KeysState(Optional<KeysSnapshot> snapshot, int days, KeysDialog dialog, String message, boolean busy) {
    static final int DEFAULT_DAYS = 7;
    static final KeysState INITIAL = new KeysState(Optional.empty(), DEFAULT_DAYS, KeysDialog.NONE, "", false);

    KeysState withSnapshot(KeysSnapshot s) {
        return new KeysState(Optional.of(s), days, dialog, message, busy);
    }

    KeysState withDays(int d) {
        return new KeysState(snapshot, d, dialog, message, busy);
    }

    KeysState withDialog(KeysDialog d) {
        return new KeysState(snapshot, days, d, message, busy);
    }

    KeysState withMessage(String m) {
        return new KeysState(snapshot, days, dialog, m, busy);
    }

    KeysState withBusy(boolean b) {
        return new KeysState(snapshot, days, dialog, message, b);
    }
}
