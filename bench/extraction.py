"""Extraction benchmark on the labelled dev set (tests/fixtures/text/labels).

    .venv/bin/python bench/extraction.py [--verbose] [--only NAME]

Prints paragraph precision/recall/F1 on (kind, number, text) for each layout — "web",
"wrapped", "pdf" renderings of the gold paragraph JSON, and "native" (raw texts as found)
— then per-fact precision and recall, invented dates/ceilings, front matter accuracy, and
throughput (parses per second on one core for ~150-paragraph resolutions).

Then the same per-fact figures on tests/fixtures/text/heldout: resolutions labelled by hand
from reading the text, outside the dev set (its README), gold JSON rendered in the web layout,
one table per labelling batch; `--heldout` prints only this part. Then real PDF text layers
and meeting records (bench/pdflayers.py); `--pdf` prints only that part. Facts are scored strictly
(kind, value, entity, paragraph) and by value (kind, value, paragraph).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from factscore import fact_key, invented as invented_values, mismatches, tally, total, value_key  # noqa: E402
from layouts import LAYOUTS, flatten, render  # noqa: E402

from models.text import parse  # noqa: E402

LABELS = ROOT / "tests" / "fixtures" / "text" / "labels"
FIXTURES = ROOT / "tests" / "fixtures" / "text"
HELDOUT = FIXTURES / "heldout"


def load_labels() -> list[tuple[str, dict]]:
    return [(p.stem, json.loads(p.read_text())) for p in sorted(LABELS.glob("*.json"))]


def source_text(label: dict) -> str:
    return (FIXTURES / label["source"]).read_text(encoding="utf-8")


def parsed_paragraphs(parsed) -> list[tuple]:
    return flatten([p.to_json() for p in parsed.paragraphs])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--heldout", action="store_true", help="only the hand-labelled held-out set")
    ap.add_argument("--pdf", action="store_true", help="only real PDF text layers and meeting records (bench/pdflayers.py)")
    args = ap.parse_args()
    if args.pdf:
        import pdflayers

        pdflayers.main(args.verbose)
        return 0
    if args.heldout:
        heldout(args.verbose, args.only)
        return 0
    labels = [(n, lab) for n, lab in load_labels() if not args.only or args.only in n]
    para = defaultdict(lambda: [0, 0, 0])  # layout → hit, expected, got
    per_doc_bad = defaultdict(list)
    facts = defaultdict(Counter)  # kind → tp/fp/fn
    invented = []
    front_ok = front_all = 0
    for name, label in labels:
        expected = flatten(label["paragraphs"])
        texts = {}
        if label["form"] == "gold-json":
            for layout in LAYOUTS:
                texts[layout] = render(label, layout)
        else:
            texts["native"] = source_text(label)
        for layout, text in texts.items():
            parsed = parse(text)
            got = parsed_paragraphs(parsed)
            e, g = Counter(expected), Counter(got)
            hit = sum((e & g).values())
            cell = para[layout]
            cell[0] += hit
            cell[1] += sum(e.values())
            cell[2] += sum(g.values())
            if hit != len(expected) or len(got) != len(expected):
                per_doc_bad[layout].append((name, hit, len(expected), len(got), e - g, g - e))
            for f in parsed.facts:
                assert f.evidence and f.evidence in text, (name, layout, f)
            if layout in ("native", "web"):
                for field in ("symbol", "adopted_on", "meeting"):
                    if label.get(field) is not None:
                        front_all += 1
                        front_ok += getattr(parsed, field) == label[field]
                        if args.verbose and getattr(parsed, field) != label[field]:
                            print(f"  front {name} {field}: got {getattr(parsed, field)!r} want {label[field]!r}")
                if label.get("facts") is not None:
                    have = [f.to_json() for f in parsed.facts]
                    tally(label["facts"], have, into=facts)
                    if args.verbose:
                        for status, key in mismatches(label["facts"], have):
                            print(f"  fact {name}: {status} {key}")
                    invented += [(name, fact_key(f)) for f in invented_values(label["facts"], have)]
    print("Paragraphs (kind, number, text)")
    print(f"  {'layout':8} {'docs':>5} {'paras':>6} {'P':>7} {'R':>7} {'F1':>7}")
    for layout in (*LAYOUTS, "native"):
        hit, exp, got = para[layout]
        if not exp:
            continue
        p, r = hit / max(1, got), hit / max(1, exp)
        docs = sum(1 for _, lab in labels if (lab["form"] == "gold-json") == (layout != "native"))
        print(f"  {layout:8} {docs:5d} {exp:6d} {p:7.4f} {r:7.4f} {2 * p * r / max(1e-9, p + r):7.4f}")
    if args.verbose:
        for layout, bad in per_doc_bad.items():
            for name, hit, exp, got, missing, extra in bad:
                print(f"  [{layout}] {name}: {hit}/{exp} matched, {got} parsed")
                for k in list(missing)[:4]:
                    print(f"     - want {k[0]} {k[1]!r} {k[2][:100]!r}")
                for k in list(extra)[:4]:
                    print(f"     + got  {k[0]} {k[1]!r} {k[2][:100]!r}")
    print("Facts (per kind, on checked labels; key = kind, value, entity, paragraph)")
    print(f"  {'kind':24} {'want':>5} {'got':>5} {'P':>7} {'R':>7}")
    for kind in sorted(facts):
        c = facts[kind]
        print(f"  {kind:24} {c['tp'] + c['fn']:5d} {c['tp'] + c['fp']:5d} {_ratio(c, 'fp'):7.4f} {_ratio(c, 'fn'):7.4f}")
    c = total({kind: counts for kind, counts in facts.items() if kind != "operative_verb"})
    print(f"  {'all but operative_verb':24} {c['tp'] + c['fn']:5d} {c['tp'] + c['fp']:5d} "
          f"{_ratio(c, 'fp'):7.4f} {_ratio(c, 'fn'):7.4f}")
    print(f"  invented dates/ceilings/periods (values not in the labels): {len(invented)}")
    for name, key in invented:
        print(f"     {name}: {key}")
    print(f"Front matter (symbol, adopted_on, meeting): {front_ok}/{front_all} correct")
    heldout(args.verbose, args.only)
    throughput(labels)
    if not args.only:
        import pdflayers

        pdflayers.main(args.verbose)
    return 0


def heldout(verbose: bool = False, only: str | None = None) -> None:
    """Per-fact precision/recall on the hand-labelled sets that development never saw."""
    labels = [(p.stem, json.loads(p.read_text())) for p in sorted((HELDOUT / "labels").glob("*.json"))]
    labels = [(n, lab) for n, lab in labels if not only or only in n]
    titles = {1: "batch 1: labelled before any extractor change; the fixes were then made against it",
              2: "batch 2: labelled after the fixes, before the fixed extractor was run on it"}
    for batch in sorted({lab.get("batch", 1) for _, lab in labels}):
        _heldout_table([(n, lab) for n, lab in labels if lab.get("batch", 1) == batch], titles.get(batch, ""), verbose)


def _heldout_table(labels: list[tuple[str, dict]], title: str, verbose: bool) -> None:
    strict = defaultdict(Counter)   # kind → tp/fp/fn on (kind, value, entity, paragraph)
    loose = defaultdict(Counter)    # kind → tp/fp/fn on (kind, value, paragraph)
    invented = []
    for name, label in labels:
        if label["form"] == "gold-json":
            text = render(label, "web")
        else:
            text = (HELDOUT / label["source"]).read_text(encoding="utf-8")
        parsed = parse(text)
        kinds = set(label["kinds"])
        have_facts = [f.to_json() for f in parsed.facts if f.kind in kinds]
        for f in have_facts:
            assert f["evidence"] and f["evidence"] in text, (name, f)
        tally(label["facts"], have_facts, fact_key, into=strict)
        tally(label["facts"], have_facts, value_key, into=loose)
        if verbose:
            for status, k in mismatches(label["facts"], have_facts):
                print(f"  heldout {name}: {status} {k}")
        invented += [(name, f["kind"], f["value"], f["paragraph"]) for f in invented_values(label["facts"], have_facts)]
    print(f"Held-out facts (hand-labelled, unseen during development: {len(labels)} texts, "
          f"tests/fixtures/text/heldout)\n  {title}")
    print(f"  {'kind':24} {'want':>5} {'got':>5} {'P':>7} {'R':>7}   {'P(value)':>8} {'R(value)':>8}")
    totals = {"strict": Counter(), "loose": Counter()}
    for kind in sorted(set(strict) | set(loose)):
        s, v = strict[kind], loose[kind]
        totals["strict"].update(s)
        totals["loose"].update(v)
        print(f"  {kind:24} {s['tp'] + s['fn']:5d} {s['tp'] + s['fp']:5d} {_ratio(s, 'fp'):7.4f} {_ratio(s, 'fn'):7.4f}"
              f"   {_ratio(v, 'fp'):8.4f} {_ratio(v, 'fn'):8.4f}")
    s, v = totals["strict"], totals["loose"]
    print(f"  {'all':24} {s['tp'] + s['fn']:5d} {s['tp'] + s['fp']:5d} {_ratio(s, 'fp'):7.4f} {_ratio(s, 'fn'):7.4f}"
          f"   {_ratio(v, 'fp'):8.4f} {_ratio(v, 'fn'):8.4f}")
    print(f"  invented dates/ceilings/periods (values not in the labels): {len(invented)}")
    for item in invented:
        print(f"     {item}")


def _ratio(c: Counter, miss: str) -> float:
    return c["tp"] / max(1, c["tp"] + c[miss])


def throughput(labels: list[tuple[str, dict]]) -> None:
    big = [lab for _, lab in labels if lab["form"] == "gold-json"]
    big.sort(key=lambda lab: -len(flatten(lab["paragraphs"])))
    texts = []
    for lab in big[:6]:
        for layout in LAYOUTS:
            texts.append((len(flatten(lab["paragraphs"])), render(lab, layout)))
    n_paras = sum(n for n, _ in texts) / len(texts)
    n_chars = sum(len(t) for _, t in texts) / len(texts)
    start = time.process_time()
    runs = 0
    while time.process_time() - start < 3.0:
        for _, text in texts:
            parse(text)
            runs += 1
    elapsed = time.process_time() - start
    print(f"Throughput: {runs / elapsed:.1f} parses/s on one core "
          f"(mean {n_paras:.0f} paragraphs, {n_chars / 1000:.0f} kB per text, {runs} parses, all layouts)")


if __name__ == "__main__":
    sys.exit(main())
