package io.inferdeck.control.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How InferDeck makes keys and recognises them. A secret is {@code idk-} + 32 random bytes (256 bits) in
 * base64url; it is stored only as its SHA-256. A fast unsalted hash is enough here, unlike for passwords: salt
 * and slow hashing protect guessable secrets against offline guessing, and 256 random bits cannot be guessed at
 * any hashing speed; a fast hash keeps the per-request lookup cheap. Key ids are 8 random hex digits after
 * {@code k}, unrelated to the secret. Thread-safe (SecureRandom is).
 */
final class KeySecrets {
    static final String PREFIX = "idk-";
    static final Pattern ID = Pattern.compile("k[0-9a-f]{8}");
    private final SecureRandom random;

    KeySecrets(SecureRandom random) {
        this.random = random;
    }

    String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String newId() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return "k" + HexFormat.of().formatHex(bytes);
    }

    /** The stored form of a secret (lower-case hex of its SHA-256). */
    static String hash(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
