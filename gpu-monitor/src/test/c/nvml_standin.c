/*
 * Stand-in for libnvidia-ml.so used by InferDeck's gpu-monitor tests and benchmark.
 *
 * It exports the NVML entry points InferDeck calls, with NVML's C signatures and struct layouts
 * (nvml.h, NVML 12/13), so the Java side goes through its real JNA path. Values and faults come
 * from a small "key=value" config file read when NVML is initialised (reference count 0 -> 1):
 *   - the path given to nvmlStandinSetConfig() (test hook, also resets all state), else
 *   - the path in the environment variable NVML_STANDIN_CONFIG.
 * Without a config nvmlInit fails with NVML_ERROR_DRIVER_NOT_LOADED.
 *
 * Config keys (i = GPU index; unknown keys are rejected so typos fail loudly):
 *   gpus=N                 driver.version=S       nvml.version=S        init.fail=CODE
 *   clock=monotonic|frozen the energy counters' clock: CLOCK_MONOTONIC (default), or stopped at nvmlInit
 *                          so exact-value tests see gpu.i.energy.start
 *   gpu.i.name=S           gpu.i.uuid=S           gpu.i.pci=S (bus id, e.g. 00000000:18:00.0)
 *   gpu.i.mem.total=B      gpu.i.mem.reserved=B   gpu.i.mem.used=B      gpu.i.mem.free=B   (bytes, u64)
 *   gpu.i.util.gpu=P       gpu.i.util.mem=P       gpu.i.temp=C          gpu.i.power=MW
 *   gpu.i.power.limit=MW   gpu.i.clock.sm=MHZ     gpu.i.clock.graphics=MHZ
 *   gpu.i.procs=PID:BYTES,PID:na,...             (na = NVML_VALUE_NOT_AVAILABLE)
 *   gpu.i.procs.grow=K     each process query first adds K processes (tests the INSUFFICIENT_SIZE loop)
 *   gpu.i.procs.self=BYTES      the calling process (e.g. a test JVM) holds BYTES on that GPU
 *   gpu.i.procs.children=BYTES  every live child of the calling process (e.g. an engine the console
 *                               started) holds BYTES, looked up in /proc at each process query
 *   gpu.i.energy.start=MJ  nvmlDeviceGetTotalEnergyConsumption's value at nvmlInit (millijoules, default 0);
 *                          it then grows by gpu.i.power integrated over CLOCK_MONOTONIC, like a real
 *                          counter since driver load
 *   gpu.i.notsupported=CALL,CALL                   those calls return NVML_ERROR_NOT_SUPPORTED
 *   gpu.i.fail.CALL=CODE                           that call returns CODE
 *   gpu.i.lost.after=K     the first K device calls on that GPU succeed, every later one is GPU_IS_LOST
 * CALL is one of: name uuid pci memory utilization temperature power powerlimit clock processes energy.
 *
 * Compiled twice by the Maven build: normally, and with -DNO_V2, which leaves out every versioned
 * symbol (_v2, _v3, nvmlDeviceGetTemperatureV) like a pre-R450 driver, to exercise the fallbacks.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

typedef int nvmlReturn_t; /* an enum in nvml.h: int-sized on every supported ABI */
enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_UNINITIALIZED = 1,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_DRIVER_NOT_LOADED = 9,
    NVML_ERROR_GPU_IS_LOST = 15,
    NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25,
    NVML_ERROR_UNKNOWN = 999
};

struct nvmlDevice_st { int index; };
typedef struct nvmlDevice_st *nvmlDevice_t;

typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct {
    unsigned int version;
    unsigned long long total, reserved, free, used;
} nvmlMemory_v2_t;
#define nvmlMemory_v2 ((unsigned int)(sizeof(nvmlMemory_v2_t) | (2u << 24)))

typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;

/* v2/v3 process layout ("nvmlProcessInfo_t" in current headers) and the original v1 layout. */
typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId, computeInstanceId;
} nvmlProcessInfo_t;
typedef struct { unsigned int pid; unsigned long long usedGpuMemory; } nvmlProcessInfo_v1_t;

typedef struct { unsigned int version; int sensorType; int temperature; } nvmlTemperature_v1_t;
#define nvmlTemperature_v1 ((unsigned int)(sizeof(nvmlTemperature_v1_t) | (1u << 24)))

