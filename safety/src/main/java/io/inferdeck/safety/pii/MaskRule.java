package io.inferdeck.safety.pii;

/**
 * How one kind of PII is masked. Spec strings (for config files and the CLI):
 * <ul>
 * <li>{@code keep:P:S[:C]} — keep the first P and last S letters/digits, replace the others with C
 *     (default '*'); separators stay, so {@code keep:3:4} turns 110101199003071234 into
 *     {@code 110***********1234} and "138 0013 8000" into "138 **** 8000";</li>
 * <li>{@code email:P} — keep P chars of the local part and the whole domain: {@code z***@example.com};</li>
 * <li>{@code groups:N} — keep the first N groups of an address, mask the rest: {@code 192.168.*.*};</li>
 * <li>{@code label:TEXT} — replace the whole finding with TEXT, e.g. {@code label:[EMAIL]}.</li>
 * </ul>
 */
public record MaskRule(Mode mode, int keepPrefix, int keepSuffix, char maskChar, String label) {
    public enum Mode { KEEP_ENDS, EMAIL, GROUPS, LABEL }

    public static MaskRule keep(int prefix, int suffix) {
        return new MaskRule(Mode.KEEP_ENDS, prefix, suffix, '*', null);
    }

    public static MaskRule parse(String spec) {
        String[] p = spec.split(":", 2);
        String arg = p.length > 1 ? p[1] : "";
        try {
            return switch (p[0].trim()) {
                case "keep" -> {
                    String[] a = arg.split(":");
                    char c = a.length > 2 && !a[2].isEmpty() ? a[2].charAt(0) : '*';
                    yield new MaskRule(Mode.KEEP_ENDS, Integer.parseInt(a[0].trim()), Integer.parseInt(a[1].trim()),
                            c, null);
                }
                case "email" -> new MaskRule(Mode.EMAIL, Integer.parseInt(arg.trim()), 0, '*', null);
                case "groups" -> new MaskRule(Mode.GROUPS, Integer.parseInt(arg.trim()), 0, '*', null);
                case "label" -> new MaskRule(Mode.LABEL, 0, 0, '*', arg);
                default -> throw new IllegalArgumentException("unknown mask '" + p[0] + "'");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad mask spec '" + spec + "': expected keep:P:S[:C], email:P,"
                    + " groups:N or label:TEXT", e);
        }
    }

    /** The masked form of {@code value} (the found text, already NFKC-normalized). */
    public String apply(String value) {
        return switch (mode) {
            case LABEL -> label;
            case KEEP_ENDS -> keepEnds(value, keepPrefix, keepSuffix);
            case EMAIL -> {
                int at = value.lastIndexOf('@');
                String local = value.substring(0, at);
                int keep = Math.min(keepPrefix, Math.max(0, local.length() - 1));
                yield local.substring(0, keep) + "***" + value.substring(at);
            }
            case GROUPS -> groups(value);
        };
    }

    private String keepEnds(String v, int prefix, int suffix) {
        int significant = (int) v.chars().filter(Character::isLetterOrDigit).count();
        StringBuilder sb = new StringBuilder(v.length());
        int k = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                sb.append(c);
                continue;
            }
            boolean keep = k < prefix || k >= significant - suffix;
            sb.append(keep && significant > prefix + suffix ? c : maskChar);
            k++;
        }
        return sb.toString();
    }

    private String groups(String v) {
        StringBuilder sb = new StringBuilder();
        int group = 0;
        boolean masked = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' || c == ':') {
                sb.append(c);
                if (i + 1 < v.length() && v.charAt(i + 1) != c) {
                    group++;
                }
                masked = false;
            } else if (group < keepPrefix) {
                sb.append(c);
            } else if (!masked) {
                sb.append(maskChar);
                masked = true;
            }
        }
        return sb.toString();
    }
}
