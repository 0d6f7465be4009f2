"""Property tests: random edit scripts applied to real resolutions; the diff must report
exactly those edits.

An edit script inserts paragraphs (taken from resolutions on other missions), deletes,
moves (also moves and edits), splits, merges, edits words, and renumbers. Every original
paragraph is touched at most once. The base texts keep only paragraphs that do not
resemble one another (real resolutions repeat "Requests the Secretary-General to …"), and
inserted ones resemble none of them: otherwise "exactly those edits" is ambiguous.
"""
from __future__ import annotations

import os
import random
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from models.text.align import similarity
from models.text.diff import _Units, compare
from models.text.structure import Paragraph, ParsedText
from models.text.tokens import Scorer, idf, keys
from models.text.undocs_json import load_file
from models.text.wordiff import changed_tokens

FIXTURES = Path(__file__).parents[1] / "fixtures" / "diff"
BASES = ["S_RES_2674_2023.json", "S_RES_1773_2007.json", "S_RES_2682_2023.json", "S_RES_2709_2023.json"]
POOL = ["S_RES_2743_2024.json", "S_RES_2702_2023.json", "S_RES_2705_2023.json"]
VOCABULARY = ["forthwith", "notably", "expeditiously", "comprehensively", "robustly", "transparently",
              "unequivocally", "promptly", "vigorously", "steadfastly", "meaningfully", "decisively"]
STREAMS = ("preambular", "operative")
OPS = ("insert", "delete", "move", "move_edit", "edit", "edit_child", "split", "merge")
UNITS = _Units()


def _dissimilar(candidates: list[Paragraph], against: list[Paragraph], limit: float) -> list[Paragraph]:
    """Candidates resembling nothing in `against` (nor each other), weighted or not."""
    scorers = [Scorer(), Scorer(idf(UNITS.unit(p).bag for p in candidates + against))]
    kept: list[Paragraph] = []
    for p in candidates:
        u = UNITS.unit(p)
        others = against + kept
        if all(similarity(u, UNITS.unit(q), s) < limit for q in others for s in scorers):
            kept.append(p)
    return kept


def _base(name: str) -> dict[str, list[Paragraph]]:
    parsed = load_file(FIXTURES / name)
    streams = {}
    for kind in STREAMS:
        streams[kind] = _dissimilar([p for p in parsed.paragraphs if p.kind == kind], [], 0.25)
    return streams


BASE_STREAMS = [_base(name) for name in BASES]
_POOL_ALL = [p for name in POOL for p in load_file(FIXTURES / name).paragraphs
             if p.kind in STREAMS and not p.children and len(p.text.split()) >= 12]
POOLS = [_dissimilar(_POOL_ALL[:80], [q for s in base.values() for q in s], 0.2) for base in BASE_STREAMS]


@dataclass
class Item:
    text: str
    origin: tuple  # ("base", i) | ("insert", k) | ("split", i, part) | ("merge", i, j)
    children: tuple = ()
    edits: int = 0
    moved: bool = False
    child: int | None = None  # which sub-paragraph's words were edited


