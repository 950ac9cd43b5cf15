package io.inferdeck.gguf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Seeded mutations of a valid GGUF for the property "refused in Java with one line, or loads and serves":
 * truncations, metadata type swaps, per-token array lengths, zero/negative/NaN/Inf/huge hyper-parameters,
 * vocabulary inconsistencies, MoE counts and tensor-table edits. The same seed gives the same sequence.
 * Not thread-safe (one RNG).
 */
public final class ModelMutator {
    /** What one mutant is; {@code description} names the change ("llama.block_count = 0"). */
    public record Mutant(Path file, String description) {
    }

    private final GgufFile base;
    private final RandomGenerator rng;
    private final List<MutationKind> kinds = List.of(MutationKinds::typeSwap, MutationKinds::arrayLength,
            MutationKinds::hyperParameter, MutationKinds::hyperParameter, MutationKinds::vocabulary,
            MutationKinds::experts, MutationKinds::tensorTable);

    public ModelMutator(GgufFile base, RandomGenerator rng) {
        this.base = base;
        this.rng = rng;
    }

    /** Writes the next mutant to {@code target} (replacing it). One or two changes, or a truncation. */
    public Mutant next(Path target) throws IOException {
        if (rng.nextInt(8) == 0) {
            long cut = rng.nextLong(base.fileSize());
            byte[] all = Files.readAllBytes(base.path());
            Files.write(target, Arrays.copyOf(all, (int) cut));
            return new Mutant(target, "truncated to " + cut + " of " + base.fileSize() + " bytes");
        }
        GgufEdit edit = new GgufEdit(base);
        List<String> changes = new ArrayList<>();
        int count = rng.nextInt(4) == 0 ? 2 : 1;
        for (int i = 0; i < count; i++) {
            changes.add(kinds.get(rng.nextInt(kinds.size())).apply(edit, rng));
        }
        edit.writeTo(target);
        return new Mutant(target, String.join("; ", changes));
    }

    /** One change to an edit; returns its description. */
    @FunctionalInterface
    interface MutationKind {
        String apply(GgufEdit edit, RandomGenerator rng);
    }
}
