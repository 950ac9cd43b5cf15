package io.inferdeck.safety.pii;

import java.util.EnumMap;
import java.util.Map;

/** A mask rule per PII kind; kinds not listed fall back to the defaults. Immutable. */
public final class MaskPolicy {
    private static final Map<PiiKind, MaskRule> DEFAULTS = Map.of(
            PiiKind.CN_ID, MaskRule.keep(3, 4),
            PiiKind.CN_MOBILE, MaskRule.keep(3, 4),
            PiiKind.EMAIL, MaskRule.parse("email:1"),
            PiiKind.BANK_CARD, MaskRule.keep(4, 4),
            PiiKind.IPV4, MaskRule.parse("groups:2"),
            PiiKind.IPV6, MaskRule.parse("groups:2"),
            PiiKind.US_SSN, MaskRule.keep(0, 4),
            PiiKind.IBAN, MaskRule.keep(4, 4));

    private final Map<PiiKind, MaskRule> rules;

    private MaskPolicy(Map<PiiKind, MaskRule> rules) {
        this.rules = rules;
    }

    public static MaskPolicy defaults() {
        return new MaskPolicy(new EnumMap<>(DEFAULTS));
    }

    public MaskPolicy with(PiiKind kind, MaskRule rule) {
        EnumMap<PiiKind, MaskRule> m = new EnumMap<>(rules);
        m.put(kind, rule);
        return new MaskPolicy(m);
    }

    /** Parses "cn_id=keep:3:4,email=label:[EMAIL]" over the defaults. */
    public static MaskPolicy parse(String spec) {
        MaskPolicy p = defaults();
        if (spec == null || spec.isBlank()) {
            return p;
        }
        for (String item : spec.split(",")) {
            String[] kv = item.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("bad mask setting '" + item + "': expected kind=spec");
            }
            p = p.with(PiiKind.parse(kv[0]), MaskRule.parse(kv[1].trim()));
        }
        return p;
    }

    public MaskRule rule(PiiKind kind) {
        return rules.get(kind);
    }

    /** Stable text form, part of the filter-config fingerprint. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        rules.forEach((k, r) -> sb.append(k.wire()).append('=').append(r).append(';'));
        return sb.toString();
    }
}
