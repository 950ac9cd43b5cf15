#!/usr/bin/env python3
"""Checks one author's training-data file: format, labels, languages, mix, duplicates. Usage: check.py FILE"""
import json, re, sys, collections
LABELS = {"benign","weapons","violence","self_harm","drugs","fraud","cybercrime","hate","sexual","privacy","jailbreak"}
HAN = re.compile(r'[\u3400-\u9fff]')
path = sys.argv[1]; errs = []; rows = []; seen = {}
for n, line in enumerate(open(path, encoding='utf-8'), 1):
    line = line.strip()
    if not line or line.startswith('//'): continue
    try: o = json.loads(line)
    except Exception as e: errs.append(f"line {n}: not JSON ({e})"); continue
    t, l, g = o.get('text'), o.get('label'), o.get('lang')
    if set(o) != {"text","label","lang"}: errs.append(f"line {n}: keys must be exactly text,label,lang")
    if not isinstance(t, str) or len(t.strip()) < 4: errs.append(f"line {n}: text missing/too short"); continue
    if l not in LABELS: errs.append(f"line {n}: bad label {l!r}")
    if g not in ("en","zh","mixed"): errs.append(f"line {n}: bad lang {g!r}")
    if g == "en" and HAN.search(t): errs.append(f"line {n}: lang en but has Chinese characters")
    if g == "zh" and not HAN.search(t): errs.append(f"line {n}: lang zh but no Chinese characters")
    key = re.sub(r'\W+', '', t.lower())
    if key in seen: errs.append(f"line {n}: duplicate of line {seen[key]}")
    seen[key] = n; rows.append((l, g))
c = collections.Counter(rows); total = len(rows)
by_lang = collections.Counter(g for _, g in rows); benign = sum(1 for l, _ in rows if l == "benign")
print(f"{total} prompts; en {by_lang['en']} zh {by_lang['zh']} mixed {by_lang['mixed']}; benign {benign} ({100*benign/max(total,1):.0f} %)")
for l in sorted(LABELS):
    print(f"  {l:11s} en {c[(l,'en')]:4d}  zh {c[(l,'zh')]:4d}  mixed {c[(l,'mixed')]:3d}")
for e in errs[:40]: print("ERROR", e)
print("OK" if not errs else f"{len(errs)} errors")
