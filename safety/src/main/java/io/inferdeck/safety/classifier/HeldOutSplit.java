package io.inferdeck.safety.classifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded, stratified train / held-out split: within every label × language group the same share is held
 * out (rounded, at least one where a group has two or more), chosen by a shuffle seeded with {@code seed}.
 * Deterministic for the same data order and seed; stateless.
 */
public final class HeldOutSplit {
    private HeldOutSplit() {
    }

    /** {@code held[i]} is true when example {@code i} is held out for calibration. */
    public static boolean[] stratified(List<LabeledText> data, long seed, double share) {
        if (share <= 0 || share >= 1) {
            throw new IllegalArgumentException("held-out share must be in (0, 1): " + share);
        }
        Map<String, List<Integer>> groups = new TreeMap<>(); // sorted, so the shuffles happen in a fixed order
        for (int i = 0; i < data.size(); i++) {
            LabeledText t = data.get(i);
            groups.computeIfAbsent(t.label() + "/" + t.lang(), g -> new ArrayList<>()).add(i);
        }
        Random rnd = new Random(seed);
        boolean[] held = new boolean[data.size()];
        for (List<Integer> idx : groups.values()) {
            Collections.shuffle(idx, rnd);
            int take = idx.size() < 2 ? 0 : Math.max(1, (int) Math.round(share * idx.size()));
            idx.subList(0, take).forEach(i -> held[i] = true);
        }
        return held;
    }
}
