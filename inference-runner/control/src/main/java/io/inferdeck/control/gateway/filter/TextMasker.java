package io.inferdeck.control.gateway.filter;

/**
 * Masks personal data in a text before the gateway stores it (prompt capture in the request log). Thread-safe;
 * must not keep or log the texts it is given.
 */
@FunctionalInterface
public interface TextMasker {
    /**
     * The first {@code keepChars} characters of {@code text} with personal data masked. A piece of personal data
     * that straddles the cut is cut off before it, never kept half unmasked: the text past {@code keepChars} is
     * read only to recognise such a piece.
     */
    String mask(String text, int keepChars);
}
