package io.inferdeck.common.prom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one Prometheus text parser, for engine {@code /metrics} pages and DCGM exporters alike: text
 * exposition format 0.0.4, tolerating what OpenMetrics 1.0 adds: {@code # EOF} (stops parsing),
 * {@code # UNIT} (ignored), float timestamps and exemplars ({@code value [ts] # {labels} v [ts]},
 * ignored) and quoted label names. Label values take the escapes {@code \\ \" \n} and no others;
 * {@code # HELP} text takes {@code \\ \n}. Values accept Go's ParseFloat spellings, NaN and Inf
 * included.
 *
 * <p>Strict: a malformed line fails the whole text with its line number, because a half-read scrape
 * makes rates lie and silently drops GPUs. Bounded: a text over {@code maxTextChars} or a line over
 * {@code maxLineChars} is refused before it is parsed. Immutable and thread-safe.
 */
public final class PromTextParser {
    /** The most a scrape may be; an engine's or an 8-GPU exporter's page is a few hundred KiB. */
    public static final int MAX_TEXT_CHARS = 16 * 1024 * 1024;
    /** The longest line; real lines are under 1 KiB even with a dozen labels. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private static final PromTextParser DEFAULT = new PromTextParser(MAX_TEXT_CHARS, MAX_LINE_CHARS);
    /** Go's ParseFloat syntax minus hex; Java's parseDouble alone would also take "1d" or "0x1p3". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private final int maxTextChars;
    private final int maxLineChars;

    public PromTextParser(int maxTextChars, int maxLineChars) {
        if (maxTextChars < 1 || maxLineChars < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxTextChars + ", " + maxLineChars);
        }
        this.maxTextChars = maxTextChars;
        this.maxLineChars = maxLineChars;
    }

    /** Parses with the default bounds ({@link #MAX_TEXT_CHARS}, {@link #MAX_LINE_CHARS}). */
    public static PromExposition parse(String text) throws PromFormatException {
        return DEFAULT.read(text);
    }

    public PromExposition read(String text) throws PromFormatException {
        if (text.length() > maxTextChars) {
            throw new PromFormatException(lineAt(text, maxTextChars),
                    "the text runs past " + maxTextChars + " characters, the most this parser reads");
        }
        List<PromSample> samples = new ArrayList<>();
        Map<String, PromType> types = new HashMap<>();
        Map<String, String> help = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1];
            if (line.length() > maxLineChars) {
                throw new PromFormatException(n, "the line has " + line.length() + " characters, over the limit of " + maxLineChars);
            }
            line = line.stripTrailing(); // also drops the \r of CRLF texts
            int start = 0;
            while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
                start++;
            }
            if (start == line.length()) {
                continue;
            }
            if (line.charAt(start) != '#') {
                samples.add(new PromLineReader(line, start, n).sample());
            } else if (!comment(line.substring(start + 1).strip(), n, types, help)) {
                break;
            }
        }
        return new PromExposition(samples, types, help);
    }

    /** Reads one comment (after the '#'); false at {@code # EOF}. Comments other than TYPE and HELP carry nothing we use. */
    private static boolean comment(String text, int line, Map<String, PromType> types, Map<String, String> help)
            throws PromFormatException {
        String[] words = text.split("[ \t]+", 3);
        switch (words[0]) {
            case "EOF" -> {
                return false;
            }
            case "TYPE" -> {
                if (words.length < 3) {
                    throw new PromFormatException(line, "TYPE line needs a metric name and a type");
                }
                types.put(words[1], PromType.parse(words[2]));
            }
            case "HELP" -> {
                if (words.length >= 2) {
                    help.put(words[1], words.length == 3 ? unescapeHelp(words[2]) : "");
                }
            }
            default -> {
                // # UNIT and free-text comments
            }
        }
        return true;
    }

    /**
     * Go's ParseFloat spellings that exporters emit: decimals, exponents, NaN, [+-]Inf(inity), any case.
     * Also what a histogram's {@code le} label holds.
     *
     * @throws NumberFormatException naming the token
     */
    public static double number(String token) {
        switch (token.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!NUMBER.matcher(token).matches()) {
                    throw new NumberFormatException("not a number: '" + token + "'");
                }
                return Double.parseDouble(token);
        }
    }

    /** HELP escapes are {@code \\} and {@code \n}; any other backslash stays as written. */
    private static String unescapeHelp(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == '\\')) {
                sb.append(s.charAt(++i) == 'n' ? '\n' : '\\');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** 1-based line of the character at {@code index}. */
    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
