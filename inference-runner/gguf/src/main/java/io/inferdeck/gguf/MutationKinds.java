package io.inferdeck.gguf;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The mutation strategies of {@link ModelMutator}; each edits one thing and describes it. Values are read
 * from the source file, so a second mutation of the same mutant never trips over the first.
 */
final class MutationKinds {
    private static final List<String> PER_TOKEN = List.of("tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type");
    private static final List<String> INTEGERS = List.of("llama.context_length", "llama.embedding_length", "llama.block_count",
            "llama.feed_forward_length", "llama.attention.head_count", "llama.attention.head_count_kv",
            "llama.rope.dimension_count", "llama.vocab_size", "tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id");
    private static final List<String> FLOATS = List.of("llama.attention.layer_norm_rms_epsilon", "llama.rope.freq_base");
    private static final double[] FLOAT_VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -1e-5, 1e-12, 1e30};

    private MutationKinds() {
    }

    static String typeSwap(GgufEdit e, RandomGenerator r) {
        List<String> keys = new ArrayList<>(e.metadata().keySet());
        String key = keys.get(r.nextInt(keys.size()));
        GgufValue old = e.metadata().get(key);
        GgufValue swapped = switch (r.nextInt(6)) {
            case 0 -> GgufValue.str("7");
            case 1 -> GgufValue.f32(7.0);
            case 2 -> GgufValue.i32(-7);
            case 3 -> GgufValue.u64(7);
            case 4 -> GgufValue.bool(true);
            default -> old.type() == GgufValueType.ARRAY
                    ? GgufValue.array(old.elementType() == GgufValueType.STRING ? GgufValueType.FLOAT32 : GgufValueType.STRING,
                            old.elementType() == GgufValueType.STRING ? List.of(7.0) : old.asList().stream().map(String::valueOf).toList())
                    : GgufValue.array(GgufValueType.UINT32, List.of(7L));
        };
        e.put(key, swapped);
        return key + " " + old.type() + " -> " + describe(swapped);
    }

    static String arrayLength(GgufEdit e, RandomGenerator r) {
        String key = PER_TOKEN.get(r.nextInt(PER_TOKEN.size()));
        GgufValue v = e.source().metadata().get(key);
        List<Object> items = new ArrayList<>(v.asList());
        int n = items.size();
        int length = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> n - 1;
            case 2 -> n + 1 + r.nextInt(8);
            default -> r.nextInt(n);
        };
        while (items.size() < length) {
            items.add(v.elementType() == GgufValueType.STRING ? "<fuzz" + items.size() + ">" : items.getLast());
        }
        e.put(key, GgufValue.array(v.elementType(), items.subList(0, length)));
        return key + " length " + n + " -> " + length;
    }

    static String hyperParameter(GgufEdit e, RandomGenerator r) {
        if (r.nextInt(3) == 0) {
            String key = FLOATS.get(r.nextInt(FLOATS.size()));
            double value = FLOAT_VALUES[r.nextInt(FLOAT_VALUES.length)];
            e.put(key, GgufValue.f32(value));
            return key + " = " + value;
        }
        String key = INTEGERS.get(r.nextInt(INTEGERS.size()));
        long old = e.source().integer(key).orElse(1);
        long value = switch (r.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 0xFFFF_FFFFL;
            case 2 -> old - 1;
            case 3 -> old + 1;
            case 4 -> old * 2;
            default -> 1 + r.nextInt(16);
        };
        e.put(key, GgufValue.u32(value));
        return key + " = " + value;
    }

    static String vocabulary(GgufEdit e, RandomGenerator r) {
        long n = e.source().metadata().get("tokenizer.ggml.tokens").asList().size();
        long delta = r.nextBoolean() ? 1 + r.nextInt(4) : -1 - r.nextInt(4);
        switch (r.nextInt(4)) {
            case 0 -> {
                String tensor = r.nextBoolean() ? "token_embd.weight" : "output.weight";
                long[] d = e.tensors().stream().filter(t -> t.name().equals(tensor)).findFirst().orElseThrow().dims();
                e.reshape(tensor, d[0], n + delta);
                return tensor + " rows " + n + " -> " + (n + delta);
            }
            case 1 -> {
                List<Object> tokens = new ArrayList<>(e.source().metadata().get("tokenizer.ggml.tokens").asList());
                int i = 1 + r.nextInt(tokens.size() - 1);
                tokens.set(i, tokens.get(i - 1));
                e.put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, tokens));
                return "token " + i + " duplicates token " + (i - 1);
            }
            case 2 -> {
                e.put("tokenizer.ggml.unknown_token_id", GgufValue.u32(n + delta));
                return "tokenizer.ggml.unknown_token_id = " + (n + delta);
            }
            default -> {
                e.put("llama.vocab_size", GgufValue.u32(n + delta));
                return "llama.vocab_size = " + (n + delta);
            }
        }
    }

    static String experts(GgufEdit e, RandomGenerator r) {
        long[] counts = {0, 1, 2, 4, 8, 257};
        long count = counts[r.nextInt(counts.length)];
        long used = r.nextInt(10);
        e.put("llama.expert_count", GgufValue.u32(count));
        if (r.nextInt(4) != 0) {
            e.put("llama.expert_used_count", GgufValue.u32(used));
            return "llama.expert_count = " + count + ", expert_used_count = " + used;
        }
        return "llama.expert_count = " + count;
    }

    static String tensorTable(GgufEdit e, RandomGenerator r) {
        List<GgufEdit.Tensor> tensors = e.tensors();
        int i = r.nextInt(tensors.size());
        GgufEdit.Tensor t = tensors.get(i);
        switch (r.nextInt(3)) {
            case 0 -> {
                tensors.remove(i);
                return "tensor " + t.name() + " removed";
            }
            case 1 -> {
                tensors.set(i, new GgufEdit.Tensor(t.name().matches("blk\\.\\d+\\..*") ? t.name().replaceFirst("blk\\.\\d+\\.", "blk.9.") : "fuzz." + t.name(), t.dims(), t.type(), t.source()));
                return "tensor " + t.name() + " renamed";
            }
            default -> {
                long[] d = t.dims();
                if (d.length > 1) {
                    d[1] = Math.max(1, d[1] + (r.nextBoolean() ? 32 : -32));
                } else {
                    d = new long[] {d[0], 2};
                }
                e.reshape(t.name(), d);
                return "tensor " + t.name() + " reshaped to " + java.util.Arrays.toString(d);
            }
        }
    }

    private static String describe(GgufValue v) {
        return v.type() == GgufValueType.ARRAY ? "ARRAY of " + v.elementType() : v.type() + " " + v.value();
    }
}
