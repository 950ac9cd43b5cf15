package io.inferdeck.common.prom;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Cursor over one sample line: {@code name [blanks] [{labels}] value [timestamp] [# exemplar]}.
 * Columns in messages are 1-based positions in the line as written. One instance per line.
 */
final class PromLineReader {
    private final String s;
    private final int line;
    private int pos;

    PromLineReader(String s, int start, int line) {
        this.s = s;
        this.pos = start;
        this.line = line;
    }

    PromSample sample() throws PromFormatException {
        String name = name(true);
        Map<String, String> labels = new LinkedHashMap<>();
        skipBlanks(); // like Prometheus' own parser, blanks may precede the label set
        if (peek() == '{') {
            pos++;
            labels(labels);
        }
        double value = number("value");
        OptionalDouble timestamp = OptionalDouble.empty();
        skipBlanks();
        if (pos < s.length() && peek() != '#') {
            timestamp = OptionalDouble.of(number("timestamp"));
            skipBlanks();
        }
        if (pos < s.length() && peek() != '#') { // '#' starts an OpenMetrics exemplar, which we ignore
            throw fail("unexpected text after the timestamp: '" + s.substring(pos) + "'");
        }
        return new PromSample(name, labels, value, timestamp);
    }

    private void labels(Map<String, String> labels) throws PromFormatException {
        while (true) {
            skipBlanks();
            if (peek() == '}') {
                pos++;
                return;
            }
            String label = peek() == '"' ? quoted("label name") : name(false);
            skipBlanks();
            expect('=');
            skipBlanks();
            if (peek() != '"') {
                throw fail("expected '\"' at column " + (pos + 1));
            }
            if (labels.put(label, quoted("label value")) != null) {
                throw fail("duplicate label '" + label + "'");
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

    /** Metric names may contain ':' (recording rules, vllm:, llamacpp:); label names may not. */
    private String name(boolean metric) throws PromFormatException {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (metric && c == ':')
                    || (pos > start && c >= '0' && c <= '9');
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

    /** At an opening quote: reads to the closing one, unescaping \\ \" \n; any other escape is an error. */
    private String quoted(String what) throws PromFormatException {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\' && pos < s.length()) {
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case '\\', '"' -> sb.append(e);
                    default -> throw fail("bad escape '\\" + e + "' in a " + what);
                }
            } else {
                sb.append(c);
            }
        }
        throw fail("unterminated " + what);
    }

    /** The next blank-delimited token as a number. */
    private double number(String what) throws PromFormatException {
        skipBlanks();
        int start = pos;
        while (pos < s.length() && !blank(s.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw fail("missing " + what);
        }
        try {
            return PromTextParser.number(s.substring(start, pos));
        } catch (NumberFormatException e) {
            throw fail(what + " is " + e.getMessage());
        }
    }

    private void expect(char c) throws PromFormatException {
        if (peek() != c) {
            throw fail("expected '" + c + "' at column " + (pos + 1));
        }
        pos++;
    }

    /** The current character, or NUL past the end (NUL never starts a valid token). */
    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipBlanks() {
        while (pos < s.length() && blank(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private PromFormatException fail(String problem) {
        return new PromFormatException(line, problem);
    }
}
