#!/usr/bin/env python3
"""gpu-check.sh's comparison: InferDeck's `gpus --json` (NVML through JNA) against nvidia-smi, field by field.

Live figures are compared with the range nvidia-smi saw just before and just after InferDeck's sample, widened by a
tolerance; fixed facts must be equal. Prints one PASS/FAIL line per field and GPU; exits 1 when any check failed.
Usage: gpu-check-compare.py RESULTS_DIR [LOAD_PID]
"""
import csv, json, os, sys

out = sys.argv[1]
load_pid = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None
MIB = 1 << 20
failed = 0


def say(ok, what, detail):
    global failed
    failed += 0 if ok else 1
    print(("PASS " if ok else "FAIL ") + what + ": " + detail)


def rows(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [[c.strip() for c in r] for r in csv.reader(f) if r]


def num(v):
    try:
        return float(v)
    except ValueError:
        return None   # "[N/A]", "[Not Supported]"


def samples(name):
    try:
        with open(os.path.join(out, name)) as f:
            objs = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        objs = []
        print("inferdeck gpus: %s" % e)
    if not objs:
        say(False, name, "no JSON from inferdeck gpus --json --watch; see inferdeck-gpus.err")
        sys.exit(1)
    return objs[0], (objs[1] if len(objs) > 1 else None)


def in_range(ours, seen, tol_abs, tol_rel, what, unit):
    seen = [s for s in seen if s is not None]
    if ours is None or not seen:
        say(ours is None and not seen, what, "n/a on both sides" if ours is None and not seen
            else "InferDeck %s, nvidia-smi %s" % (ours, seen))
        return
    lo, hi = min(seen), max(seen)
    slack = max(tol_abs, tol_rel * hi)
    say(lo - slack <= ours <= hi + slack, what, "InferDeck %.1f %s, nvidia-smi %.1f..%.1f (±%.1f)" % (ours, unit, lo, hi, slack))


first, second = samples("inferdeck-gpus.jsonl")
say(first["state"]["status"] == "OK", "state", "%s %s" % (first["state"]["status"], first["state"]["message"]))
smi = {r[0]: r for r in rows("smi-gpus-before.csv")}
smi_after = {r[0]: r for r in rows("smi-gpus-after.csv")}
say(len(first["gpus"]) == len(smi), "gpu count", "InferDeck %d, nvidia-smi %d" % (len(first["gpus"]), len(smi)))
apps = {}
for r in rows("smi-apps-before.csv") + rows("smi-apps-after.csv"):
    if len(r) >= 3 and r[1].isdigit():
        apps.setdefault((r[0], int(r[1])), []).append(num(r[2]))

for g in first["gpus"]:
    i = str(g["index"])
    if i not in smi:
        say(False, "gpu%s" % i, "not in nvidia-smi's list")
        continue
    b, a = smi[i], smi_after.get(i, smi[i])
    p = "gpu%s " % i
    say(g["uuid"] == b[1], p + "uuid", "%s vs %s" % (g["uuid"], b[1]))
    say(g["name"] == b[2], p + "name", "%r vs %r" % (g["name"], b[2]))
    ours_bus, smi_bus = (g["pciBusId"] or "").lower(), b[3].lower()
    say(bool(ours_bus) and (ours_bus.endswith(smi_bus[-12:]) or smi_bus.endswith(ours_bus[-12:])), p + "pci bus id",
        "%s vs %s" % (g["pciBusId"], b[3]))
    mib = lambda v: None if v is None else v / MIB
    in_range(mib(g["memoryTotalBytes"]), [num(b[4])], 1, 0.0, p + "memory total", "MiB")
    in_range(mib(g["memoryUsedBytes"]), [num(b[5]), num(a[5])], 64, 0.0, p + "memory used", "MiB")
    in_range(mib(g["memoryFreeBytes"]), [num(b[6]), num(a[6])], 64, 0.0, p + "memory free", "MiB")
    in_range(g["gpuUtilizationPercent"], [num(b[7]), num(a[7])], 15, 0.0, p + "utilization", "%")
    in_range(g["memoryUtilizationPercent"], [num(b[8]), num(a[8])], 15, 0.0, p + "memory utilization", "%")
    in_range(g["temperatureCelsius"], [num(b[9]), num(a[9])], 3, 0.0, p + "temperature", "C")
    watts = lambda v: None if v is None else v / 1000
    in_range(watts(g["powerMilliwatts"]), [num(b[10]), num(a[10])], 5, 0.10, p + "power", "W")
    in_range(watts(g["powerLimitMilliwatts"]), [num(b[11])], 1, 0.0, p + "power limit", "W")
    in_range(g["smClockMhz"], [num(b[12]), num(a[12])], 15, 0.05, p + "SM clock", "MHz")
    # energy: the counter's growth over the 3 s between the two samples (one NVML session), as mean watts, against nvidia-smi's draw
    g2 = next((x for x in (second or {}).get("gpus", []) if x["index"] == g["index"]), None)
    if g["energyMillijoules"] is None or g2 is None or g2["energyMillijoules"] is None:
        say(g["energyMillijoules"] is None, p + "energy", "no counter (pre-Volta or not supported): n/a"
            if g["energyMillijoules"] is None else "counter vanished in the second sample")
    else:
        from datetime import datetime
        t = lambda s: datetime.fromisoformat(s["at"].replace("Z", "+00:00")).timestamp()
        dt = t(second) - t(first)
        mean_w = (g2["energyMillijoules"] - g["energyMillijoules"]) / 1000 / dt if dt > 0 else None
        draws = [num(r[10]) for r in (b, a)]
        in_range(mean_w, draws, 10, 0.20, p + "energy counter as mean power", "W")
    # processes: every compute app nvidia-smi listed on this GPU, with its memory
    ours = {q["pid"]: q for q in (g["processes"] or [])}
    for (uuid, pid), mem in sorted(apps.items()):
        if uuid != g["uuid"]:
            continue
        q = ours.get(pid)
        if q is None:
            say(False, p + "process %d" % pid, "listed by nvidia-smi, not by InferDeck")
        elif q["usedMemoryBytes"] is None:
            say(all(m is None for m in mem), p + "process %d memory" % pid, "n/a in InferDeck, nvidia-smi %s" % mem)
        else:
            in_range(q["usedMemoryBytes"] / MIB, mem, 16, 0.0, p + "process %d memory" % pid,
                     "MiB" + (" (the check's CUDA load)" if pid == load_pid else ""))
if load_pid is not None:
    held = any(q["pid"] == load_pid for g in first["gpus"] for q in (g["processes"] or []))
    say(held, "CUDA load process %d" % load_pid, "listed on a GPU card" if held else "missing from InferDeck's processes")
print("%s: %d check(s) failed" % ("FAIL" if failed else "PASS", failed))
sys.exit(1 if failed else 0)
