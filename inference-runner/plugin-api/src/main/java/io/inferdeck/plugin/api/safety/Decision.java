package io.inferdeck.plugin.api.safety;

/**
 * What a stage asks for, from least to most severe: pass, pass with masks, hold for a human, refuse. When
 * several stages speak, the most severe decision wins.
 */
public enum Decision {
    ALLOW, REDACT, REVIEW, BLOCK
}
