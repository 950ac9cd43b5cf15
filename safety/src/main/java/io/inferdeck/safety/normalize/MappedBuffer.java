package io.inferdeck.safety.normalize;

import java.util.Arrays;

/** Growable char buffer that remembers, per char, the original range it came from. Not thread-safe. */
final class MappedBuffer {
    char[] chars;
    int[] start;
    int[] end;
    int length;

    MappedBuffer(int capacity) {
        int c = Math.max(16, capacity);
        chars = new char[c];
        start = new int[c];
        end = new int[c];
    }

    static MappedBuffer identity(String s) {
        MappedBuffer b = new MappedBuffer(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(s.charAt(i), i, i + 1);
        }
        return b;
    }

    void append(char c, int s, int e) {
        if (length == chars.length) {
            int n = length * 2;
            chars = Arrays.copyOf(chars, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
        }
        chars[length] = c;
        start[length] = s;
        end[length] = e;
        length++;
    }

    /** Moves char {@code from} and its mapping to {@code to} (no later than {@code from}: compaction in place). */
    void move(int from, int to) {
        chars[to] = chars[from];
        start[to] = start[from];
        end[to] = end[from];
    }

    NormalizedText toText(String original) {
        return new NormalizedText(original, Arrays.copyOf(chars, length), length, OffsetMap.of(start, end, length));
    }
}
