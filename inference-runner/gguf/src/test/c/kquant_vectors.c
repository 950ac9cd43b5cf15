/*
 * Writes the k-quant reference vectors used by KQuantVectorsTest (inference-runner/gguf, test resources
 * io/inferdeck/gguf/kquant-vectors/). Not part of the product or the build: run by hand when the vectors
 * must be regenerated; see docs/quantization.md ("How the k-quant codecs are verified") for the commands.
 *
 * The quantized bytes and dequantized values come from ggml itself: this program dlopen()s the llama.cpp
 * library bundled in de.kherud:llama (libjllama.so) and calls its exported quantize_row_q{2..6}_K_ref and
 * dequantize_row_q{2..6}_K. Only the inputs are made here, by a seeded generator of its own (splitmix64 +
 * Box-Muller), so nothing of InferDeck's Java code takes part in producing the expected values.
 *
 * Output (all little-endian): inputs.f32 = BLOCKS x 256 float32; for each type T: T.bin = the BLOCKS
 * blocks ggml wrote for the inputs as one row; T.deq.f32 = ggml's dequantization of T.bin.
 */
#include <dlfcn.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QK_K 256
#define BLOCKS 12

struct init_params { size_t mem_size; void *mem_buffer; bool no_alloc; };
typedef void *(*init_fn)(struct init_params);
typedef void (*row_fn)(const void *, void *, int64_t);

static uint64_t state = 0x1f2e3d4c5b6a7988ULL;

static uint64_t next_u64(void) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(void) { return ((next_u64() >> 11) + 0.5) * (1.0 / 9007199254740992.0); }

/* Two draws in a fixed order (C leaves the order of calls within one expression unspecified). */
static double gaussian(void) {
    double u1 = uniform();
    double u2 = uniform();
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* Block kinds, one each, in this order (the Java test names them the same way). */
static void fill(float *x, int kind) {
    for (int i = 0; i < QK_K; i++) {
        double g = gaussian();
        double decade = uniform();
        switch (kind) {
            case 0: x[i] = 0.0f; break;                                         /* all zeros */
            case 1: x[i] = 0.37f; break;                                        /* constant positive */
            case 2: x[i] = -3e-3f; break;                                       /* constant negative */
            case 3: x[i] = (float) -(fabs(g) * 0.5 + 0.1); break;               /* negative only */
            case 4: x[i] = (float) (g * pow(10.0, -6.0 + 10.0 * decade)); break; /* ten decades in one block */
            case 5: x[i] = (float) (g * 0.02 * (i % 37 == 5 ? 1000.0 : 1.0)); break; /* sparse outliers x1000 */
            case 6: x[i] = (float) (g * 1e-9); break;                           /* fp16 scales underflow */
            case 7: x[i] = (float) (g * 3e5); break;                            /* fp16 scales overflow */
            case 8: x[i] = (float) (g * 0.02); break;                           /* typical weights */
            case 9: x[i] = (float) (1.0 + g * 0.5); break;                      /* offset, mostly positive */
            case 10: x[i] = (float) (i < QK_K / 2 ? fabs(g) : g); break;        /* positive first half */
            default: x[i] = i == 77 ? 2.5f : 0.0f; break;                       /* one spike among zeros */
        }
    }
}

static void write_file(const char *dir, const char *name, const void *data, size_t n) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) { perror(path); exit(1); }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s path/to/libjllama.so OUTDIR\n", argv[0]); return 2; }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    /* ggml_init fills the fp16 -> fp32 table the reference quantizers read their stored scales back with. */
    struct init_params p = { 1 << 16, NULL, true };
    if (!((init_fn) dlsym(lib, "ggml_init"))(p)) { fprintf(stderr, "ggml_init failed\n"); return 1; }

    static float x[BLOCKS * QK_K];
    for (int b = 0; b < BLOCKS; b++) fill(x + b * QK_K, b);
    write_file(argv[2], "inputs.f32", x, sizeof x);

    static const struct { const char *name; int bytes; } types[] = {
        {"q2_K", 84}, {"q3_K", 110}, {"q4_K", 144}, {"q5_K", 176}, {"q6_K", 210}};
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        char sym[64], file[64];
        snprintf(sym, sizeof sym, "quantize_row_%s_ref", types[t].name);
        row_fn quantize = (row_fn) dlsym(lib, sym);
        snprintf(sym, sizeof sym, "dequantize_row_%s", types[t].name);
        row_fn dequantize = (row_fn) dlsym(lib, sym);
        if (!quantize || !dequantize) { fprintf(stderr, "missing %s\n", sym); return 1; }
        size_t n = (size_t) types[t].bytes * BLOCKS;
        unsigned char *q = malloc(n);
        static float y[BLOCKS * QK_K];
        quantize(x, q, BLOCKS * QK_K);
        dequantize(q, y, BLOCKS * QK_K);
        snprintf(file, sizeof file, "%s.bin", types[t].name);
        write_file(argv[2], file, q, n);
        snprintf(file, sizeof file, "%s.deq.f32", types[t].name);
        write_file(argv[2], file, y, sizeof y);
        free(q);
    }
    return 0;
}
