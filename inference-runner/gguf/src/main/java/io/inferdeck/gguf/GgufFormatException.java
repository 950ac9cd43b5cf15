package io.inferdeck.gguf;

/**
 * A file is not a GGUF model we can hand to native code. The message is one line, meant for an
 * operator: it names what is wrong and where (byte offset or tensor name).
 */
public final class GgufFormatException extends Exception {
    public GgufFormatException(String message) {
        super(message);
    }
}
