package io.inferdeck.safety.suite;

import io.inferdeck.safety.pipeline.FilterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The team-written starter suite, shipped in the jar (and as docs/safety/starter-suite.jsonl). */
public final class StarterSuite {
    public static final String NAME = "starter-suite.jsonl";
    private static final String RESOURCE = "/io/inferdeck/safety/suite/" + NAME;

    private StarterSuite() {
    }

    public static byte[] bytes() throws IOException {
        try (InputStream in = StarterSuite.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("starter suite missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    public static Suite load() throws IOException {
        byte[] b = bytes();
        return SuiteLoader.parse(NAME, new String(b, StandardCharsets.UTF_8), false, FilterConfig.sha256Bytes(b));
    }
}
