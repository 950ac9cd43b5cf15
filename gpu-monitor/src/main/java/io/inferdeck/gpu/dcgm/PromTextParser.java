package io.inferdeck.gpu.dcgm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the sample lines of the Prometheus text exposition format (version 0.0.4), which is what
 * a DCGM exporter serves: {@code name{label="value",...} value [timestamp]}. Comment lines
 * ({@code # HELP}, {@code # TYPE}) and blank lines are skipped; label values may use the
 * {@code \\ \" \n} escapes; values may be NaN, +Inf, -Inf. Deliberately small: gpu-monitor only
 * needs gauges, so there is no metric-family or histogram grouping. Strict: anything else is a
 * {@link PromTextFormatException} naming the line, rather than silently missing data.
 */
public final class PromTextParser {

    /** Go's ParseFloat syntax minus hex; Java's parseDouble alone would also take "1d" or "Infinity". */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private PromTextParser() {
    }

    public static List<PromSample> parse(String text) {
        List<PromSample> samples = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            String trimmed = s.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(new LineReader(trimmed, lineNo).sample());
            }
        }
        return samples;
    }

    /** Cursor over one line. */
    private static final class LineReader {
        private final String s;
        private final int lineNo;
        private int pos;

        LineReader(String s, int lineNo) {
            this.s = s;
            this.lineNo = lineNo;
        }

        PromSample sample() {
            String name = name(true);
            Map<String, String> labels = new LinkedHashMap<>();
            skipBlanks();
            if (peek() == '{') {
                pos++;
                labels(labels);
            }
            skipBlanks();
            String valueToken = token();
            if (valueToken.isEmpty()) {
                throw fail("missing value");
            }
            double value = value(valueToken);
            skipBlanks();
            String timestamp = token();
            if (!timestamp.isEmpty() && !timestamp.matches("-?\\d+")) {
                throw fail("bad timestamp '" + timestamp + "'");
            }
            skipBlanks();
            if (pos < s.length()) {
                throw fail("unexpected text after the value: '" + s.substring(pos) + "'");
            }
            return new PromSample(name, labels, value);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                String label = name(false);
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                if (labels.put(label, quoted()) != null) {
                    throw fail("label '" + label + "' given twice");
                }
                skipBlanks();
                char c = peek();
                if (c == ',') {
                    pos++;
                } else if (c != '}') {
                    throw fail(pos < s.length() ? "expected ',' or '}' at column " + (pos + 1) : "missing '}'");
                }
            }
        }

        private String quoted() {
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '\\' -> b.append('\\');
                        case '"' -> b.append('"');
                        case 'n' -> b.append('\n');
                        default -> throw fail("bad escape '\\" + e + "' in a label value");
                    }
                } else {
                    b.append(c);
                }
            }
            throw fail("unterminated label value");
        }

        /** Metric names may contain ':'; label names may not. */
        private String name(boolean metric) {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                        || (metric && c == ':') || (pos > start && c >= '0' && c <= '9');
                if (!ok) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw fail("expected a " + (metric ? "metric" : "label") + " name at column " + (start + 1));
            }
            return s.substring(start, pos);
        }

        private double value(String token) {
            return switch (token) {
                case "NaN" -> Double.NaN;
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> {
                    if (!NUMBER.matcher(token).matches()) {
                        throw fail("bad value '" + token + "'");
                    }
                    yield Double.parseDouble(token);
                }
            };
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw fail("expected '" + c + "' at column " + (pos + 1));
            }
            pos++;
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void skipBlanks() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private PromTextFormatException fail(String problem) {
            return new PromTextFormatException(lineNo, problem);
        }
    }
}