typedef struct {
    char busIdLegacy[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;
typedef struct {
    char busId[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    unsigned int reserved0, reserved1, reserved2, reserved3;
} nvmlPciInfo_v1_t;

_Static_assert(sizeof(nvmlMemory_t) == 24, "nvmlMemory_t");
_Static_assert(sizeof(nvmlMemory_v2_t) == 40 && nvmlMemory_v2 == 0x02000028u, "nvmlMemory_v2_t");
_Static_assert(sizeof(nvmlProcessInfo_t) == 24, "nvmlProcessInfo_t");
_Static_assert(sizeof(nvmlProcessInfo_v1_t) == 16, "nvmlProcessInfo_v1_t");
_Static_assert(sizeof(nvmlTemperature_v1_t) == 12 && nvmlTemperature_v1 == 0x0100000Cu, "temp");
_Static_assert(sizeof(nvmlPciInfo_t) == 68, "nvmlPciInfo_t");

#define NVML_VALUE_NOT_AVAILABLE 0xFFFFFFFFFFFFFFFFull
#define MAX_GPUS 64
#define MAX_PROCS 4096

enum call { C_NAME, C_UUID, C_PCI, C_MEMORY, C_UTIL, C_TEMP, C_POWER, C_POWERLIMIT, C_CLOCK, C_PROCS, C_ENERGY, C_COUNT };
static const char *const CALL_NAMES[C_COUNT] = {
    "name", "uuid", "pci", "memory", "utilization", "temperature", "power", "powerlimit", "clock", "processes",
    "energy"
};

typedef struct { unsigned int pid; unsigned long long used; } proc_t;

typedef struct {
    char name[96], uuid[96], pci[32];
    unsigned long long mem_total, mem_reserved, mem_used, mem_free;
    unsigned int util_gpu, util_mem, power, power_limit, clock_sm, clock_graphics;
    int temp;
    proc_t *procs;
    unsigned int nprocs, procs_grow, next_pid;
    unsigned long long self_bytes, children_bytes; /* 0 = not attached */
    unsigned long long energy_start_mj;
    nvmlReturn_t fail[C_COUNT];
    long lost_after; /* -1 = never */
    unsigned long calls;
} gpu_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char config_override[4096];
static int refcount;
static unsigned int ngpus;
static nvmlReturn_t init_fail;
static char driver_version[80], nvml_version[80];
static gpu_t gpus[MAX_GPUS];
static struct nvmlDevice_st handles[MAX_GPUS];
static unsigned long call_counts[C_COUNT + 1]; /* last slot: process queries that returned INSUFFICIENT_SIZE */
static struct timespec init_time;               /* CLOCK_MONOTONIC at the config's load: energy counts from here */
static int clock_frozen;

/* Bounded copy; truncation is intended (e.g. the 16-byte legacy PCI bus id). */
static void copy_str(char *dst, size_t cap, const char *src) {
    size_t n = strlen(src);
    if (n >= cap) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

static void reset_gpus(void) {
    for (int i = 0; i < MAX_GPUS; i++) {
        gpu_t *g = &gpus[i];
        free(g->procs);
        memset(g, 0, sizeof *g);
        snprintf(g->name, sizeof g->name, "Stand-in GPU %d", i);
        snprintf(g->uuid, sizeof g->uuid, "GPU-00000000-0000-0000-0000-%012d", i);
        snprintf(g->pci, sizeof g->pci, "00000000:%02X:00.0", i + 1);
        g->mem_total = 16ull << 30;
        g->mem_free = g->mem_total;
        g->lost_after = -1;
        g->next_pid = 50000;
        handles[i].index = i;
    }
    ngpus = 0;
    init_fail = NVML_SUCCESS;
    copy_str(driver_version, sizeof driver_version, "999.99.99-standin");
    copy_str(nvml_version, sizeof nvml_version, "99.999.99.99-standin");
    memset(call_counts, 0, sizeof call_counts);
}

static int call_index(const char *s, size_t n) {
    for (int c = 0; c < C_COUNT; c++)
        if (strlen(CALL_NAMES[c]) == n && strncmp(CALL_NAMES[c], s, n) == 0) return c;
    return -1;
}

static int parse_u64(const char *v, unsigned long long *out) {
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (errno || end == v || *end) return -1;
    *out = x;
    return 0;
}

static int parse_u32(const char *v, unsigned int *out) {
    unsigned long long x;
    if (parse_u64(v, &x) || x > 0xFFFFFFFFull) return -1;
    *out = (unsigned int)x;
    return 0;
}

static int add_proc(gpu_t *g, unsigned int pid, unsigned long long used) {
    if (g->nprocs >= MAX_PROCS) return -1;
    if (!g->procs && !(g->procs = calloc(MAX_PROCS, sizeof(proc_t)))) return -1;
    g->procs[g->nprocs].pid = pid;
    g->procs[g->nprocs].used = used;
    g->nprocs++;
    return 0;
}

static int parse_procs(gpu_t *g, const char *v) {
    char buf[8192];
    copy_str(buf, sizeof buf, v);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(tok, ':');
        if (!colon) return -1;
        *colon = 0;
        unsigned int pid;
        unsigned long long used;
        if (parse_u32(tok, &pid)) return -1;
        if (strcmp(colon + 1, "na") == 0) used = NVML_VALUE_NOT_AVAILABLE;
        else if (parse_u64(colon + 1, &used)) return -1;
        if (add_proc(g, pid, used)) return -1;
    }
    return 0;
}

static int parse_call_list(gpu_t *g, const char *v, nvmlReturn_t code) {
    const char *p = v;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        int c = call_index(p, n);
        if (c < 0) return -1;
        g->fail[c] = code;
        p += n + (end ? 1 : 0);
    }
    return 0;
}

static int apply_gpu_key(gpu_t *g, const char *k, const char *v) {
    unsigned int u;
    if (!strcmp(k, "name")) { copy_str(g->name, sizeof g->name, v); return 0; }
    if (!strcmp(k, "uuid")) { copy_str(g->uuid, sizeof g->uuid, v); return 0; }
    if (!strcmp(k, "pci")) { copy_str(g->pci, sizeof g->pci, v); return 0; }
    if (!strcmp(k, "mem.total")) return parse_u64(v, &g->mem_total);
    if (!strcmp(k, "mem.reserved")) return parse_u64(v, &g->mem_reserved);
    if (!strcmp(k, "mem.used")) return parse_u64(v, &g->mem_used);
    if (!strcmp(k, "mem.free")) return parse_u64(v, &g->mem_free);
    if (!strcmp(k, "util.gpu")) return parse_u32(v, &g->util_gpu);
    if (!strcmp(k, "util.mem")) return parse_u32(v, &g->util_mem);
    if (!strcmp(k, "temp")) { char *e; g->temp = (int)strtol(v, &e, 10); return *e ? -1 : 0; }
    if (!strcmp(k, "power")) return parse_u32(v, &g->power);
    if (!strcmp(k, "power.limit")) return parse_u32(v, &g->power_limit);
    if (!strcmp(k, "clock.sm")) return parse_u32(v, &g->clock_sm);
    if (!strcmp(k, "clock.graphics")) return parse_u32(v, &g->clock_graphics);
    if (!strcmp(k, "procs")) return parse_procs(g, v);
    if (!strcmp(k, "procs.grow")) return parse_u32(v, &g->procs_grow);
    if (!strcmp(k, "procs.self")) return parse_u64(v, &g->self_bytes);
    if (!strcmp(k, "procs.children")) return parse_u64(v, &g->children_bytes);
    if (!strcmp(k, "energy.start")) return parse_u64(v, &g->energy_start_mj);
    if (!strcmp(k, "notsupported")) return parse_call_list(g, v, NVML_ERROR_NOT_SUPPORTED);
    if (!strcmp(k, "lost.after")) {
        if (parse_u32(v, &u)) return -1;
        g->lost_after = u;
        return 0;
    }
    if (!strncmp(k, "fail.", 5)) {
        int c = call_index(k + 5, strlen(k + 5));
        return c < 0 || parse_u32(v, &u) ? -1 : (g->fail[c] = (nvmlReturn_t)u, 0);
    }
    return -1;
}

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) *--e = 0;
    return s;
}

