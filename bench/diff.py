"""Benchmark `models.text.diff.compare` against difflib, on real renewals.

    .venv/bin/python bench/diff.py [--repeat N]

For the 20 largest renewal pairs in tests/fixtures/diff (consecutive resolutions of one
mission, see series.tsv there) it prints, side by side and in one run, the median time
per comparison of

- `compare` (paragraph alignment, word diffs inside pairs, facts delta, summary),
- difflib's line diff (`unified_diff` over the texts' lines: one paragraph a line, as
  `ParsedText.canonical_text()` stores them; and the same text wrapped at 80 columns,
  as a PDF text layer reads),
- a word-level `SequenceMatcher` over the same texts' words,

and the ratios; then a quality figure (paragraphs `compare` reports changed against lines
the line diff reports changed) and a worst case: two unrelated ~100-page texts.
"""
from __future__ import annotations

import argparse
import difflib
import re
import statistics
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models.text.diff import compare  # noqa: E402
from models.text.structure import ParsedText  # noqa: E402
from models.text.undocs_json import load_file  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "diff"
TARGET_RATIO = 3.0


def series() -> dict[str, list[str]]:
    lines = (FIXTURES / "series.tsv").read_text().splitlines()[1:]
    return {line.split("\t")[0]: line.split("\t")[1].split() for line in lines}


def largest_pairs(count: int) -> list[tuple[str, str, str]]:
    pairs = [(m, a, b) for m, files in series().items() for a, b in zip(files, files[1:])]
    size = {f: (FIXTURES / f).stat().st_size for _, a, b in pairs for f in (a, b)}
    return sorted(pairs, key=lambda p: size[p[1]] + size[p[2]], reverse=True)[:count]


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line_diff(old: str, new: str) -> list[str]:
    return list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0))


def wrapped(text: str) -> str:
    return "\n".join(line for para in text.splitlines() for line in textwrap.wrap(para, 80))


def word_diff(old: str, new: str) -> list:
    return difflib.SequenceMatcher(None, old.split(), new.split()).get_opcodes()


def changed_lines(diff: list[str]) -> tuple[int, int, int]:
    """('-' lines, '+' lines, of those, lines whose paragraph text did not change: only its
    number or place did)."""
    minus = [line[1:] for line in diff if line[:1] == "-" and not line.startswith("---")]
    plus = [line[1:] for line in diff if line[:1] == "+" and not line.startswith("+++")]
    unnumbered = lambda line: re.sub(r"^\S+\.\s", "", line)  # noqa: E731
    same = set(map(unnumbered, minus)) & set(map(unnumbered, plus))
    noise = sum(unnumbered(x) in same for x in minus) + sum(unnumbered(x) in same for x in plus)
    return len(minus), len(plus), noise


