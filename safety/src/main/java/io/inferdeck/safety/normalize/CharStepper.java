package io.inferdeck.safety.normalize;

/**
 * A matcher run inside {@link Normalizer#normalize(String, CharStepper)}: it is handed the normalized chars a
 * stretch at a time as the single pass writes them (while they are in the cache), so the text is matched while it is
 * normalized. The pass may take back chars it has handed over (a window re-normalized by the reference passes): it
 * then calls {@link #forget}, asks for the state at that index ({@link #restart}) and hands the new chars from that
 * index on. Used by one
 * thread at a time.
 */
public interface CharStepper {
    /** Consumes normalized chars {@code text[from, to)} from {@code state}; returns the state after them (0 = start). */
    int scan(int state, char[] text, int from, int to);

    /** Drops whatever was found for chars at index {@code from} and later. */
    void forget(int from);

    /** The state {@link #scan} reaches after {@code text[0, end)}, found without reporting anything. */
    int restart(char[] text, int end);
}