/* Returns NVML_SUCCESS or the code nvmlInit should fail with; complains on stderr. */
static nvmlReturn_t load_config(void) {
    const char *path = config_override[0] ? config_override : getenv("NVML_STANDIN_CONFIG");
    reset_gpus();
    clock_frozen = 0;
    clock_gettime(CLOCK_MONOTONIC, &init_time);
    if (!path || !*path) {
        fprintf(stderr, "nvml-standin: no config (set NVML_STANDIN_CONFIG)\n");
        return NVML_ERROR_DRIVER_NOT_LOADED;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "nvml-standin: cannot read %s: %s\n", path, strerror(errno));
        return NVML_ERROR_DRIVER_NOT_LOADED;
    }
    char line[8192];
    int lineno = 0;
    nvmlReturn_t rc = NVML_SUCCESS;
    while (rc == NVML_SUCCESS && fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        char *eq = strchr(s, '=');
        int bad = !eq;
        if (!bad) {
            *eq = 0;
            char *k = trim(s), *v = trim(eq + 1);
            unsigned int u;
            if (!strcmp(k, "gpus")) bad = parse_u32(v, &u) || u > MAX_GPUS || (ngpus = u, 0);
            else if (!strcmp(k, "init.fail")) bad = parse_u32(v, &u) || (init_fail = (nvmlReturn_t)u, 0);
            else if (!strcmp(k, "driver.version")) copy_str(driver_version, sizeof driver_version, v);
            else if (!strcmp(k, "nvml.version")) copy_str(nvml_version, sizeof nvml_version, v);
            else if (!strcmp(k, "clock")) bad = strcmp(v, "monotonic") && strcmp(v, "frozen") ? 1 : (clock_frozen = !strcmp(v, "frozen"), 0);
            else if (!strncmp(k, "gpu.", 4)) {
                char *dot;
                long i = strtol(k + 4, &dot, 10);
                bad = dot == k + 4 || *dot != '.' || i < 0 || i >= MAX_GPUS || apply_gpu_key(&gpus[i], dot + 1, v);
            } else bad = 1;
        }
        if (bad) {
            fprintf(stderr, "nvml-standin: %s:%d: bad line\n", path, lineno);
            rc = NVML_ERROR_UNKNOWN;
        }
    }
    fclose(f);
    return rc;
}

