package io.inferdeck.safety.pii;

import java.util.Locale;

/** The kinds of personal data the PII stage finds and masks. */
public enum PiiKind {
    /** Mainland-China resident identity card number (GB 11643-1999), 18 chars. */
    CN_ID,
    /** Mainland-China mobile number, 11 digits starting 13–19, optional +86. */
    CN_MOBILE,
    EMAIL,
    /** Payment card number, 13–19 digits passing the Luhn check. */
    BANK_CARD,
    IPV4,
    IPV6,
    /** US Social Security number AAA-GG-SSSS (dashes or spaces), with the SSA's validity rules. */
    US_SSN,
    /** International bank account number, passing its mod-97 check. */
    IBAN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PiiKind parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
