#!/bin/sh
# Smoke-tests an installed InferDeck (an app image folder, or /opt/inferdeck after `dpkg -i`) from a clean
# temporary folder with no JDK and no source tree on any path: --version runs on the bundled runtime, model
# init, the runner serves a chat request, gpus, safety check (the ONNX classifier loads from the installed
# jars), the console opens to its first frame (under xvfb-run when there is no display), and nothing is
# written inside the installation or the working folder. Prints each step's wall time; exit 1 on a failure.
#   scripts/smoke-app-image.sh app/target/dist/inferdeck [VERSION]
set -eu
IMG=$(cd "${1:?usage: smoke-app-image.sh INSTALL_DIR [VERSION]}" && pwd)
VERSION=${2:-}
BIN="$IMG/bin/inferdeck"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/inferdeck-smoke.XXXXXX")
runner_pid=
cleanup() {
    [ -z "$runner_pid" ] || kill "$runner_pid" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/home" "$WORK/cwd"
cd "$WORK/cwd"
env_clean() {   # the installed launcher alone: a fresh HOME and XDG folders, no JDK, no Maven, no checkout
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/data" \
        XDG_CONFIG_HOME="$WORK/home/config" XDG_CACHE_HOME="$WORK/home/cache" TMPDIR="$WORK/tmp" \
        ${DISPLAY:+DISPLAY=$DISPLAY} ${JAVA_TOOL_OPTIONS:+JAVA_TOOL_OPTIONS=$JAVA_TOOL_OPTIONS} "$@"
}
mkdir -p "$WORK/tmp"
touch "$WORK/stamp"
sleep 1   # the stamp's second is over before anything runs: -newer below sees every later write
fail() {
    echo "smoke: FAILED: $*" >&2
    [ ! -f "$WORK/out" ] || sed 's/^/  | /' "$WORK/out" >&2
    exit 1
}
ms() { date +%s%3N; }
step() {   # name, then the command; its output is kept in $WORK/out
    name=$1; shift
    t0=$(ms)
    "$@" >"$WORK/out" 2>&1 || fail "$name (exit $?)"
    printf 'smoke: %-44s %6d ms\n' "$name" $(($(ms) - t0))
}
expect() {   # what, then a grep -E pattern the last step's output must match
    grep -Eq "$2" "$WORK/out" || fail "$1: no line matching /$2/"
}

step "--version" env_clean "$BIN" --version
expect "version" "^InferDeck ${VERSION:-[0-9]}"
expect "llama.cpp build" "^llama.cpp b[0-9]+"
expect "bundled runtime" "^Java 25.* at $IMG/lib/runtime\$"

step "model init --tiny" env_clean "$BIN" model init --tiny
model=$(sed -n 's/^Q8_0 *\([^ ]*\.gguf\).*/\1/p' "$WORK/out")
[ -f "$model" ] || fail "model init wrote no Q8_0 file"

t0=$(ms)
env_clean "$BIN" runner --model "$model" --port 0 >"$WORK/runner.log" 2>&1 &
runner_pid=$!
url=
i=0
while [ -z "$url" ] || ! curl -sf -o /dev/null "$url/health"; do
    i=$((i + 1))
    [ $i -lt 600 ] && kill -0 "$runner_pid" 2>/dev/null || { cp "$WORK/runner.log" "$WORK/out"; fail "runner never became healthy"; }
    sleep 0.1
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$WORK/runner.log" | head -n 1)
done
printf 'smoke: %-44s %6d ms\n' "runner: model loaded, /health 200" $(($(ms) - t0))
step "runner: chat completion (4 tokens)" curl -sf "$url/v1/chat/completions" -H 'Content-Type: application/json' \
    -d '{"model":"m","messages":[{"role":"user","content":"hello"}],"max_tokens":4}'
expect "a completion" '"completion_tokens": *[1-4][,}]'
kill "$runner_pid"
wait "$runner_pid" 2>/dev/null || true
runner_pid=

step "gpus" env_clean "$BIN" gpus
expect "NVML answer" "NVML not available|GPU|gpu"

step "safety check (ONNX classifier)" env_clean "$BIN" safety check --input-stages normalize,classifier "what a lovely day"
expect "classifier verdict" "^  classifier "

console=
if [ -n "${DISPLAY:-}" ]; then
    console="env_clean JAVA_TOOL_OPTIONS=-Dinferdeck.autostart=false $BIN --startup-probe"
elif command -v xvfb-run >/dev/null 2>&1; then
    console="env_clean JAVA_TOOL_OPTIONS=-Dinferdeck.autostart=false xvfb-run -a $BIN --startup-probe"
fi
if [ -n "$console" ]; then   # the engine's autostart is off: it would first write the 34 M default model
    step "console: first frame, engine autostart off" $console
    expect "the probe's line" "^first frame [0-9]+ ms after process start"
    grep "^first frame" "$WORK/out" | sed 's/^/smoke:   /'
else
    echo "smoke: console skipped: no DISPLAY and no xvfb-run"
fi

written=$(find "$IMG" "$WORK/cwd" -newer "$WORK/stamp" -print | head -n 5)
[ -z "$written" ] || { echo "$written" >"$WORK/out"; fail "files written inside the installation or the working folder"; }
echo "smoke: passed ($IMG)"