/* ------------------------------------------------------------------ test hooks (not NVML) */

EXPORT void nvmlStandinSetConfig(const char *path) {
    pthread_mutex_lock(&lock);
    copy_str(config_override, sizeof config_override, path ? path : "");
    refcount = 0;
    reset_gpus();
    pthread_mutex_unlock(&lock);
}

/* How often CALL was made since the last init; "processes.insufficient" counts retries. */
EXPORT unsigned long nvmlStandinCallCount(const char *call) {
    pthread_mutex_lock(&lock);
    unsigned long n = 0;
    if (!strcmp(call, "processes.insufficient")) n = call_counts[C_COUNT];
    else {
        int c = call_index(call, strlen(call));
        if (c >= 0) n = call_counts[c];
    }
    pthread_mutex_unlock(&lock);
    return n;
}

/* ------------------------------------------------------------------ NVML: library */

static nvmlReturn_t do_init(void) {
    nvmlReturn_t rc = NVML_SUCCESS;
    pthread_mutex_lock(&lock);
    if (refcount == 0) {
        rc = load_config();
        if (rc == NVML_SUCCESS) rc = init_fail;
    }
    if (rc == NVML_SUCCESS) refcount++;
    pthread_mutex_unlock(&lock);
    return rc;
}

EXPORT nvmlReturn_t nvmlInit(void) { return do_init(); }
#ifndef NO_V2
EXPORT nvmlReturn_t nvmlInit_v2(void) { return do_init(); }
#endif

EXPORT nvmlReturn_t nvmlShutdown(void) {
    pthread_mutex_lock(&lock);
    nvmlReturn_t rc = refcount > 0 ? (refcount--, NVML_SUCCESS) : NVML_ERROR_UNINITIALIZED;
    pthread_mutex_unlock(&lock);
    return rc;
}

