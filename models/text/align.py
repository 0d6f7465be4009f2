"""Pair the paragraphs of two drafts by content, not by number.

An operative paragraph inserted at position 3 is one insertion; OPs 4..n that follow it
are the same paragraphs renumbered, not n-3 edits. The steps, each bounded:

1. identical paragraphs (layout aside) pair up, i-th copy with i-th copy;
2. the longest chain of them in reading order is the skeleton; the rest moved;
3. a paragraph cut in two ("…; and" / "Further decides …") or two run together is
   found among what is left, by word containment;
4. between two skeleton pairs, edited paragraphs pair by word similarity, in order;
5. whatever still pairs well across the document moved (and maybe was edited);
6. a final longest chain over all pairs decides which pairs are "in order".

Similarity is a Dice score over content-word bags, rare words weighing more (inverse
document frequency over the two texts); candidates come from an inverted index over
each paragraph's rarest words, so no step compares all paragraphs with all.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from itertools import chain as concat
from operator import itemgetter

from .tokens import Scorer, idf, overlap

#: Least similarity for two paragraphs in the same stretch to count as one edited.
GAP_SIMILARITY = 0.35
#: Least similarity for a pair found anywhere else (moved and maybe edited).
MOVE_SIMILARITY = 0.5
#: A split/merged part must be this much contained in the whole; the joined parts must
#: be this similar to it, and beat the best single part by SPLIT_MARGIN (or by half of
#: what that part leaves unexplained); at most MAX_PARTS parts.
PART_CONTAINMENT = 0.8
SPLIT_SIMILARITY = 0.8
SPLIT_MARGIN = 0.05
#: A shorter paragraph (of at least GROWTH_MIN_WORDS distinct words) kept whole inside a
#: longer one (at most GROWTH_MAX_RATIO times its words) scores GROWTH_FACTOR.
GROWTH_FACTOR = 0.75
GROWTH_MIN_WORDS = 8
GROWTH_MAX_RATIO = 4
MAX_PARTS = 8
#: Candidate search: rarest words looked up per paragraph, postings per word, kept.
LOOKUP_WORDS = 12
MAX_POSTINGS = 32
CANDIDATES = 6
#: A stretch with at most this many old×new pairs is compared exhaustively.
EXHAUSTIVE_PAIRS = 1024


@dataclass
class Unit:
    """One paragraph (with its sub-paragraphs) as the aligner sees it."""

    signature: tuple
    bag: Counter
    own_bag: Counter | None = None  # the paragraph's own words, when it has children


def similarity(a: Unit, b: Unit, scorer: Scorer | None = None) -> float:
    """Weighted Dice over whole subtrees, with two allowances.

    A paragraph that grew ("Expresses its readiness to consider further steps …" with a
    new clause appended) scores by how much of the shorter one the longer keeps, at
    `GROWTH_FACTOR`; a parent whose own words stayed ("Decides that the mandate shall
    include the following tasks:") counts half by those words.
    """
    scorer = scorer or Scorer()
    (weighed_a, mass_a), (weighed_b, mass_b) = scorer.weigh(a.bag), scorer.weigh(b.bag)
    if not mass_a + mass_b:
        return 1.0
    common = overlap(weighed_a, weighed_b)
    score = 2.0 * common / (mass_a + mass_b)
    len_a, len_b = len(a.bag), len(b.bag)
    small, large = (len_a, len_b) if len_a <= len_b else (len_b, len_a)
    if small >= GROWTH_MIN_WORDS and large <= GROWTH_MAX_RATIO * small:
        # common / mass of the shorter one: how much of it the longer one kept
        shorter = mass_a if len_a <= len_b else mass_b
        score = max(score, GROWTH_FACTOR * common / shorter if shorter else 0.0)
    if a.own_bag is not None and b.own_bag is not None:
        if len(a.own_bag) >= 5 and len(b.own_bag) >= 5:
            score = max(score, 0.5 * (score + scorer.dice(a.own_bag, b.own_bag)))
    return score


@dataclass
class Link:
    """Old paragraphs `old` became new paragraphs `new` (either side may be empty)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float = 0.0
    exact: bool = False
    in_order: bool = True


@dataclass
class _State:
    old: list[Unit]
    new: list[Unit]
    old_used: list[bool] = field(default_factory=list)
    new_used: list[bool] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sims: dict[tuple[int, int], float] = field(default_factory=dict)
    old_candidates: list[list[int]] = field(default_factory=list)
    new_candidates: list[list[int]] = field(default_factory=list)
    scorer: Scorer = field(default_factory=Scorer)

    def sim(self, i: int, j: int) -> float:
        key = (i, j)
        if key not in self.sims:
            self.sims[key] = similarity(self.old[i], self.new[j], self.scorer)
        return self.sims[key]

    def take(self, link: Link) -> None:
        for i in link.old:
            self.old_used[i] = True
        for j in link.new:
            self.new_used[j] = True
        self.links.append(link)


def heaviest_chain(items: list[tuple[int, int, int, int, float]]) -> list[int]:
    """Indices of the heaviest chain of items strictly increasing on both sides.

    An item is (old_lo, old_hi, new_lo, new_hi, weight); the chain needs each item's
    old_lo > previous old_hi and new_lo > previous new_hi. O(k log k).
    """
    if not items:
        return []
    order = sorted(range(len(items)), key=lambda k: (items[k][0], -items[k][2]))
    finish = sorted(range(len(items)), key=lambda k: items[k][1])
    new_keys = sorted({it[3] for it in items})
    size = len(new_keys)
    tree_w = [0.0] * (size + 1)
    tree_k = [-1] * (size + 1)
    best_w = [0.0] * len(items)
    back = [-1] * len(items)

    def update(pos: int, weight: float, k: int) -> None:
        pos += 1
        while pos <= size:
            if weight > tree_w[pos]:
                tree_w[pos], tree_k[pos] = weight, k
            pos += pos & -pos

    def query(pos: int) -> tuple[float, int]:
        weight, k = 0.0, -1
        while pos > 0:
            if tree_w[pos] > weight:
                weight, k = tree_w[pos], tree_k[pos]
            pos -= pos & -pos
        return weight, k

    f = 0
    for k in order:
        old_lo, _, new_lo, _, weight = items[k]
        while f < len(finish) and items[finish[f]][1] < old_lo:
            done = finish[f]
            update(bisect_left(new_keys, items[done][3]), best_w[done], done)
            f += 1
        prev_w, prev_k = query(bisect_left(new_keys, new_lo))
        best_w[k], back[k] = prev_w + weight, prev_k
    k = max(range(len(items)), key=lambda x: best_w[x])
    chain = []
    while k != -1:
        chain.append(k)
        k = back[k]
    return chain[::-1]


def _candidates(source: list[Unit], target: list[Unit], wanted: list[bool]) -> list[list[int]]:
    """For each wanted source paragraph, the target paragraphs sharing most of its rare
    words (the others get none: paragraphs paired as identical need no candidates)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, unit in enumerate(target):
        for word in unit.bag:
            postings[word].append(j)
    rarity = {word: len(js) for word, js in postings.items()}
    firsts = {word: js[:MAX_POSTINGS] for word, js in postings.items()}
    result: list[list[int]] = []
    for unit, want in zip(source, wanted):
        if not want:
            result.append([])
            continue
        words = sorted(filter(rarity.__contains__, unit.bag), key=rarity.__getitem__)
        hits = Counter(concat.from_iterable(map(firsts.__getitem__, words[:LOOKUP_WORDS])))
        # most hits first, ties in order of first hit (what Counter.most_common gives)
        result.append([j for j, _ in sorted(hits.items(), key=itemgetter(1), reverse=True)[:CANDIDATES]])
    return result


def _exact(state: _State) -> list[Link]:
    """Identical paragraphs, i-th copy with i-th copy."""
    where: dict[tuple, deque[int]] = defaultdict(deque)
    for j, unit in enumerate(state.new):
        where[unit.signature].append(j)
    links = []
    for i, unit in enumerate(state.old):
        queue = where.get(unit.signature)
        if queue:
            links.append(Link((i,), (queue.popleft(),), 1.0, exact=True))
    return links


def _parts(state: _State, whole_is_old: bool) -> None:
    """Split (one old → consecutive new) or merged (consecutive old → one new) paragraphs."""
    wholes, pieces = (state.old, state.new) if whole_is_old else (state.new, state.old)
    whole_used, piece_used = (state.old_used, state.new_used) if whole_is_old else (state.new_used, state.old_used)
    piece_candidates = state.new_candidates if whole_is_old else state.old_candidates
    part_of: dict[int, list[int]] = defaultdict(list)  # whole → pieces it contains, in order
    for p, cands in enumerate(piece_candidates):
        if piece_used[p] or not pieces[p].bag:
            continue
        need = PART_CONTAINMENT * state.scorer.mass(pieces[p].bag) * (1.0 - 1e-9)
        for w in cands:
            # a whole lighter than PART_CONTAINMENT of the piece cannot contain that much of it
            if whole_used[w] or state.scorer.mass(wholes[w].bag) < need:
                continue
            if state.scorer.containment(pieces[p].bag, wholes[w].bag) >= PART_CONTAINMENT:
                part_of[w].append(p)
    scorer = state.scorer
    options = []
    for w, ps in part_of.items():
        whole = wholes[w].bag
        runs, run = [], [ps[0]]
        for p in ps[1:]:
            if p == run[-1] + 1:
                run.append(p)
            else:
                runs.append(run)
                run = [p]
        runs.append(run)
        for run in runs:
            for lo in range(len(run) - 1):
                joined: Counter[str] = Counter(pieces[run[lo]].bag)
                mass = scorer.mass(pieces[run[lo]].bag)
                single = scorer.dice(pieces[run[lo]].bag, whole)
                for hi in range(lo + 1, min(len(run), lo + MAX_PARTS)):
                    piece = pieces[run[hi]].bag
                    joined.update(piece)
                    mass += scorer.mass(piece)
                    single = max(single, scorer.dice(piece, whole))
                    score = 2.0 * scorer.common(joined, whole) / (mass + scorer.mass(whole))
                    # The parts together must explain the whole clearly better than the
                    # best part alone: by SPLIT_MARGIN, or by half of what it leaves out.
                    margin = min(SPLIT_MARGIN, 0.5 * (1.0 - single))
                    if score >= SPLIT_SIMILARITY and score > single and score - single >= margin:
                        options.append((score, w, tuple(run[lo:hi + 1])))
    for score, w, run in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
        if whole_used[w] or any(piece_used[p] for p in run):
            continue
        state.take(Link((w,), run, score) if whole_is_old else Link(run, (w,), score))


def _gaps(state: _State, anchors: list[Link]) -> list[tuple[range, range]]:
    """The stretches between consecutive skeleton pairs, on both sides."""
    bounds = [(-1, -1)] + [(a.old[-1], a.new[-1]) for a in anchors] + [(len(state.old), len(state.new))]
    spans = []
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        if i1 - i0 > 1 and j1 - j0 > 1:
            spans.append((range(i0 + 1, i1), range(j0 + 1, j1)))
    return spans


def _in_gaps(state: _State, anchors: list[Link]) -> None:
    """Edited paragraphs between two skeleton pairs, paired in reading order."""
    best_old: dict[int, float] = {}  # a paragraph's best similarity to any of its
    best_new: dict[int, float] = {}  # candidates, worked out when first asked for

    def near_best(i: int, j: int, s: float) -> bool:
        if i not in best_old:
            best_old[i] = max((state.sim(i, c) for c in state.old_candidates[i]), default=0.0)
        if s < best_old[i] - 0.2:
            return False
        if j not in best_new:
            best_new[j] = max((state.sim(c, j) for c in state.new_candidates[j]), default=0.0)
        return s >= best_new[j] - 0.2

    for olds, news in _gaps(state, anchors):
        free_old = [i for i in olds if not state.old_used[i]]
        free_new = [j for j in news if not state.new_used[j]]
        if not free_old or not free_new:
            continue
        if len(free_old) * len(free_new) <= EXHAUSTIVE_PAIRS:
            pairs = [(i, j) for i in free_old for j in free_new]
        else:
            pairs = [(i, j) for i in free_old for j in state.old_candidates[i] if j in news and not state.new_used[j]]
            pairs += [(i, j) for j in free_new for i in state.new_candidates[j] if i in olds and not state.old_used[i]]
            pairs = sorted(set(pairs))
        items = []
        for i, j in pairs:
            s = state.sim(i, j)
            if s >= GAP_SIMILARITY and near_best(i, j, s):
                items.append((i, i, j, j, s))
        for k in heaviest_chain(items):
            i, _, j, _, s = items[k]
            state.take(Link((i,), (j,), s))


def _anywhere(state: _State) -> None:
    """Pairs left that resemble each other wherever they stand: moved paragraphs."""
    pairs = {(i, j) for i, c in enumerate(state.old_candidates) for j in c}
    pairs |= {(i, j) for j, c in enumerate(state.new_candidates) for i in c}
    scored = sorted(((state.sim(i, j), i, j) for i, j in pairs
                     if not state.old_used[i] and not state.new_used[j]), reverse=True)
    for s, i, j in scored:
        if s < MOVE_SIMILARITY:
            break
        if not state.old_used[i] and not state.new_used[j]:
            state.take(Link((i,), (j,), s))


def align(old: list[Unit], new: list[Unit]) -> list[Link]:
    """Every old and every new paragraph in exactly one Link, pairs marked in order or not."""
    state = _State(old, new, [False] * len(old), [False] * len(new))
    exact = _exact(state)
    skeleton = [exact[k] for k in heaviest_chain([(l.old[0], l.old[0], l.new[0], l.new[0], 1.0) for l in exact])]
    for link in exact:
        state.take(link)
    if not (all(state.old_used) and all(state.new_used)):
        # Steps 3-5, on what identical paragraphs left (word weights from all of them).
        state.scorer = Scorer(idf(u.bag for u in old + new))
        state.old_candidates = _candidates(old, new, [not used for used in state.old_used])
        state.new_candidates = _candidates(new, old, [not used for used in state.new_used])
        _parts(state, whole_is_old=True)
        _parts(state, whole_is_old=False)
        _in_gaps(state, skeleton)
        _anywhere(state)
    paired = [l for l in state.links if l.old and l.new]
    # Fewest moves first; between equally long chains, the one whose pairs stay nearer
    # their place, then the more similar one.
    n, m = max(len(old), 1), max(len(new), 1)
    chain = set(heaviest_chain([
        (min(l.old), max(l.old), min(l.new), max(l.new),
         1.0 + 0.02 * (1.0 - abs(min(l.old) / n - min(l.new) / m)) + 0.01 * l.similarity)
        for l in paired
    ]))
    for k, link in enumerate(paired):
        link.in_order = k in chain
    links = paired
    links += [Link((i,), ()) for i, used in enumerate(state.old_used) if not used]
    links += [Link((), (j,)) for j, used in enumerate(state.new_used) if not used]
    return links
