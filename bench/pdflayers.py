"""Real PDF text layers in bench/extraction.py: structure on every layer of the corpus,
paragraphs and facts against hand labels, votes of meeting records.

    .venv/bin/python bench/extraction.py --pdf

- Structure on all 1,230 layers of `../shared/corpus/resolutions/un-pdf-text-layers-1994-2014`
  (skipped when the corpus is absent): operative numbering 1..n, furniture tokens left in
  paragraphs (target 0), parses per second on one core.
- Paragraph F1 (kind, number, text) of the PDF layers in tests/fixtures/text/pairs against the
  gold paragraph labels of the same resolutions: the dev labels, then the held-out ones.
- Facts (7 kinds) on PDF layers: the dev labels' resolutions (tuned on in their web form), the
  held-out labels' (not tuned on), and tests/fixtures/text/pdf_heldout (20 layers labelled by
  hand from the raw text: batch 1 of 12, whose first run is recorded and which fixes were then
  made against; batch 2 of 8, labelled after those fixes and never tuned on).
- Votes read from the 1994–2014 meeting records against the per-member voting dataset.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from factscore import fact_key, invented, mismatches, tally, value_key
from layouts import flatten

from models.text import parse

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "text"
CORPUS = ROOT.parent / "shared" / "corpus"
LAYERS = CORPUS / "resolutions" / "un-pdf-text-layers-1994-2014"
RECORDS = CORPUS / "meeting-records-pv-1994-2014"
VOTING = CORPUS / "datasets" / "sc-voting-1994-2026" / "sc_voting_oliverunv_b4aa6cb.xlsx"
KINDS = ("mandate_end", "mandate_period_months", "troop_ceiling", "police_ceiling", "chapter_vii",
         "all_necessary_measures", "reporting_cycle")
#: Furniture that leaked into a paragraph: a job number in any glued form, a barcode, a
#: continuation mark, a reissue note, a running header alone.
LEAK = re.compile(r"\d{2}-\d{5}|\*\d{7}\*|/\.\.\.|Reissued for technical|^S/RES/\d+ ?\(\d{4}\)\*?$|^Page \d+$")


def numbering_ok(parsed) -> bool:
    """Numbered operative paragraphs run 1..n; no unnumbered one among them (one unnumbered
    operative paragraph alone is a one-paragraph resolution). Lettered parts restart nothing."""
    ops = [p for p in parsed.paragraphs if p.kind == "operative"]
    numbers = [p.number for p in ops if p.number]
    if not numbers:
        return len(ops) <= 1 or all(p.text[:1].isupper() for p in ops)
    return numbers == [str(n) for n in range(1, len(numbers) + 1)] and len(numbers) == len(ops)


def structure(verbose: bool) -> None:
    if not LAYERS.is_dir():
        print("PDF layers: corpus absent, skipped")
        return
    files = sorted(LAYERS.glob("*.txt"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in files]
    bad, leaks = [], []
    start = time.process_time()
    parsed_all = [(name, parse(text)) for name, text in texts]
    elapsed = time.process_time() - start
    for name, parsed in parsed_all:
        if not numbering_ok(parsed):
            bad.append(name)
        for top in parsed.paragraphs:
            for p in top.walk():
                for m in LEAK.finditer(p.text):
                    leaks.append((name, p.anchor, m.group(0)))
    print(f"PDF layers (all {len(files)} of the corpus)")
    print(f"  operative numbering 1..n: {len(files) - len(bad)}/{len(files)}")
    print(f"  furniture tokens left in paragraphs: {len(leaks)}")
    print(f"  throughput: {len(files) / elapsed:.0f} resolutions/s on one core "
          f"(mean {sum(len(t) for _, t in texts) / len(texts) / 1000:.0f} kB)")
    if verbose:
        for name in bad:
            print(f"     numbering: {name}")
        for leak in leaks[:50]:
            print(f"     leak: {leak}")


def _labels(folder: Path) -> list[tuple[str, dict]]:
    return [(p.stem, json.loads(p.read_text())) for p in sorted(folder.glob("*.json"))]


def _pair_text(name: str) -> str | None:
    m = re.match(r"S_RES_(\d+)_(\d{4})", name)
    if not m:
        return None
    path = FIXTURES / "pairs" / f"S_RES_{int(m.group(1)):04d}_{m.group(2)}.pdf.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def paragraphs(verbose: bool) -> None:
    print("Paragraphs of real PDF layers (tests/fixtures/text/pairs) against gold labels (kind, number, text)")
    print(f"  {'labels':34} {'docs':>5} {'paras':>6} {'P':>7} {'R':>7} {'F1':>7}")
    for title, folder in (("dev (fixtures/text/labels)", FIXTURES / "labels"),
                          ("held-out (fixtures/text/heldout)", FIXTURES / "heldout" / "labels")):
        hit = exp = got = docs = 0
        for name, label in _labels(folder):
            text = _pair_text(name)
            if text is None or not label.get("paragraphs"):
                continue
            docs += 1
            want, have = Counter(flatten(label["paragraphs"])), Counter(flatten([p.to_json() for p in parse(text).paragraphs]))
            hit += sum((want & have).values())
            exp += sum(want.values())
            got += sum(have.values())
            if verbose and want != have:
                print(f"     {name}: {sum((want & have).values())}/{sum(want.values())}")
        p, r = hit / max(1, got), hit / max(1, exp)
        print(f"  {title:34} {docs:5d} {exp:6d} {p:7.4f} {r:7.4f} {2 * p * r / max(1e-9, p + r):7.4f}")


def facts(verbose: bool) -> None:
    print("Facts on real PDF layers (7 kinds; key = kind, value, entity, paragraph)")
    print(f"  {'set':50} {'docs':>4} {'want':>5} {'got':>5} {'P':>7} {'R':>7} {'invented':>8}   {'P(value)':>8} {'R(value)':>8}")
    sets = (
        ("dev labels, PDF layer (web form tuned on)", FIXTURES / "labels", None),
        ("held-out labels, PDF layer", FIXTURES / "heldout" / "labels", None),
        ("pdf_heldout batch 1 (12, fixes made after 1st run)", FIXTURES / "pdf_heldout" / "labels", FIXTURES / "pdf_heldout", 1),
        ("pdf_heldout batch 2 (8, never tuned on)", FIXTURES / "pdf_heldout" / "labels", FIXTURES / "pdf_heldout", 2),
    )
    for title, folder, base, *batch in sets:
        counts: dict[str, Counter] = defaultdict(Counter)
        by_value: dict[str, Counter] = defaultdict(Counter)
        made_up = docs = 0
        for name, label in _labels(folder):
            if batch and label.get("batch", 1) != batch[0]:
                continue
            text = (base / label["source"]).read_text(encoding="utf-8") if base else _pair_text(name)
            if text is None or label.get("facts") is None:
                continue
            docs += 1
            kinds = set(label.get("kinds") or KINDS) & set(KINDS)
            want = [f for f in label["facts"] if f["kind"] in kinds]
            have = [f.to_json() for f in parse(text).facts if f.kind in kinds]
            for f in have:
                assert f["evidence"] in text, (name, f)
            tally(want, have, fact_key, into=counts)
            tally(want, have, value_key, into=by_value)
            made_up += len(invented(want, have))
            if verbose:
                for status, key in mismatches(want, have):
                    print(f"     {name}: {status} {key}")
        c, v = Counter(), Counter()
        for kind_counts in counts.values():
            c.update(kind_counts)
        for kind_counts in by_value.values():
            v.update(kind_counts)
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        pv = v["tp"] / max(1, v["tp"] + v["fp"])
        rv = v["tp"] / max(1, v["tp"] + v["fn"])
        print(f"  {title:50} {docs:4d} {c['tp'] + c['fn']:5d} {c['tp'] + c['fp']:5d} {p:7.4f} {r:7.4f} {made_up:8d}"
              f"   {pv:8.4f} {rv:8.4f}")
        if verbose:
            for kind in sorted(counts):
                k = counts[kind]
                print(f"     {kind:24} tp {k['tp']} fp {k['fp']} fn {k['fn']}")


def votes(verbose: bool) -> None:
    if not RECORDS.is_dir() or not VOTING.exists():
        print("Votes: corpus absent, skipped")
        return
    try:
        from votescore import load_dataset, score
    except ImportError:
        print("Votes: openpyxl not installed (pip install -e '.[bench]'), skipped")
        return
    from models.text.meeting_record import read_meeting_record

    dataset = load_dataset(VOTING)
    start = time.process_time()
    records = [(p.stem, read_meeting_record(p.read_text(encoding="utf-8"))) for p in sorted(RECORDS.glob("*.txt"))]
    elapsed = time.process_time() - start
    out = score(records, dataset)
    print(f"Votes of {out['records']} meeting records (1994–2014) against the per-member voting dataset")
    print(f"  votes read: {out['votes_read']}; matched to the dataset (meeting, draft): {out['votes_matched']}")
    print(f"  dataset votes of these meetings found: {out['dataset_votes_found']}/{out['dataset_votes']}")
    print(f"  member votes right: {out['member_votes_right']}/{out['member_votes']} "
          f"({out['member_votes_right'] / max(1, out['member_votes']):.4f}); votes with every member right: "
          f"{out['votes_all_right']}/{out['votes_matched']}")
    print(f"  reading: {len(records) / elapsed:.0f} records/s on one core")
    if verbose:
        for name, draft, wrong in out["wrong"][:60]:
            print(f"     {name} {draft}: {wrong}")


def main(verbose: bool = False) -> None:
    structure(verbose)
    paragraphs(verbose)
    facts(verbose)
    votes(verbose)