EXPORT const char *nvmlErrorString(nvmlReturn_t r) {
    switch (r) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
    case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
    case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
    case NVML_ERROR_ARGUMENT_VERSION_MISMATCH: return "Argument version mismatch";
    default: return "Unknown Error";
    }
}

static nvmlReturn_t copy_out(char *dst, unsigned int length, const char *src) {
    if (!dst) return NVML_ERROR_INVALID_ARGUMENT;
    if (strlen(src) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    memcpy(dst, src, strlen(src) + 1);
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    pthread_mutex_lock(&lock);
    nvmlReturn_t rc = refcount ? copy_out(version, length, driver_version) : NVML_ERROR_UNINITIALIZED;
    pthread_mutex_unlock(&lock);
    return rc;
}

EXPORT nvmlReturn_t nvmlSystemGetNVMLVersion(char *version, unsigned int length) {
    pthread_mutex_lock(&lock);
    nvmlReturn_t rc = refcount ? copy_out(version, length, nvml_version) : NVML_ERROR_UNINITIALIZED;
    pthread_mutex_unlock(&lock);
    return rc;
}

static nvmlReturn_t get_count(unsigned int *count) {
    pthread_mutex_lock(&lock);
    nvmlReturn_t rc = !refcount ? NVML_ERROR_UNINITIALIZED : !count ? NVML_ERROR_INVALID_ARGUMENT : NVML_SUCCESS;
    if (rc == NVML_SUCCESS) *count = ngpus;
    pthread_mutex_unlock(&lock);
    return rc;
}

EXPORT nvmlReturn_t nvmlDeviceGetCount(unsigned int *count) { return get_count(count); }
#ifndef NO_V2
EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) { return get_count(count); }
#endif

static nvmlReturn_t get_handle(unsigned int index, nvmlDevice_t *device) {
    pthread_mutex_lock(&lock);
    nvmlReturn_t rc = !refcount ? NVML_ERROR_UNINITIALIZED
                      : (!device || index >= ngpus) ? NVML_ERROR_INVALID_ARGUMENT : NVML_SUCCESS;
    if (rc == NVML_SUCCESS) *device = &handles[index];
    pthread_mutex_unlock(&lock);
    return rc;
}

EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int index, nvmlDevice_t *device) {
    return get_handle(index, device);
}
#ifndef NO_V2
EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    return get_handle(index, device);
}
#endif

/* ------------------------------------------------------------------ NVML: device queries */

/* Locks, validates the handle, applies scripted faults. On NVML_SUCCESS the lock stays held and
 * *out is the GPU; the caller must finish with done(). */
static nvmlReturn_t enter(nvmlDevice_t device, enum call c, gpu_t **out) {
    pthread_mutex_lock(&lock);
    call_counts[c]++;
    nvmlReturn_t rc = NVML_SUCCESS;
    if (!refcount) rc = NVML_ERROR_UNINITIALIZED;
    else if (device < &handles[0] || device >= &handles[ngpus]) rc = NVML_ERROR_INVALID_ARGUMENT;
    else {
        gpu_t *g = &gpus[device->index];
        g->calls++;
        if (g->lost_after >= 0 && g->calls > (unsigned long)g->lost_after) rc = NVML_ERROR_GPU_IS_LOST;
        else if (g->fail[c]) rc = g->fail[c];
        else *out = g;
    }
    if (rc != NVML_SUCCESS) pthread_mutex_unlock(&lock);
    return rc;
}

static nvmlReturn_t done(nvmlReturn_t rc) {
    pthread_mutex_unlock(&lock);
    return rc;
}

EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_NAME, &g);
    return rc ? rc : done(copy_out(name, length, g->name));
}

EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_UUID, &g);
    return rc ? rc : done(copy_out(uuid, length, g->uuid));
}

static void fill_pci_numbers(const char *id, unsigned int *domain, unsigned int *bus, unsigned int *dev) {
    *domain = *bus = *dev = 0;
    sscanf(id, "%x:%x:%x", domain, bus, dev);
}

