package io.inferdeck.views.keys;

import io.inferdeck.control.gateway.keys.KeyLimits;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Add dialog's fields as typed: a name and three optional limits (blank = unlimited). The name's rules are the
 * store's (its refusal is shown as it says it); the limits are checked here. FX thread only.
 */
public final class KeyForm {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty rpm = new SimpleStringProperty(this, "rpm", "");
    private final StringProperty tpm = new SimpleStringProperty(this, "tpm", "");
    private final StringProperty concurrency = new SimpleStringProperty(this, "concurrency", "");

    void clear() {
        name.set("");
        rpm.set("");
        tpm.set("");
        concurrency.set("");
    }

    String name() {
        return name.get() == null ? "" : name.get().strip();
    }

    /** What is wrong with the form, in the operator's words; empty when Create may go ahead. */
    Optional<String> problem() {
        if (name().isEmpty()) {
            return Optional.of("Give the key a name (letters, digits, '.', '_' or '-').");
        }
        for (String[] f : new String[][] {{rpm.get(), "Requests per minute"}, {tpm.get(), "Tokens per minute"},
                {concurrency.get(), "Requests at once"}}) {
            if (parse(f[0]).orElse(1L) < 1) {
                return Optional.of(f[1] + " must be a whole number of at least 1, or blank for unlimited.");
            }
        }
        return Optional.empty();
    }

    /** The limits typed; call only when {@link #problem()} is empty. */
    KeyLimits limits() {
        OptionalLong r = parse(rpm.get());
        OptionalLong c = parse(concurrency.get());
        return new KeyLimits(r.isPresent() ? OptionalInt.of((int) r.getAsLong()) : OptionalInt.empty(), parse(tpm.get()),
                c.isPresent() ? OptionalInt.of((int) c.getAsLong()) : OptionalInt.empty());
    }

    /** Blank: empty; a whole number up to 2^31-1: it; anything else: 0 (refused as below 1). */
    private static OptionalLong parse(String typed) {
        String t = typed == null ? "" : typed.strip().replace(",", "");
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(t);
            return OptionalLong.of(v <= Integer.MAX_VALUE ? v : 0);
        } catch (NumberFormatException e) {
            return OptionalLong.of(0);
        }
    }

    public StringProperty nameProperty() { return name; }
    public StringProperty rpmProperty() { return rpm; }
    public StringProperty tpmProperty() { return tpm; }
    public StringProperty concurrencyProperty() { return concurrency; }
}
