package io.inferdeck.tuning.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inferdeck.gguf.GgmlCodec;
import io.inferdeck.gguf.GgmlType;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * InferDeck's block codecs against ggml itself: the llama.cpp build inside the runner's JNI library
 * (de.kherud:llama, {@code libjllama.so}) exports ggml's {@code quantize_row_*_ref} and
 * {@code dequantize_row_*}; this test calls them through the FFM API on the same seeded rows and demands
 * identical bytes and equal decoded values. Runs where that library exists for the platform (Linux x86-64);
 * elsewhere it is skipped, and the gguf module's transcription-based tests still apply.
 *
 * <p>{@code ggml_init} must run first: it fills ggml's fp16 → fp32 lookup table, which the reference
 * quantizers use to read their own stored scales back (without it every scale reads as 0 and ggml skips
 * its requantization step).
 */
class GgmlLibraryCrossCheckTest {
    private static final String LIBRARY = "/de/kherud/llama/Linux/x86_64/libjllama.so";
    private static final int ROW = 256 * 16;
    private static Arena arena;
    private static SymbolLookup ggml;

    @BeforeAll
    static void load(@TempDir Path dir) throws Throwable {
        boolean linuxX64 = System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64");
        assumeTrue(linuxX64 && GgmlLibraryCrossCheckTest.class.getResource(LIBRARY) != null, "no bundled llama.cpp for this platform");
        Path lib = dir.resolve("libjllama.so");
        try (InputStream in = GgmlLibraryCrossCheckTest.class.getResourceAsStream(LIBRARY)) {
            Files.copy(in, lib);
        }
        arena = Arena.ofShared();
        ggml = SymbolLookup.libraryLookup(lib, arena);
        MemoryLayout params = MemoryLayout.structLayout(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_BOOLEAN,
                MemoryLayout.paddingLayout(7));
        MethodHandle init = Linker.nativeLinker().downcallHandle(ggml.find("ggml_init").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, params));
        MemorySegment p = arena.allocate(params);
        p.set(ValueLayout.JAVA_LONG, 0, 1 << 16);
        p.set(ValueLayout.JAVA_BOOLEAN, 16, true); // no_alloc: only the one-time table setup is wanted
        MemorySegment ctx = (MemorySegment) init.invokeExact(p);
        assertThat(ctx.address()).isNotZero();
    }

    @AfterAll
    static void unload() {
        if (arena != null) {
            arena.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q5_1", "Q4_0", "Q4_1", "Q5_0", "Q8_0"})
    void quantizeAndDequantizeMatchGgmlExactly(GgmlType type) throws Throwable {
        String suffix = type.name().toLowerCase(java.util.Locale.ROOT).replace("_k", "_K");
        MethodHandle quantize = rowFunction("quantize_row_" + suffix + "_ref");
        MethodHandle dequantize = rowFunction("dequantize_row_" + suffix);
        SplittableRandom rnd = new SplittableRandom(2026 + type.id());
        long blocks = 0;
        for (int trial = 0; trial < 60; trial++) {
            float[] x = row(rnd, trial);
            byte[] ours = new byte[(int) type.bytesFor(ROW)];
            GgmlCodec.encode(type, x, 0, ROW, ours, 0);
            float[] oursDecoded = new float[ROW];
            GgmlCodec.decode(type, ours, 0, ROW, oursDecoded, 0);
            try (Arena call = Arena.ofConfined()) {
                MemorySegment in = call.allocateFrom(ValueLayout.JAVA_FLOAT, x);
                MemorySegment out = call.allocate(ours.length);
                quantize.invokeExact(in, out, (long) ROW);
                assertThat(ours).as("%s trial %d", type, trial).isEqualTo(out.toArray(ValueLayout.JAVA_BYTE));
                MemorySegment back = call.allocate(ValueLayout.JAVA_FLOAT, ROW);
                dequantize.invokeExact(out, back, (long) ROW);
                float[] theirs = back.toArray(ValueLayout.JAVA_FLOAT);
                int at = firstDifference(oursDecoded, theirs);
                assertThat(at).as("%s decode, trial %d: first difference at %d: %s vs ggml %s", type, trial, at,
                        at < 0 ? "" : oursDecoded[at], at < 0 ? "" : theirs[at]).isEqualTo(-1);
            }
            blocks += ROW / type.blockSize();
        }
        assertThat(blocks).isEqualTo(60L * ROW / type.blockSize());
    }

    /** Index of the first element whose value differs (−0 equals +0: the sign of a zero changes no product), or −1. */
    private static int firstDifference(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && !(Float.isNaN(a[i]) && Float.isNaN(b[i]))) {
                return i;
            }
        }
        return -1;
    }

    private static MethodHandle rowFunction(String name) {
        return Linker.nativeLinker().downcallHandle(ggml.find(name).orElseThrow(() -> new AssertionError("ggml lacks " + name)),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    }

    /** Seeded rows: Gaussian over ten decades, offsets, outliers 1000× the rest, all-zero, constant, fp16 under/overflow. */
    private static float[] row(SplittableRandom rnd, int trial) {
        float[] x = new float[ROW];
        double scale = switch (trial) {
            case 0, 1 -> 0;
            case 2 -> 1e-9;
            case 3 -> 3e5;
            default -> Math.pow(10, rnd.nextInt(-6, 5));
        };
        for (int i = 0; i < ROW; i++) {
            x[i] = trial == 1 ? 0.37f : (float) (rnd.nextGaussian() * scale + (trial % 3 == 0 ? scale : 0));
        }
        if (trial % 4 == 1 && trial > 1) {
            for (int i = rnd.nextInt(97); i < ROW; i += 97) x[i] *= 1000;
        }
        return x;
    }
}
