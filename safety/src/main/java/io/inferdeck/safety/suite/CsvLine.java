package io.inferdeck.safety.suite;

import java.util.ArrayList;
import java.util.List;

/** Splits one RFC 4180 CSV line (quoted fields, "" escapes; no line breaks inside fields). */
final class CsvLine {
    private CsvLine() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"' && f.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(wasQuoted ? f.toString() : f.toString().strip());
                f.setLength(0);
                wasQuoted = false;
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        out.add(wasQuoted ? f.toString() : f.toString().strip());
        return out;
    }
}