#ifndef NO_V2
EXPORT nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_PCI, &g);
    if (rc) return rc;
    if (!pci) return done(NVML_ERROR_INVALID_ARGUMENT);
    memset(pci, 0, sizeof *pci);
    copy_str(pci->busId, sizeof pci->busId, g->pci);
    /* the legacy field holds the short form "dddd:bb:dd.f" of the 8-digit-domain id */
    copy_str(pci->busIdLegacy, sizeof pci->busIdLegacy, strlen(g->pci) > 4 ? g->pci + 4 : g->pci);
    fill_pci_numbers(g->pci, &pci->domain, &pci->bus, &pci->device);
    pci->pciDeviceId = 0x233010DE;
    return done(NVML_SUCCESS);
}
#endif

EXPORT nvmlReturn_t nvmlDeviceGetPciInfo(nvmlDevice_t device, nvmlPciInfo_v1_t *pci) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_PCI, &g);
    if (rc) return rc;
    if (!pci) return done(NVML_ERROR_INVALID_ARGUMENT);
    memset(pci, 0, sizeof *pci);
    copy_str(pci->busId, sizeof pci->busId, strlen(g->pci) > 4 ? g->pci + 4 : g->pci);
    fill_pci_numbers(g->pci, &pci->domain, &pci->bus, &pci->device);
    pci->pciDeviceId = 0x233010DE;
    return done(NVML_SUCCESS);
}

EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_MEMORY, &g);
    if (rc) return rc;
    if (!memory) return done(NVML_ERROR_INVALID_ARGUMENT);
    /* v1 has no reserved field: like the real driver, reserved memory counts as used */
    memory->total = g->mem_total;
    memory->free = g->mem_free;
    memory->used = g->mem_used + g->mem_reserved;
    return done(NVML_SUCCESS);
}

#ifndef NO_V2
EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t device, nvmlMemory_v2_t *memory) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_MEMORY, &g);
    if (rc) return rc;
    if (!memory) return done(NVML_ERROR_INVALID_ARGUMENT);
    if (memory->version != nvmlMemory_v2) return done(NVML_ERROR_ARGUMENT_VERSION_MISMATCH);
    memory->total = g->mem_total;
    memory->reserved = g->mem_reserved;
    memory->free = g->mem_free;
    memory->used = g->mem_used;
    return done(NVML_SUCCESS);
}
#endif

EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *util) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_UTIL, &g);
    if (rc) return rc;
    if (!util) return done(NVML_ERROR_INVALID_ARGUMENT);
    util->gpu = g->util_gpu;
    util->memory = g->util_mem;
    return done(NVML_SUCCESS);
}

EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, int sensorType, unsigned int *temp) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_TEMP, &g);
    if (rc) return rc;
    if (!temp || sensorType != 0) return done(NVML_ERROR_INVALID_ARGUMENT);
    *temp = (unsigned int)g->temp;
    return done(NVML_SUCCESS);
}

#ifndef NO_V2
EXPORT nvmlReturn_t nvmlDeviceGetTemperatureV(nvmlDevice_t device, nvmlTemperature_v1_t *temp) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_TEMP, &g);
    if (rc) return rc;
    if (!temp) return done(NVML_ERROR_INVALID_ARGUMENT);
    if (temp->version != nvmlTemperature_v1) return done(NVML_ERROR_ARGUMENT_VERSION_MISMATCH);
    if (temp->sensorType != 0) return done(NVML_ERROR_INVALID_ARGUMENT);
    temp->temperature = g->temp;
    return done(NVML_SUCCESS);
}
#endif

EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_POWER, &g);
    if (rc) return rc;
    if (!power) return done(NVML_ERROR_INVALID_ARGUMENT);
    *power = g->power;
    return done(NVML_SUCCESS);
}

/* Millijoules since nvmlInit: the configured power (mW) times the seconds elapsed, so a caller can
 * check its energy arithmetic against gpu.i.power exactly. */
EXPORT nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_ENERGY, &g);
    if (rc) return rc;
    if (!energy) return done(NVML_ERROR_INVALID_ARGUMENT);
    struct timespec now = init_time;
    if (!clock_frozen) clock_gettime(CLOCK_MONOTONIC, &now);
    double seconds = (double)(now.tv_sec - init_time.tv_sec) + (now.tv_nsec - init_time.tv_nsec) / 1e9;
    *energy = g->energy_start_mj + (unsigned long long)(g->power * seconds);
    return done(NVML_SUCCESS);
}

EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_POWERLIMIT, &g);
    if (rc) return rc;
    if (!limit) return done(NVML_ERROR_INVALID_ARGUMENT);
    *limit = g->power_limit;
    return done(NVML_SUCCESS);
}

EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t device, int type, unsigned int *clock) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_CLOCK, &g);
    if (rc) return rc;
    if (!clock) return done(NVML_ERROR_INVALID_ARGUMENT);
    switch (type) { /* nvmlClockType_t: GRAPHICS=0, SM=1, MEM=2, VIDEO=3 */
    case 0: *clock = g->clock_graphics ? g->clock_graphics : g->clock_sm; break;
    case 1: *clock = g->clock_sm; break;
    default: return done(NVML_ERROR_NOT_SUPPORTED);
    }
    return done(NVML_SUCCESS);
}

/* Parent pid from /proc/<pid>/stat ("pid (comm) state ppid ..."; comm may hold spaces and ')'). */
static long parent_of(const char *pid) {
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *close = strrchr(buf, ')');
    long ppid;
    return close && sscanf(close + 1, " %*c %ld", &ppid) == 1 ? ppid : -1;
}

/* The configured processes plus, when attached, this process and its live children. */
static unsigned int attach_live(gpu_t *g) {
    unsigned int configured = g->nprocs;
    if (g->self_bytes) add_proc(g, (unsigned int)getpid(), g->self_bytes);
    if (g->children_bytes) {
        DIR *d = opendir("/proc");
        for (struct dirent *e; d && (e = readdir(d));) {
            if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && parent_of(e->d_name) == getpid())
                add_proc(g, (unsigned int)strtoul(e->d_name, NULL, 10), g->children_bytes);
        }
        if (d) closedir(d);
    }
    return configured;
}

/* The NVML contract: *infoCount in = capacity of infos; out = number of processes. If the
 * capacity is too small: INSUFFICIENT_SIZE with the needed count. infos may be NULL when
 * *infoCount is 0. */
static nvmlReturn_t get_procs(nvmlDevice_t device, unsigned int *infoCount, void *infos, size_t stride) {
    gpu_t *g;
    nvmlReturn_t rc = enter(device, C_PROCS, &g);
    if (rc) return rc;
    if (!infoCount || (*infoCount && !infos)) return done(NVML_ERROR_INVALID_ARGUMENT);
    for (unsigned int k = 0; k < g->procs_grow; k++)
        add_proc(g, g->next_pid++, (unsigned long long)(g->nprocs + 1) << 20);
    unsigned int configured = attach_live(g);
    if (*infoCount < g->nprocs) {
        *infoCount = g->nprocs;
        g->nprocs = configured;
        call_counts[C_COUNT]++;
        return done(NVML_ERROR_INSUFFICIENT_SIZE);
    }
    for (unsigned int i = 0; i < g->nprocs; i++) {
        char *slot = (char *)infos + i * stride;
        memset(slot, 0, stride);
        if (stride == sizeof(nvmlProcessInfo_t)) {
            nvmlProcessInfo_t *p = (nvmlProcessInfo_t *)slot;
            p->pid = g->procs[i].pid;
            p->usedGpuMemory = g->procs[i].used;
            p->gpuInstanceId = p->computeInstanceId = 0xFFFFFFFFu; /* not a MIG device */
        } else {
            nvmlProcessInfo_v1_t *p = (nvmlProcessInfo_v1_t *)slot;
            p->pid = g->procs[i].pid;
            p->usedGpuMemory = g->procs[i].used;
        }
    }
    *infoCount = g->nprocs;
    g->nprocs = configured;
    return done(NVML_SUCCESS);
}

EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses(nvmlDevice_t d, unsigned int *n, nvmlProcessInfo_v1_t *p) {
    return get_procs(d, n, p, sizeof(nvmlProcessInfo_v1_t));
}
#ifndef NO_V2
EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v2(nvmlDevice_t d, unsigned int *n, nvmlProcessInfo_t *p) {
    return get_procs(d, n, p, sizeof(nvmlProcessInfo_t));
}
EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t d, unsigned int *n, nvmlProcessInfo_t *p) {
    return get_procs(d, n, p, sizeof(nvmlProcessInfo_t));
}
#endif
