package io.inferdeck.gguf;

/**
 * One rule a structurally valid GGUF must also meet before llama.cpp sees it. A rule throws with a
 * one-line reason naming the offending key or tensor. Rules run in {@link ModelValidator}'s order and may
 * rely on the rules before them (types are checked before values are read).
 */
@FunctionalInterface
interface ModelCheck {
    void check(GgufFile g) throws GgufFormatException;
}
