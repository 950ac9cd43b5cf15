#!/usr/bin/env bash
# InferDeck's real-driver check (docs/gpu-monitor.md, "Real-driver check"): compares what InferDeck reads through
# its NVML binding (JNA, `inferdeck gpus --json`) with nvidia-smi on a Linux machine with an NVIDIA GPU, field by
# field, while a CUDA process holds memory (PyTorch, when present). Prints PASS/FAIL per field and writes every
# raw output to the results folder.
#
#   scripts/gpu-check.sh pack [--bundle DIR]     build machine (JDK 25, after ./mvnw -DskipTests package):
#                                                jlink runtime + the jars `gpus` needs, into DIR (target/gpu-check)
#   scripts/gpu-check.sh run  [--bundle DIR] [--out DIR] [--seconds N] [--no-load]
#                                                GPU machine, no JDK needed; bounded to about N + 60 s (N = 20)
#
# Exit codes: 0 every check passed · 1 a check failed · 2 bad usage or no bundle/runtime ·
#             3 no NVIDIA GPU here (nvidia-smi missing or failing): nothing was checked.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE="$ROOT/target/gpu-check"
OUT=""
SECONDS_LOAD=20
LOAD=1
MAX_BUNDLE_MIB=60
MODULES=java.base,java.logging,java.net.http,java.management,jdk.httpserver,jdk.unsupported
# jars `gpus` never loads: the console's toolkit, llama.cpp and ONNX natives, SQLite, Jetty (they would not fit 60 MiB)
EXCLUDE='^(javafx-|llama-|onnxruntime|sqlite-jdbc|jetty-|atlantafx|controlsfx|testfx|monocle|langchain4j-|opennlp|djl|tokenizers|views-|styles-)'

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-2}"
}

die() { echo "gpu-check: $*" >&2; exit 2; }

[ $# -ge 1 ] || usage 2
MODE=$1; shift
case "$MODE" in pack|run) ;; -h|--help) usage 0 ;; *) die "unknown mode '$MODE' (pack or run; --help)" ;; esac
while [ $# -gt 0 ]; do
    case "$1" in
        --bundle) [ $# -ge 2 ] || die "--bundle needs a folder"; BUNDLE=$2; shift 2 ;;
        --out) [ $# -ge 2 ] || die "--out needs a folder"; OUT=$2; shift 2 ;;
        --seconds) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge 5 ] && [ "$2" -le 300 ] \
                       || die "--seconds needs a whole number from 5 to 300"; SECONDS_LOAD=$2; shift 2 ;;
        --no-load) LOAD=0; shift ;;
        -h|--help) usage 0 ;;
        *) die "unknown option '$1' (--help)" ;;
    esac
done

