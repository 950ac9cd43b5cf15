package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Stage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Per-profile filter settings: stage switches for the input and the output side, the classifier's
 * review band (scores within {@code reviewMargin} below a head's threshold go to human review) and
 * the cap on text length (longer texts are cut, and the verdict says so). Immutable; build with
 * {@link #builder()}.
 */
public record FilterConfig(StageSwitches input, StageSwitches output, double reviewMargin, int maxChars) {
    public static final int DEFAULT_MAX_CHARS = 32_768;

    public FilterConfig {
        if (reviewMargin < 0 || reviewMargin >= 1) {
            throw new IllegalArgumentException("reviewMargin must be in [0, 1): " + reviewMargin);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
    }

    public static FilterConfig defaults() {
        return builder().build();
    }

    public StageSwitches side(Side side) {
        return side == Side.INPUT ? input : output;
    }

    /**
     * Canonical text form, switches listed in {@code stageOrder} (the pipeline's order); with the stages'
     * config fingerprints it makes the config hash.
     */
    public String describe(List<Stage> stageOrder) {
        return String.format(Locale.ROOT, "in=%s;out=%s;review=%.4f;max=%d", input.describe(stageOrder),
                output.describe(stageOrder), reviewMargin, maxChars);
    }

    public static String sha256(String s) {
        return sha256Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Bytes(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private StageSwitches input = StageSwitches.all();
        private StageSwitches output = StageSwitches.all();
        private double reviewMargin = 0.15;
        private int maxChars = DEFAULT_MAX_CHARS;

        public Builder input(StageSwitches s) {
            input = s;
            return this;
        }

        public Builder output(StageSwitches s) {
            output = s;
            return this;
        }

        public Builder reviewMargin(double m) {
            reviewMargin = m;
            return this;
        }

        public Builder maxChars(int n) {
            maxChars = n;
            return this;
        }

        public FilterConfig build() {
            return new FilterConfig(input, output, reviewMargin, maxChars);
        }
    }
}
