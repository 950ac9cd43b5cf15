package io.inferdeck.runner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The API key check. Both sides are hashed to SHA-256 and compared with {@link MessageDigest#isEqual},
 * whose time does not depend on where the bytes differ, and hashing first hides the key's length too.
 * With no key configured every request passes (the runner then listens on loopback only). Thread-safe.
 */
final class BearerAuth {
    private final byte[] expected;

    BearerAuth(Optional<String> apiKey) {
        this.expected = apiKey.map(BearerAuth::sha256).orElse(null);
    }

    boolean required() {
        return expected != null;
    }

    /** @param authorization the Authorization header, or null */
    boolean permits(String authorization) {
        if (expected == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
