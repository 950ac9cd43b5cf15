"""Writes the bundled training set: the original author's prompts plus each new author's file, deduplicated (folded
text) against each other, the dev split and the starter suite; header with counts. Usage: final_merge.py OUT BASE DEV SUITE authors..."""
import json, sys, re, unicodedata, collections
def fold(t): return re.sub(r'[\W_]+', '', unicodedata.normalize('NFKC', t).lower())
out, base, dev, suite, *authors = sys.argv[1:]
def rows(p):
    for l in open(p, encoding='utf-8'):
        l = l.strip()
        if l and not l.startswith('//'): yield json.loads(l)
banned = {fold(r['text']) for r in rows(dev)} | {fold(r.get('prompt', r.get('text', ''))) for r in rows(suite)}
groups = [('team-a', list(rows(base)), 'the first author (written from the spec, session 4)')]
for a in authors:
    name = a.split('/')[-1].replace('.jsonl', '')
    hdr = [l.strip()[2:].strip() for l in open(a, encoding='utf-8') if l.startswith('//')]
    groups.append((name, list(rows(a)), hdr[0] if hdr else ''))
seen = set(); kept = []; dropped = collections.Counter()
for name, rs, desc in groups:
    k = []
    for r in rs:
        f = fold(r['text'])
        if f in banned: dropped['dev split or starter suite'] += 1; continue
        if f in seen: dropped['duplicate'] += 1; continue
        seen.add(f); k.append({'text': r['text'], 'label': r['label'], 'lang': r['lang']})
    kept.append((name, k, desc))
allr = [r for _, k, _ in kept for r in k]; n = len(allr)
lang = collections.Counter(r['lang'] for r in allr); ben = sum(r['label'] == 'benign' for r in allr)
labels = ['benign','weapons','violence','self_harm','drugs','fraud','cybercrime','hate','sexual','privacy','jailbreak']
per = collections.Counter((r['label'], r['lang']) for r in allr)
H = ['// InferDeck safety classifier training set, written by hand from docs/safety/dataset-spec.md (issue 15) by nine',
     '// authors, each in their own style and without seeing the others\' files or the dev split (docs/safety/dataset-spec.md',
     '// "Authors"). One JSON object per line: {"text": prompt, "label": "benign" or a spec category, "lang": "en" | "zh" |',
     '// "mixed"}. Harmful = answering as asked gives real uplift; talking about a harm is benign. Benign look-alikes (hard',
     '// negatives) are deliberate for every category. No prompt is shared with the starter suite or the dev split',
     '// (folded-text comparison; %d dropped as duplicates of them, %d as duplicates within the set); the dev split is never' % (dropped['dev split or starter suite'], dropped['duplicate']),
     '// trained on.',
     '// %d prompts: en %d (%.1f %%), zh %d (%.1f %%), mixed %d; benign %d (%.1f %%).' % (n, lang['en'], 100*lang['en']/n, lang['zh'], 100*lang['zh']/n, lang['mixed'], ben, 100*ben/n),
     '// label        total    en    zh  mixed']
for l in labels:
    H.append('// %-12s %5d %5d %5d %6d' % (l, sum(per[(l, g)] for g in ('en','zh','mixed')), per[(l,'en')], per[(l,'zh')], per[(l,'mixed')]))
H.append('// authors (section markers below): ' + ', '.join('%s %d' % (nm, len(k)) for nm, k, _ in kept))
lines = H[:]
for nm, k, desc in kept:
    lines.append('// --- author "%s": %s' % (nm, desc))
    lines += [json.dumps(r, ensure_ascii=False) for r in k]
open(out, 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
print('\n'.join(H[-14:])); print(dict(dropped))