def _edit_words(text: str, rng: random.Random) -> tuple[str, int]:
    words = text.split(" ")
    # words standing alone: not after "troop-" (a suspended hyphen must keep its "and")
    spots = [k for k, w in enumerate(words) if w.isalpha() and not (k and words[k - 1].endswith("-"))]
    count = rng.randint(1, min(12, max(1, len(words) * 15 // 100)))
    fresh = [v for v in VOCABULARY if v not in text]
    for k in sorted(rng.sample(spots, min(count, len(spots))), reverse=True):
        action = rng.choice(("replace", "delete", "insert"))
        if action == "replace":
            words[k] = rng.choice(fresh)
        elif action == "delete":
            del words[k]
        else:
            words.insert(k, rng.choice(fresh))
    return " ".join(words), count


def _numbered(kind: str, items: list[Item], offset: int) -> list[Paragraph]:
    out = []
    for k, item in enumerate(items, 1):
        number = str(k + offset) if kind == "operative" else None
        anchor = f"op-{k + offset}" if kind == "operative" else f"pp-{k}"
        out.append(Paragraph(kind, number, item.text, anchor, item.children))
    return out


@st.composite
def scripts(draw):
    base = draw(st.integers(0, len(BASES) - 1))
    ops = draw(st.lists(st.tuples(st.sampled_from(OPS), st.sampled_from(STREAMS),
                                  st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=10))
    offset = draw(st.sampled_from((0, 0, 1)))  # 1: OPs renumbered from 2, as after a lost OP 1
    return base, ops, offset


def _apply(base: int, ops, offset: int):
    streams = BASE_STREAMS[base]
    pool = list(POOLS[base])
    state = {kind: [Item(p.text, ("base", i), p.children) for i, p in enumerate(streams[kind])] for kind in STREAMS}
    touched = {kind: set() for kind in STREAMS}
    deleted = {kind: [] for kind in STREAMS}
    moves = 0
    for op, kind, a, b in ops:
        items = state[kind]
        rng = random.Random(a * 7919 + b)
        free = [k for k, it in enumerate(items) if it.origin[0] == "base" and it.origin[1] not in touched[kind]]
        if op == "insert" and pool:
            items.insert(a % (len(items) + 1), Item(pool.pop(b % len(pool)).text, ("insert", len(pool))))
            continue
        if op == "edit_child":  # only paragraphs with a sub-paragraph of 12+ words to edit
            free = [k for k in free if any(len(c.text.split()) >= 12 and not c.children for c in items[k].children)]
        if not free:
            continue
        k = free[a % len(free)]
        item = items[k]
        i = item.origin[1]
        words = len(item.text.split())
        if op == "delete":
            touched[kind].add(i)
            deleted[kind].append(i)
            del items[k]
        elif op in ("move", "move_edit") and len(items) >= 4 and moves < 3:
            targets = [t for t in range(len(items)) if abs(t - k) >= 2]
            if not targets or (op == "move_edit" and words < 15):
                continue
            touched[kind].add(i)
            del items[k]
            item.moved = True
            if op == "move_edit":
                item.text, item.edits = _edit_words(item.text, rng)
            items.insert(min(targets[b % len(targets)], len(items)), item)
            moves += 1
        elif op == "edit_child" and item.children:
            kids = list(item.children)
            eligible = [c for c, kid in enumerate(kids) if len(kid.text.split()) >= 12 and not kid.children]
            c = eligible[b % len(eligible)]
            touched[kind].add(i)
            text, _ = _edit_words(kids[c].text, rng)
            kids[c] = replace(kids[c], text=text)
            item.children, item.child = tuple(kids), c
        elif op == "edit" and words >= 15:
            touched[kind].add(i)
            item.text, item.edits = _edit_words(item.text, rng)
        elif op == "split" and words >= 16 and not item.children:
            touched[kind].add(i)
            parts = item.text.split(" ")
            cut = rng.randint(6, len(parts) - 6)
            items[k:k + 1] = [Item(" ".join(parts[:cut]), ("split", i, 0)), Item(" ".join(parts[cut:]), ("split", i, 1))]
        elif op == "merge" and k + 1 < len(items):
            nxt = items[k + 1]
            if (nxt.origin == ("base", i + 1) and i + 1 not in touched[kind] and not item.children and not nxt.children
                    and words >= 6 and len(nxt.text.split()) >= 6):
                touched[kind] |= {i, i + 1}
                items[k:k + 2] = [Item(f"{item.text} {nxt.text}", ("merge", i, i + 1))]
    return state, deleted, moves


def _chain(pairs: list[tuple[int, int, int, int]]) -> int:
    """Longest chain strictly increasing on both sides (test's own O(n²) version)."""
    pairs = sorted(pairs)
    best = [1] * len(pairs)
    for x in range(len(pairs)):
        for y in range(x):
            if pairs[y][1] < pairs[x][0] and pairs[y][3] < pairs[x][2]:
                best[x] = max(best[x], best[y] + 1)
    return max(best, default=0)


@settings(max_examples=int(os.environ.get("DIFF_PROPERTY_EXAMPLES", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scripts())
def test_diff_reports_exactly_the_edits_made(script):
    base, ops, offset = script
    state, deleted, moves = _apply(base, ops, offset)
    streams = BASE_STREAMS[base]
    opening = Paragraph("opening", None, "The Security Council,")
    old_paras = {kind: _numbered(kind, [Item(p.text, ("base", i), p.children) for i, p in enumerate(streams[kind])], 0)
                 for kind in STREAMS}
    new_paras = {kind: _numbered(kind, state[kind], offset) for kind in STREAMS}
    old = ParsedText(paragraphs=[opening] + old_paras["preambular"] + old_paras["operative"])
    new = ParsedText(paragraphs=[replace(opening)] + new_paras["preambular"] + new_paras["operative"])

    expected: Counter = Counter({("opening", "unchanged", ("o", 0), ("n", 0)): 1})
    edits: dict[tuple, int] = {}
    for kind in STREAMS:
        items, paras = state[kind], new_paras[kind]
        pairs, moved_pairs = [], 0
        for j, item in enumerate(items):
            tag = item.origin[0]
            if tag == "base":
                pairs.append((item.origin[1], item.origin[1], j, j))
                moved_pairs += item.moved
            elif tag == "split" and item.origin[2] == 0:
                assume(j + 1 < len(items) and items[j + 1].origin == ("split", item.origin[1], 1))
                pairs.append((item.origin[1], item.origin[1], j, j + 1))
            elif tag == "merge":
                pairs.append((item.origin[1], item.origin[2], j, j))
        # The moves made must be the only reading: every pair not moved is in every longest chain.
        longest = _chain(pairs)
        assume(longest == len(pairs) - moved_pairs)
        for k, p in enumerate(pairs):
            item = items[p[2]]
            if not (item.origin[0] == "base" and item.moved):
                assume(_chain(pairs[:k] + pairs[k + 1:]) < longest)
        old_numbers = {i: p.number for i, p in enumerate(old_paras[kind])}
        for j, item in enumerate(items):
            tag, i = item.origin[0], item.origin[1] if len(item.origin) > 1 else None
            new_ref = ("n", kind, j)
            if tag == "insert":
                expected[(kind, "inserted", None, new_ref)] += 1
            elif tag == "base":
                if item.moved:
                    change = "moved"
                elif item.edits or item.child is not None:
                    change = "edited"
                else:
                    change = "renumbered" if old_numbers[i] != paras[j].number else "unchanged"
                expected[(kind, change, ("o", kind, i), new_ref)] += 1
                edits[(kind, i)] = item.edits
            elif tag == "split" and item.origin[2] == 0:
                expected[(kind, "split", ("o", kind, i), (new_ref, ("n", kind, j + 1)))] += 1
            elif tag == "merge":
                expected[(kind, "merged", (("o", kind, i), ("o", kind, item.origin[2])), new_ref)] += 1
        for i in deleted[kind]:
            expected[(kind, "deleted", ("o", kind, i), None)] += 1

    where_old = {id(p): ("o", k, i) for k in STREAMS for i, p in enumerate(old_paras[k])}
    where_new = {id(p): ("n", k, j) for k in STREAMS for j, p in enumerate(new_paras[k])}
    where_old[id(opening)] = ("o", 0)
    where_new[id(new.paragraphs[0])] = ("n", 0)

    def side(paras, where):
        refs = [where[id(p)] for p in paras]
        return None if not refs else refs[0] if len(refs) == 1 else tuple(refs)

    for change in {key[1] for key in expected}:
        event(change)  # shown by --hypothesis-show-statistics
    if any(it.child is not None for items in state.values() for it in items):
        event("sub-paragraph edited")
    result = compare(old, new)
    got = Counter((e.kind, e.change, side(e.old, where_old), side(e.new, where_new)) for e in result.paragraphs)
    assert got == expected

    for e in result.paragraphs:
        if e.kind in STREAMS and e.change in ("edited", "moved", "unchanged", "renumbered"):
            item = next(it for it in state[e.kind] if it.origin == ("base", where_old[id(e.old[0])][2]))
            changed_children = [(c.change, k) for k, c in enumerate(e.children) if c.change != "unchanged"]
            assert changed_children == ([] if item.child is None else [("edited", item.child)])
        if e.change in ("edited", "moved"):
            made = edits[(e.kind, where_old[id(e.old[0])][2])]
            assert bool(e.words) == bool(made)
            if made:
                assert keys("".join(t for op, t in e.words if op != "insert")) == keys(e.old_text)
                assert keys("".join(t for op, t in e.words if op != "delete")) == keys(e.new_text)
                assert changed_tokens(e.words) <= 2 * made + 2
        elif e.change in ("unchanged", "renumbered", "split", "merged"):
            assert not [w for w in e.words if w[0] != "equal"]
    counts = Counter()
    for (kind, change, _, _), n in expected.items():
        counts[(kind, change)] += n
    assert {(k, c): n for k, per in result.counts.items() for c, n in per.items()} == dict(counts)
