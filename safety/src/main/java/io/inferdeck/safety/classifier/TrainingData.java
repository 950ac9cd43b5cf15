package io.inferdeck.safety.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labeled prompts as JSONL: {@code {"text": "...", "label": "benign" | CATEGORY, "lang": "en" | "zh" | "mixed"}}
 * per line ({@code lang} optional: detected by script when missing). Bad lines
 * are reported with their line number and skipped; the rest is kept.
 */
public record TrainingData(List<LabeledText> examples, List<String> problems) {
    public static final String BUNDLED = "/io/inferdeck/safety/classifier/training-set.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingData {
        examples = List.copyOf(examples);
        problems = List.copyOf(problems);
    }

    public static TrainingData bundled() throws IOException {
        try (InputStream in = TrainingData.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("bundled training set " + BUNDLED + " is missing");
            }
            return read(in);
        }
    }

    public static TrainingData read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static TrainingData read(InputStream in) throws IOException {
        List<LabeledText> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank() || line.startsWith("//")) {
                    continue;
                }
                try {
                    JsonNode o = JSON.readTree(line);
                    String text = o.path("text").asText("");
                    String label = o.path("label").asText("").trim();
                    if (text.isBlank() || label.isEmpty()) {
                        problems.add("line " + n + ": needs non-empty \"text\" and \"label\"");
                    } else {
                        out.add(new LabeledText(text, label, o.path("lang").asText("")));
                    }
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    problems.add("line " + n + ": not JSON (" + e.getOriginalMessage() + ")");
                }
            }
        }
        return new TrainingData(out, problems);
    }

    /** Categories in first-seen order, benign excluded. */
    public List<String> categories() {
        return examples.stream().map(LabeledText::label).filter(l -> !LabeledText.BENIGN.equals(l)).distinct().toList();
    }
}
