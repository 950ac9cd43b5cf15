package io.inferdeck.control.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Reading {@code Authorization: Bearer KEY}, and the one constant-time comparison of a presented key. Stateless. */
public final class BearerToken {
    private static final String PREFIX = "Bearer ";

    private BearerToken() {
    }

    /** The key in an {@code Authorization} header value ({@code null} = no header); empty when it is not a bearer key. */
    public static Optional<String> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String key = authorization.substring(PREFIX.length()).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /** The header value a client must send for {@code key}, as bytes for {@link #matches}. */
    public static byte[] header(String key) {
        return (PREFIX + key).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code authorization} is exactly {@code expected} (from {@link #header}). Constant time in the
     * content of the header, so response times give no oracle on how much of a guess was right.
     */
    public static boolean matches(String authorization, byte[] expected) {
        byte[] given = authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
