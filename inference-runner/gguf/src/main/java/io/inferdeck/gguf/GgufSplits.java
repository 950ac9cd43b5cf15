package io.inferdeck.gguf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file names llama.cpp's {@code gguf-split} gives the parts of one model: {@code <prefix>-00001-of-00003.gguf}
 * (five digits each, numbered from 1; llama.cpp's {@code llama_split_path} formats them as
 * {@code "%s-%05d-of-%05d.gguf"}). The first part carries the model's metadata and {@code split.count};
 * llama.cpp loads a split model from the path of its first part.
 */
public final class GgufSplits {
    private static final Pattern PART = Pattern.compile("^(.+)-(\\d{5})-of-(\\d{5})\\.gguf$", Pattern.CASE_INSENSITIVE);

    /** One part's place in its model: part {@code index} (1-based) of {@code count}. */
    public record Part(String prefix, int index, int count) {
        /** The file name of part {@code i} of the same model. */
        public String fileName(int i) {
            return String.format(Locale.ROOT, "%s-%05d-of-%05d.gguf", prefix, i, count);
        }
    }

    private GgufSplits() {
    }

    /** The part a file name denotes; empty for a file that is not named as a split part (or is numbered outside 1..count). */
    public static Optional<Part> parse(String fileName) {
        Matcher m = PART.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(m.group(2));
        int count = Integer.parseInt(m.group(3));
        return index >= 1 && index <= count ? Optional.of(new Part(m.group(1), index, count)) : Optional.empty();
    }

    /** Every part's path, in order, beside {@code first}; whether they exist is the caller's question. */
    public static List<Path> allParts(Path first, Part part) {
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= part.count(); i++) {
            out.add(first.resolveSibling(part.fileName(i)));
        }
        return out;
    }
}
