package io.inferdeck.safety.suite;

import io.inferdeck.safety.pipeline.FilterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The suites shipped in the jar: the team-written starter suite (also docs/safety/starter-suite.jsonl) and the
 * independently written dev split. The report's suite SHA-256 is that of the resource bytes as shipped.
 */
public final class StarterSuite {
    public static final String NAME = "starter-suite.jsonl";
    private static final String RESOURCE = "/io/inferdeck/safety/suite/" + NAME;
    public static final String DEV_NAME = "dev-split.jsonl";
    private static final String DEV_RESOURCE = "/io/inferdeck/safety/dev/" + DEV_NAME;

    private StarterSuite() {
    }

    public static byte[] bytes() throws IOException {
        return resource(RESOURCE);
    }

    public static Suite load() throws IOException {
        return parse(NAME, bytes());
    }

    /** The dev split (labelled {"text", "label", "lang"} lines; never trained on) as a suite: see docs/safety/dev-split.md. */
    public static Suite devSplit() throws IOException {
        return parse(DEV_NAME, resource(DEV_RESOURCE));
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = StarterSuite.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(path + " missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private static Suite parse(String name, byte[] b) {
        return SuiteLoader.parse(name, new String(b, StandardCharsets.UTF_8), false, FilterConfig.sha256Bytes(b));
    }
}
