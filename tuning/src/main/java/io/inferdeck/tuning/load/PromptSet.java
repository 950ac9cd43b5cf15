package io.inferdeck.tuning.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompts a benchmark cycles through, in order (request i uses prompt i mod size), so two runs of the
 * same plan send the same sequence. Immutable.
 */
public record PromptSet(String name, List<Prompt> prompts) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PROMPTS = 100_000;

    public PromptSet {
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("prompt set '" + name + "' is empty");
        }
    }

    public Prompt get(long index) {
        return prompts.get((int) Math.floorMod(index, (long) prompts.size()));
    }

    /**
     * The built-in mix: three short questions to one long (~350-word) document to summarise, a chat-like
     * ratio where most requests are short and some carry a long prompt (prefill cost).
     */
    public static PromptSet builtIn() {
        List<String> shortOnes = SHORT;
        List<Prompt> out = new ArrayList<>();
        for (int i = 0; i < shortOnes.size(); i++) {
            out.add(Prompt.user(shortOnes.get(i)));
            if (i % 3 == 2) {
                out.add(Prompt.user("Summarise the following report in three bullet points.\n\n" + longDocument(i)));
            }
        }
        return new PromptSet("built-in", out);
    }

    /** Only the mix's short questions: interactive chat, where prefill is small and latency targets are reachable on CPU. */
    public static PromptSet builtInShort() {
        return new PromptSet("built-in-short", SHORT.stream().map(Prompt::user).toList());
    }

    private static final List<String> SHORT = List.of(
                "What is the capital of France? Answer in one sentence.",
                "Give me three tips for writing clear commit messages.",
                "Explain what a GPU is to a ten-year-old.",
                "Translate 'good morning, how are you?' into Spanish.",
                "List four prime numbers greater than twenty.",
                "Write a haiku about autumn rain.");

    private static String longDocument(int seed) {
        String[] words = {"the", "cluster", "served", "requests", "while", "memory", "usage", "grew", "steadily",
                "operators", "noticed", "latency", "spikes", "after", "each", "deployment", "and", "rolled", "back",
                "quantized", "weights", "reduced", "bandwidth", "so", "throughput", "improved", "under", "load"};
        StringBuilder sb = new StringBuilder();
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int w = 0; w < 350; w++) {
            x ^= x << 13; x ^= x >>> 7; x ^= x << 17;
            sb.append(words[(int) Math.floorMod(x, (long) words.length)]).append(w % 15 == 14 ? ". " : " ");
        }
        return sb.toString().trim();
    }

    /**
     * A prompt set named on a command line: {@code mix} ({@link #builtIn}), {@code short} ({@link #builtInShort}),
     * {@code zipf:N:S[:SEED]} ({@link ZipfPrompts}: N distinct prompts, exponent S, seed 1 unless given), else
     * the path of a JSONL file ({@link #fromJsonl}).
     *
     * @throws IllegalArgumentException for a malformed {@code zipf:} spec or file entry
     */
    public static PromptSet named(String spec) throws IOException {
        if (spec.startsWith("zipf:")) {
            String[] p = spec.split(":", -1);
            if (p.length < 3 || p.length > 4) {
                throw new IllegalArgumentException("expected zipf:N:S or zipf:N:S:SEED, got '" + spec + "'");
            }
            try {
                return ZipfPrompts.of(Integer.parseInt(p[1]), Double.parseDouble(p[2]), p.length == 4 ? Long.parseLong(p[3]) : 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("zipf:N:S[:SEED] needs whole N and SEED and a numeric S, got '" + spec + "'");
            }
        }
        return switch (spec) {
            case "mix" -> builtIn();
            case "short" -> builtInShort();
            default -> fromJsonl(Path.of(spec));
        };
    }

    /**
     * Reads a JSONL file: one object per line with {@code "prompt": "text"} or {@code "messages": [{"role",
     * "content"}...]}, and optionally {@code "max_tokens": N}. Blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the file and line of the first bad entry
     */
    public static PromptSet fromJsonl(Path file) throws IOException {
        List<Prompt> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                if (out.size() >= MAX_PROMPTS) {
                    throw new IllegalArgumentException(file.getFileName() + ": more than " + MAX_PROMPTS + " prompts");
                }
                try {
                    out.add(parse(JSON.readTree(line)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + n + ": " + firstLine(e.getMessage()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " holds no prompts");
        }
        return new PromptSet(file.getFileName().toString(), out);
    }

    private static Prompt parse(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        int maxTokens = node.path("max_tokens").asInt(0);
        if (node.path("prompt").isTextual()) {
            return new Prompt(List.of(new Prompt.Message("user", node.get("prompt").asText())), maxTokens);
        }
        if (node.path("messages").isArray()) {
            List<Prompt.Message> messages = new ArrayList<>();
            for (JsonNode m : node.get("messages")) {
                if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
                    throw new IllegalArgumentException("every message needs string \"role\" and \"content\"");
                }
                messages.add(new Prompt.Message(m.get("role").asText(), m.get("content").asText()));
            }
            return new Prompt(messages, maxTokens);
        }
        throw new IllegalArgumentException("expected \"prompt\" (string) or \"messages\" (array)");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
