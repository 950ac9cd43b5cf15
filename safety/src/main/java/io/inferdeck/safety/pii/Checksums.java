package io.inferdeck.safety.pii;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The validity checks that keep random digit strings from being masked as PII. */
public final class Checksums {
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = "10X98765432".toCharArray();

    private Checksums() {
    }

    /**
     * GB 11643: 17 digits (6 region, 8 birth date yyyyMMdd, 3 sequence) plus a check char computed as
     * ISO 7064 MOD 11-2 ('X' stands for 10). The birth date must be a real date between 1900-01-01 and
     * {@code today}; the region code may not start with 0.
     */
    public static boolean isValidChinaId(CharSequence id, LocalDate today) {
        if (id.length() != 18 || id.charAt(0) == '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * ID_WEIGHTS[i];
        }
        char check = Character.toUpperCase(id.charAt(17));
        if (check != ID_CHECK[sum % 11]) {
            return false;
        }
        return isBirthDate(id.subSequence(6, 14).toString(), today);
    }

    /** The check char a 17-digit prefix needs (for tests and data generators). */
    public static char chinaIdCheckChar(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK[sum % 11];
    }

    static boolean isBirthDate(String yyyymmdd, LocalDate today) {
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)),
                    Integer.parseInt(yyyymmdd.substring(4, 6)), Integer.parseInt(yyyymmdd.substring(6, 8)));
            return d.getYear() >= 1900 && !d.isAfter(today);
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
    }

    /** Luhn (mod 10) over the digits of {@code digits}, which must all be 0–9. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return digits.length() > 0 && sum % 10 == 0;
    }

    /**
     * A textual IPv6 address: 8 groups, or fewer around exactly one "::"; no zone, no embedded IPv4.
     * With "::" at least two groups must be written, so "a::b" counts but a lone "::" does not.
     */
    public static boolean isIpv6(String s) {
        int dc = s.indexOf("::");
        if (dc < 0) {
            return groups(s) == 8;
        }
        if (s.indexOf("::", dc + 1) >= 0 || s.contains(":::")) {
            return false;
        }
        int left = groups(s.substring(0, dc));
        int right = groups(s.substring(dc + 2));
        return left >= 0 && right >= 0 && left + right <= 7 && left + right >= 2;
    }

    /**
     * A US Social Security number (9 digits, separators already removed) that the SSA could issue: area
     * (first 3) not 000, 666 or 900–999; group (next 2) not 00; serial (last 4) not 0000.
     */
    public static boolean isValidUsSsn(String digits) {
        if (digits.length() != 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int area = Integer.parseInt(digits.substring(0, 3));
        return area != 0 && area != 666 && area < 900 && !digits.startsWith("00", 3) && !digits.endsWith("0000");
    }

    /**
     * An IBAN (ISO 13616; spaces already removed): 15–34 characters, two country letters, two check digits,
     * then letters/digits; moving the first four to the end and reading letters as 10–35 gives a number
     * ≡ 1 (mod 97). A random string passes the check about once in 97 tries, the strict shape makes it rarer.
     */
    public static boolean isValidIban(String iban) {
        if (iban.length() < 15 || iban.length() > 34 || !iban.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
            return false;
        }
        String r = iban.substring(4) + iban.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < r.length(); i++) {
            int v = Character.digit(r.charAt(i), 36); // '0'–'9' → 0–9, 'A'–'Z' → 10–35
            mod = (v < 10 ? mod * 10 + v : mod * 100 + v) % 97;
        }
        return mod == 1;
    }

    private static int groups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return -1;
            }
        }
        return parts.length;
    }
}