def big_text(files: list[str], size: int) -> ParsedText:
    paragraphs, total = [], 0
    for name in files:
        for p in load_file(FIXTURES / name).paragraphs:
            paragraphs.append(p)
            total += sum(len(q.text) for q in p.walk())
            if total >= size:
                return ParsedText(paragraphs=paragraphs)
    return ParsedText(paragraphs=paragraphs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per comparison (median taken)")
    args = parser.parse_args()

    rows = []
    kinds: dict[str, int] = {}
    line_totals = [0, 0, 0]
    print(f"{'pair':32} {'chars':>7} {'compare':>9} {'lines':>8} {'80-col':>8} {'words':>9} {'cmp/line':>8} "
          f"{'changed':>7} {'renum':>5} {'lines±':>6}")
    for mission, a, b in largest_pairs(20):
        old, new = load_file(FIXTURES / a), load_file(FIXTURES / b)
        old_text, new_text = old.canonical_text(), new.canonical_text()
        t_cmp = median_time(lambda: compare(old, new), args.repeat)
        t_line = median_time(lambda: line_diff(old_text, new_text), args.repeat)
        old_wrapped, new_wrapped = wrapped(old_text), wrapped(new_text)
        t_wrap = median_time(lambda: line_diff(old_wrapped, new_wrapped), args.repeat)
        t_word = median_time(lambda: word_diff(old_text, new_text), args.repeat)
        result = compare(old, new)
        changed = sum(1 for e in result.paragraphs if e.change not in ("unchanged", "renumbered"))
        renumbered = sum(1 for e in result.paragraphs if e.change == "renumbered")
        for e in result.paragraphs:
            kinds[e.change] = kinds.get(e.change, 0) + 1
        minus, plus, noise = changed_lines(line_diff(old_text, new_text))
        lines = minus + plus
        line_totals[0] += minus
        line_totals[1] += plus
        line_totals[2] += noise
        name = f"{mission} {a[6:-5]}→{b[6:-5]}"
        chars = len(old_text) + len(new_text)
        rows.append((t_cmp, t_line, t_word, t_wrap, changed, renumbered, lines))
        print(f"{name:32} {chars:7d} {t_cmp * 1e3:7.1f}ms {t_line * 1e3:6.2f}ms {t_wrap * 1e3:6.2f}ms "
              f"{t_word * 1e3:7.1f}ms {t_cmp / t_line:7.0f}× {changed:7d} {renumbered:5d} {lines:6d}")

    med = [statistics.median(r[k] for r in rows) for k in range(4)]
    print()
    print(f"median per comparison over {len(rows)} pairs ({args.repeat} runs each):")
    print(f"  compare (this diff)        {med[0] * 1e3:8.2f} ms")
    print(f"  difflib line diff          {med[1] * 1e3:8.2f} ms   (80-column lines: {med[3] * 1e3:.2f} ms)")
    print(f"  difflib word SequenceMatch {med[2] * 1e3:8.2f} ms")
    print(f"  ratio compare / line diff  {med[0] / med[1]:8.1f}×   (target ≤ {TARGET_RATIO:.0f}×: "
          f"{'met' if med[0] / med[1] <= TARGET_RATIO else 'NOT met'}; against 80-column lines "
          f"{med[0] / med[3]:.1f}×)")
    print(f"  ratio word diff / line diff{med[2] / med[1]:8.1f}×")
    print(f"  ratio compare / word diff  {med[0] / med[2]:8.2f}×")
    print()
    print("quality: what a reader must look at, summed over the pairs")
    print(f"  paragraphs this diff reports changed   {sum(r[4] for r in rows):6d}   ("
          + ", ".join(f"{kinds.get(k, 0)} {k}" for k in ("inserted", "deleted", "edited", "moved", "split", "merged"))
          + f"; besides, {kinds.get('renumbered', 0)} renumbered and {kinds.get('unchanged', 0)} unchanged)")
    print(f"  lines the line diff reports changed    {sum(r[6] for r in rows):6d}   ({line_totals[0]} '-' and "
          f"{line_totals[1]} '+' lines, one paragraph a line; {line_totals[2]} of them are paragraphs whose "
          "text did not change, only their number or place)")

    by_mission = series()
    monusco = by_mission.pop("MONUSCO")
    others = [f for files in by_mission.values() for f in files]
    old, new = big_text(monusco, 300_000), big_text(others, 300_000)
    old_text, new_text = old.canonical_text(), new.canonical_text()
    print()
    print(f"worst case: two unrelated texts of {len(old_text):,} and {len(new_text):,} characters "
          f"(~{len(old_text) // 3500} pages each), median of 3")
    t_cmp = median_time(lambda: compare(old, new), 3)
    t_line = median_time(lambda: line_diff(old_text, new_text), 3)
    t_word = median_time(lambda: word_diff(old_text, new_text), 1)
    print(f"  compare {t_cmp:.3f} s   line diff {t_line:.3f} s   word SequenceMatcher {t_word:.3f} s (1 run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
