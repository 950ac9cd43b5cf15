package io.inferdeck.tuning.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The built-in English text the quality columns are measured on: plain descriptive prose written for InferDeck. */
public final class TextSample {
    private static final String RESOURCE = "sample-en.txt";

    private TextSample() {
    }

    public static String builtIn() {
        try (InputStream in = TextSample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the tuning jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
