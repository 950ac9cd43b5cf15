package io.inferdeck.safety.pii;

import io.inferdeck.safety.Span;
import io.inferdeck.safety.normalize.NormalizedText;
import io.inferdeck.safety.normalize.Normalizer;
import io.inferdeck.safety.normalize.NormalizerOptions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds PII in a text after light normalization (NFKC + zero-width removal, so full-width digits and
 * hidden joiners do not hide a number), validates each candidate (ID checksum and birth date, Luhn,
 * IBAN mod 97, SSN area/group/serial rules, octet ranges) and returns non-overlapping findings in text order, mapped back to the original.
 * Kinds are tried in priority order — an 18-digit ID is not also reported as a card. Thread-safe.
 */
public final class PiiDetector {
    private static final Pattern CN_ID = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern CARD = Pattern.compile("(?<![0-9A-Za-z])[2-6]\\d{3}(?:[ -]?\\d){9,15}(?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9A-Za-z+])(?:(?:\\+|00)86[ -]?)?(?<national>1[3-9]\\d(?:[ -]?\\d{4}){2})(?![0-9A-Za-z])");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.)+[A-Za-z]{2,24}"
                    + "(?![A-Za-z0-9])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\.?\\d)");
    /** Dashed or spaced only: nine bare digits are too often something else. */
    private static final Pattern US_SSN = Pattern.compile("(?<![0-9A-Za-z-])\\d{3}([- ])\\d{2}\\1\\d{4}(?![0-9A-Za-z-])");
    /** Country letters, check digits, then groups of four (spaced or not), up to 34 characters in all. */
    private static final Pattern IBAN = Pattern.compile(
            "(?<![0-9A-Za-z])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![0-9A-Za-z])");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![0-9A-Za-z:])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?![0-9A-Za-z:])");

    private final Set<PiiKind> kinds;
    private final MaskPolicy masks;
    private final Clock clock;
    private final Normalizer light = new Normalizer(NormalizerOptions.LIGHT);

    public PiiDetector(Set<PiiKind> kinds, MaskPolicy masks, Clock clock) {
        this.kinds = kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(kinds);
        this.masks = masks;
        this.clock = clock;
    }

    public static PiiDetector all(Clock clock) {
        return new PiiDetector(EnumSet.allOf(PiiKind.class), MaskPolicy.defaults(), clock);
    }

    public MaskPolicy masks() {
        return masks;
    }

    public Set<PiiKind> kinds() {
        return EnumSet.copyOf(kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : kinds);
    }

    public List<PiiFinding> find(String original) {
        return find(light.normalize(original));
    }

    public List<PiiFinding> find(NormalizedText text) {
        String s = text.text();
        LocalDate today = LocalDate.now(clock);
        List<int[]> taken = new ArrayList<>();
        List<PiiFinding> out = new ArrayList<>();
        scan(PiiKind.CN_ID, CN_ID, text, taken, out, v -> Checksums.isValidChinaId(v, today));
        // before cards: the digits of a spaced IBAN could otherwise pass as a card number
        scan(PiiKind.IBAN, IBAN, text, taken, out, v -> Checksums.isValidIban(v.replace(" ", "")));
        scan(PiiKind.BANK_CARD, CARD, text, taken, out, v -> {
            String d = digits(v);
            return d.length() >= 13 && d.length() <= 19 && Checksums.luhn(d);
        });
        scan(PiiKind.CN_MOBILE, MOBILE, text, taken, out, v -> true);
        scan(PiiKind.US_SSN, US_SSN, text, taken, out, v -> Checksums.isValidUsSsn(digits(v)));
        scan(PiiKind.EMAIL, EMAIL, text, taken, out, v -> true);
        scan(PiiKind.IPV4, IPV4, text, taken, out, PiiDetector::isIpv4);
        scan(PiiKind.IPV6, IPV6, text, taken, out, Checksums::isIpv6);
        out.sort(Comparator.comparingInt(f -> f.span().start()));
        return out;
    }

    private void scan(PiiKind kind, Pattern p, NormalizedText text, List<int[]> taken, List<PiiFinding> out,
                      java.util.function.Predicate<String> valid) {
        if (!kinds.contains(kind)) {
            return;
        }
        Matcher m = p.matcher(text.text());
        while (m.find()) {
            int a = m.start();
            int b = m.end();
            String v = m.group();
            if (!valid.test(v) || taken.stream().anyMatch(r -> a < r[1] && r[0] < b)) {
                continue;
            }
            taken.add(new int[] {a, b});
            String masked = kind == PiiKind.CN_MOBILE // the country code is not part of what is masked
                    ? v.substring(0, m.start("national") - a) + masks.rule(kind).apply(m.group("national"))
                    : masks.rule(kind).apply(v);
            Span span = text.toOriginal(a, b, kind.wire(), masked);
            out.add(new PiiFinding(kind, span, span.replacement()));
        }
    }

    static String digits(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean isIpv4(String v) {
        for (String part : v.split("\\.")) {
            if (Integer.parseInt(part) > 255 || part.length() > 1 && part.charAt(0) == '0') {
                return false;
            }
        }
        return true;
    }

    /** Replaces each finding's span in {@code original} with its masked form. */
    public static String redact(String original, List<? extends Span> spans) {
        StringBuilder sb = new StringBuilder(original.length());
        int at = 0;
        for (Span s : spans.stream().sorted(Comparator.comparingInt(Span::start)).toList()) {
            if (s.start() < at || s.replacement() == null) {
                continue;
            }
            sb.append(original, at, s.start()).append(s.replacement());
            at = s.end();
        }
        return sb.append(original, at, original.length()).toString();
    }
}
