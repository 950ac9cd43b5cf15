package io.inferdeck.safety.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.classifier.LabeledText;
import io.inferdeck.safety.pipeline.FilterConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads a suite from JSONL ({@code {"prompt", "expected", "category", "redactions": [...], "id", "lang"}}, or a
 * labelled line {@code {"text", "label", "lang"}} as in the training data and the dev split: label
 * {@code benign} = expected allow, any other label = expected block with that category) or CSV (header
 * {@code prompt,expected,category[,redactions][,id][,lang]}, redactions separated by ';'). Refuses
 * binary files (NUL bytes or invalid UTF-8) and files over {@link #MAX_BYTES}; prompts over
 * {@link #MAX_PROMPT_CHARS} are cut with a message; malformed lines are reported by line number.
 */
public final class SuiteLoader {
    public static final long MAX_BYTES = 64L << 20;
    public static final int MAX_PROMPT_CHARS = FilterConfig.DEFAULT_MAX_CHARS;
    public static final int MAX_CASES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteLoader() {
    }

    public static Suite load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + " is " + size + " bytes; suites are capped at " + MAX_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text = decode(file, bytes);
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        return parse(file.getFileName().toString(), text, csv, FilterConfig.sha256Bytes(bytes));
    }

    static String decode(Path file, byte[] bytes) throws IOException {
        for (byte b : bytes) {
            if (b == 0) {
                throw new IOException(file + " looks binary (NUL byte); a suite is UTF-8 JSONL or CSV text");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text (binary file?); a suite is UTF-8 JSONL or CSV", e);
        }
    }

    static Suite parse(String name, String text, boolean csv, String sha) {
        List<SuiteCase> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        List<String> header = null;
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (line.isBlank() || line.startsWith("#") || line.startsWith("//")) {
                continue;
            }
            if (cases.size() >= MAX_CASES) {
                problems.add("line " + n + ": suite capped at " + MAX_CASES + " cases; the rest is ignored");
                break;
            }
            try {
                if (csv && header == null) {
                    header = CsvLine.split(line).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
                    if (!header.contains("prompt") || !header.contains("expected")) {
                        problems.add("line " + n + ": CSV header must name at least prompt and expected");
                        return new Suite(name, sha, cases, problems);
                    }
                    continue;
                }
                Row r = csv ? csvRow(header, CsvLine.split(line)) : jsonRow(line);
                String prompt = r.prompt;
                if (prompt.length() > MAX_PROMPT_CHARS) {
                    problems.add("line " + n + ": prompt of " + prompt.length() + " chars capped at " + MAX_PROMPT_CHARS);
                    prompt = prompt.substring(0, MAX_PROMPT_CHARS);
                }
                String id = r.id == null || r.id.isBlank() ? "L" + n : r.id;
                cases.add(new SuiteCase(n, id, prompt, Decision.parse(r.expected), r.category, r.redactions, r.lang));
            } catch (IllegalArgumentException | IOException e) {
                problems.add("line " + n + ": " + e.getMessage());
            }
        }
        return new Suite(name, sha, cases, problems);
    }

    private record Row(String prompt, String expected, String category, List<String> redactions, String id,
                       String lang) {
        Row {
            if (prompt == null || prompt.isBlank()) {
                throw new IllegalArgumentException("missing prompt");
            }
            if (expected == null || expected.isBlank()) {
                throw new IllegalArgumentException("missing expected (allow or block)");
            }
            category = category == null || category.isBlank() ? "uncategorized" : category.strip();
        }
    }

    private static Row jsonRow(String line) throws IOException {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (IOException e) {
            throw new IOException("not valid JSON");
        }
        if (!o.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        List<String> red = new ArrayList<>();
        o.path("redactions").forEach(x -> red.add(x.asText().strip().toLowerCase(Locale.ROOT)));
        String label = text(o, "label");
        if (o.get("prompt") == null && o.get("expected") == null && label != null) {
            // a labelled line (training-data / dev-split format): harmful labels are expected to be stopped
            String expected = LabeledText.BENIGN.equals(label.strip()) ? "allow" : "block";
            return new Row(text(o, "text"), expected, label, red, text(o, "id"), text(o, "lang"));
        }
        return new Row(text(o, "prompt"), text(o, "expected"), text(o, "category"), red, text(o, "id"), text(o, "lang"));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Row csvRow(List<String> header, List<String> fields) {
        if (fields.size() > header.size()) {
            throw new IllegalArgumentException(fields.size() + " fields but the header has " + header.size());
        }
        java.util.function.Function<String, String> get = h -> {
            int k = header.indexOf(h);
            return k >= 0 && k < fields.size() ? fields.get(k) : null;
        };
        List<String> red = new ArrayList<>();
        String r = get.apply("redactions");
        if (r != null) {
            for (String s : r.split(";")) {
                if (!s.isBlank()) {
                    red.add(s.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new Row(get.apply("prompt"), get.apply("expected"), get.apply("category"), red, get.apply("id"),
                get.apply("lang"));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
