package io.inferdeck.control.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Parses the Prometheus text exposition format 0.0.4, tolerating what OpenMetrics 1.0 adds:
 * {@code # EOF} (stops parsing), {@code # UNIT} (ignored), float timestamps and exemplars
 * ({@code value [ts] # {labels} v [ts]}, ignored). Label values unescape {@code \\ \" \n};
 * values accept NaN, +Inf, -Inf. A malformed line fails the whole scrape with its line number:
 * a half-read scrape would make rates lie. Stateless and thread-safe.
 */
public final class PrometheusTextParser {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private PrometheusTextParser() {
    }

    public static ParsedMetrics parse(String text) throws MetricsFormatException {
        List<MetricSample> samples = new ArrayList<>();
        Map<String, MetricType> types = new HashMap<>();
        Map<String, String> help = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) != '#') {
                samples.add(new SampleLine(line, n + 1).read());
                continue;
            }
            String[] words = line.substring(1).strip().split("[ \t]+", 3);
            if (words[0].equals("EOF")) {
                break;
            }
            if (words[0].equals("TYPE")) {
                if (words.length < 3) {
                    throw new MetricsFormatException(n + 1, "TYPE line needs a metric name and a type");
                }
                types.put(words[1], MetricType.parse(words[2].strip()));
            } else if (words[0].equals("HELP") && words.length >= 2) {
                help.put(words[1], words.length == 3 ? unescapeHelp(words[2]) : "");
            } // any other comment, including # UNIT, carries nothing we use
        }
        return new ParsedMetrics(samples, types, help);
    }

    /** Go's ParseFloat spellings that exporters emit: decimals, exponents, NaN, [+-]Inf(inity). */
    static double number(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan": return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity": return Double.NEGATIVE_INFINITY;
            default:
                if (!NUMBER.matcher(token).matches()) {
                    throw new NumberFormatException("not a number: '" + token + "'");
                }
                return Double.parseDouble(token);
        }
    }

    private static String unescapeHelp(String s) {
        return s.replace("\\n", "\n").replace("\\\\", "\\");
    }

    /** Cursor over one sample line. */
    private static final class SampleLine {
        private final String s;
        private final int line;
        private int i;

        SampleLine(String s, int line) {
            this.s = s;
            this.line = line;
        }

        MetricSample read() throws MetricsFormatException {
            String name = name(true);
            Map<String, String> labels = new LinkedHashMap<>();
            skipBlanks(); // like Prometheus' own parser, blanks may precede the label set
            if (i < s.length() && s.charAt(i) == '{') {
                i++;
                labels(labels);
            }
            double value = token("value");
            OptionalDouble timestamp = OptionalDouble.empty();
            skipBlanks();
            if (i < s.length() && s.charAt(i) != '#') {
                timestamp = OptionalDouble.of(token("timestamp"));
                skipBlanks();
            }
            if (i < s.length() && s.charAt(i) != '#') {
                throw fail("unexpected text after the timestamp");
            } // '#' starts an OpenMetrics exemplar, which we ignore
            return new MetricSample(name, labels, value, timestamp);
        }

        private void labels(Map<String, String> labels) throws MetricsFormatException {
            while (true) {
                skipBlanks();
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return;
                }
                String label = i < s.length() && s.charAt(i) == '"' ? quoted() : name(false);
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                i--;
                if (labels.put(label, quoted()) != null) {
                    throw fail("duplicate label '" + label + "'");
                }
                skipBlanks();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                } else if (i >= s.length() || s.charAt(i) != '}') {
                    throw fail("expected ',' or '}' in the label set");
                }
            }
        }

        /** Metric names may contain ':' (recording rules, vllm:, llamacpp:); label names may not. */
        private String name(boolean metric) throws MetricsFormatException {
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (metric && c == ':')
                        || (i > start && c >= '0' && c <= '9');
                if (!ok) {
                    break;
                }
                i++;
            }
            if (i == start) {
                throw fail("expected a " + (metric ? "metric" : "label") + " name");
            }
            return s.substring(start, i);
        }

        /** At an opening quote: reads to the closing one, unescaping \\ \" \n (others kept verbatim). */
        private String quoted() throws MetricsFormatException {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case '\\', '"' -> sb.append(e);
                        default -> sb.append('\\').append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw fail("unterminated quoted string");
        }

        private double token(String what) throws MetricsFormatException {
            skipBlanks();
            int start = i;
            while (i < s.length() && !blank(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw fail("missing " + what);
            }
            try {
                return number(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw fail("bad " + what + ": " + e.getMessage());
            }
        }

        private void expect(char c) throws MetricsFormatException {
            if (i >= s.length() || s.charAt(i) != c) {
                throw fail("expected '" + c + "'");
            }
            i++;
        }

        private void skipBlanks() {
            while (i < s.length() && blank(s.charAt(i))) {
                i++;
            }
        }

        private static boolean blank(char c) {
            return c == ' ' || c == '\t';
        }

        private MetricsFormatException fail(String why) {
            return new MetricsFormatException(line, why + " in: " + (s.length() > 200 ? s.substring(0, 200) + "..." : s));
        }
    }
}