pack() {
    local jdk=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    [ -x "$jdk/bin/jlink" ] || die "pack needs a JDK 25 with jlink (set JAVA_HOME)"
    local app=("$ROOT"/app/target/app-*.jar)
    [ -f "${app[0]}" ] && [ -d "$ROOT/app/target/lib" ] || die "no app jar: run ./mvnw -B -DskipTests package first"
    rm -rf "$BUNDLE"
    mkdir -p "$BUNDLE/lib"
    cp "${app[0]}" "$BUNDLE/lib/"
    for jar in "$ROOT"/app/target/lib/*.jar; do
        basename "$jar" | grep -Eq "$EXCLUDE" || cp "$jar" "$BUNDLE/lib/"
    done
    # the modules `gpus` loads (java.net.http: --dcgm; jdk.httpserver: the GPU exporter; jdk.unsupported: JNA)
    local strip=()
    command -v objcopy >/dev/null 2>&1 && strip=(--strip-native-debug-symbols "objcopy=$(command -v objcopy)")
    "$jdk/bin/jlink" --add-modules "$MODULES" "${strip[@]}" \
        --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$BUNDLE/runtime"
    cp "$0" "$BUNDLE/gpu-check.sh"
    local mib
    mib=$(du -sm "$BUNDLE" | cut -f1)
    echo "gpu-check: bundle $BUNDLE: ${mib} MiB (runtime $(du -sm "$BUNDLE/runtime" | cut -f1) MiB, jars $(du -sm "$BUNDLE/lib" | cut -f1) MiB)"
    [ "$mib" -le "$MAX_BUNDLE_MIB" ] || { echo "gpu-check: bundle is over $MAX_BUNDLE_MIB MiB" >&2; exit 1; }
    echo "gpu-check: copy it to the GPU machine and run: $(basename "$BUNDLE")/gpu-check.sh run --bundle $(basename "$BUNDLE")"
}

java_cmd() {
    for j in "$BUNDLE/runtime/bin/java" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
        [ -n "$j" ] && [ -x "$j" ] && { echo "$j"; return; }
    done
}

inferdeck() {   # `inferdeck gpus ARGS` through the bundle (GpusMain: the gpus command alone)
    timeout 90 "$JAVA" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp "$BUNDLE/lib/*" io.inferdeck.app.cli.GpusMain "$@"
}

smi_gpus() {
    timeout 20 nvidia-smi --query-gpu=index,uuid,name,pci.bus_id,memory.total,memory.used,memory.free,utilization.gpu,utilization.memory,temperature.gpu,power.draw,enforced.power.limit,clocks.sm \
        --format=csv,noheader,nounits
}

smi_apps() {
    timeout 20 nvidia-smi --query-compute-apps=gpu_uuid,pid,used_memory --format=csv,noheader,nounits
}

run() {
    OUT=${OUT:-gpu-check-$(date -u +%Y%m%dT%H%M%SZ)}
    mkdir -p "$OUT"
    exec > >(tee -a "$OUT/log.txt") 2>&1
    echo "gpu-check: $(date -u +%FT%TZ) on $(uname -srm), results in $OUT"
    if ! command -v nvidia-smi >/dev/null 2>&1 || ! timeout 20 nvidia-smi -L > "$OUT/nvidia-smi-L.txt" 2>&1; then
        echo "NO-GPU nvidia-smi $(command -v nvidia-smi >/dev/null 2>&1 && echo failed: "$(head -c 300 "$OUT/nvidia-smi-L.txt")" || echo 'not found'): nothing checked" \
            | tee "$OUT/results.txt"
        exit 3
    fi
    JAVA=$(java_cmd)
    [ -n "$JAVA" ] || die "no Java runtime: pass --bundle (scripts/gpu-check.sh pack builds one) or set JAVA_HOME"
    ls "$BUNDLE"/lib/app-*.jar >/dev/null 2>&1 || die "no InferDeck jars in $BUNDLE/lib (scripts/gpu-check.sh pack)"
    timeout 20 nvidia-smi > "$OUT/nvidia-smi.txt" 2>&1 || true
    timeout 30 nvidia-smi -q > "$OUT/nvidia-smi-q.txt" 2>&1 || true

    local load_pid=""
    if [ "$LOAD" = 1 ] && command -v python3 >/dev/null 2>&1 && python3 -c 'import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
        # 8 GiB on GPU 0 (less when the GPU has less free), held for the check
        timeout $((SECONDS_LOAD + 30)) python3 -c '
import sys, time, torch
free, _ = torch.cuda.mem_get_info(0)
n = min(8 << 30, int(free * 0.5))
x = torch.empty(n, dtype=torch.uint8, device="cuda:0"); x.fill_(1); torch.cuda.synchronize()
print("gpu-check: holding", n >> 20, "MiB on cuda:0", flush=True)
time.sleep(float(sys.argv[1]))' "$SECONDS_LOAD" > "$OUT/load.txt" 2>&1 &
        load_pid=$!
        for _ in $(seq 1 30); do grep -q holding "$OUT/load.txt" 2>/dev/null && break; sleep 1; done
    else
        echo "gpu-check: no CUDA load started (--no-load, or python3 with torch+CUDA not found): processes are compared as they are" \
            | tee "$OUT/load.txt"
    fi

    smi_gpus > "$OUT/smi-gpus-before.csv"
    smi_apps > "$OUT/smi-apps-before.csv" || true
    # one process samples twice, 3 s apart: the energy counter's growth is read within one NVML session
    inferdeck --json --watch 3s --count 2 > "$OUT/inferdeck-gpus.jsonl" 2> "$OUT/inferdeck-gpus.err" || true
    smi_gpus > "$OUT/smi-gpus-after.csv"
    smi_apps > "$OUT/smi-apps-after.csv" || true
    inferdeck --bench > "$OUT/inferdeck-bench.txt" 2>&1 || true
    [ -z "$load_pid" ] || { kill "$load_pid" 2>/dev/null || true; wait "$load_pid" 2>/dev/null || true; }

    command -v python3 >/dev/null 2>&1 || { echo "FAIL compare: python3 not found; compare the files in $OUT by hand" | tee "$OUT/results.txt"; exit 1; }
    python3 "$BUNDLE/compare.py" "$OUT" "$load_pid" 2>&1 | tee "$OUT/results.txt"
    return "${PIPESTATUS[0]}"
}

case "$MODE" in
    pack) pack; cp "$ROOT/scripts/gpu-check-compare.py" "$BUNDLE/compare.py" ;;
    run) [ -f "$BUNDLE/compare.py" ] || cp "$ROOT/scripts/gpu-check-compare.py" "$BUNDLE/compare.py" 2>/dev/null || true; run ;;
esac
