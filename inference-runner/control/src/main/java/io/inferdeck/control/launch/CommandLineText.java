package io.inferdeck.control.launch;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Formatting shared by the engine drivers' argv renderers (numbers as engines expect them) and the
 * planner (the masked display line). Thread-safe.
 */
public final class CommandLineText {
    static final String MASK = "****";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private CommandLineText() {
    }

    /** 3.0 -> "3", 0.90 -> "0.9": what a user would type, never 3.0E0. */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public static String join(List<? extends Number> values) {
        return values.stream().map(v -> number(v.doubleValue())).collect(Collectors.joining(","));
    }

    /**
     * {@code ENV=.. argv..}, shell-quoted so it can be pasted into a terminal, with every
     * occurrence of {@code secret} replaced by {@link #MASK}.
     */
    static String display(Map<String, String> env, List<String> argv, String secret) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(env).forEach((k, v) -> sb.append(k).append('=').append(quote(mask(v, secret))).append(' '));
        for (String arg : argv) {
            sb.append(quote(mask(arg, secret))).append(' ');
        }
        return sb.toString().stripTrailing();
    }

    private static String mask(String s, String secret) {
        return secret == null || secret.isEmpty() ? s : s.replace(secret, MASK);
    }

    static String quote(String s) {
        if (!s.isEmpty() && SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
