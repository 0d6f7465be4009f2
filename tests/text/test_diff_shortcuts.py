"""The shortcuts `compare` takes for speed give exactly what the plain computation gives.

Word bags are weighed once, sub-paragraph bags are summed into their parent's, bag words
are memoised, candidate lists are built only for paragraphs left unpaired: each is checked
here against the straightforward way of computing the same thing.
"""
from __future__ import annotations

from collections import Counter
from itertools import chain
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from models.text.align import CANDIDATES, LOOKUP_WORDS, MAX_POSTINGS, _candidates
from models.text.diff import _Units
from models.text.tokens import STOPWORDS, Scorer, _common, _mass, bag, keys, pieces
from models.text.undocs_json import load_file
from models.text.wordiff import diff_words, word_diff

FIXTURES = Path(__file__).parents[1] / "fixtures" / "diff"
# MONUSCO 2765 (2024): operative paragraphs with (a), (i) and dashes below them.
NESTED = load_file(FIXTURES / "S_RES_2765_2024.json")
EARLIER = load_file(FIXTURES / "S_RES_2717_2023.json")

WORDS = st.sampled_from("council mandate decides extend troops police mission report".split())
BAGS = st.dictionaries(WORDS, st.integers(1, 5)).map(Counter)


@settings(max_examples=300, deadline=None)
@given(BAGS, BAGS, st.dictionaries(WORDS, st.floats(0.01, 9.0)), st.booleans())
def test_weighed_bags_give_the_plain_sums_exactly(a, b, weights, weighted):
    weights = weights if weighted else None
    scorer = Scorer(weights)
    assert scorer.mass(a) == _mass(a, weights)
    assert scorer.shared(a, b) == _common(a, b, weights)
    assert scorer.shared(a, b) == scorer.shared(a, b)  # the second time from the kept weights
    total = _mass(a, weights) + _mass(b, weights)
    assert scorer.dice(a, b) == (2.0 * _common(a, b, weights) / total if total else 1.0)


def test_memoised_bags_are_the_plain_bags_in_the_same_order():
    memo: dict[str, str] = {}
    for paragraph in NESTED.paragraphs + EARLIER.paragraphs:
        words = keys(paragraph.text)
        lowered = [k.lower() for k in words if k[0].isalnum() or k[0] == "_"]
        plain = Counter(w for w in lowered if w not in STOPWORDS)
        assert list(bag(words, memo).items()) == list(plain.items())
        assert list(bag(iter(words)).items()) == list(plain.items())


def test_a_parents_unit_is_its_whole_subtree_read_in_order():
    nested = [p for p in NESTED.paragraphs if p.children]
    assert any(c.children for p in nested for c in p.children)  # two levels deep
    units = _Units()
    for paragraph in nested:
        unit = units.unit(paragraph)
        parts = tuple(tuple(keys(q.text)) for q in paragraph.walk())
        assert unit.signature == parts
        assert list(unit.bag.items()) == list(bag(chain.from_iterable(parts)).items())
        assert list(unit.own_bag.items()) == list(bag(parts[0]).items())


def test_cached_words_line_up_with_the_keys():
    units = _Units()
    for paragraph in NESTED.paragraphs + EARLIER.paragraphs:
        for q in paragraph.walk():
            assert len(units.words(q)) == len(units.own(q))
            assert (list(units.own(q)), units.words(q)) == pieces(q.text)
    old, new = EARLIER.paragraphs[-1], NESTED.paragraphs[-1]
    assert diff_words(units.own(old), units.words(old), units.own(new), units.words(new)) == word_diff(old.text, new.text)


def _plain_candidates(source, target):
    postings: dict[str, list[int]] = {}
    for j, unit in enumerate(target):
        for word in unit.bag:
            postings.setdefault(word, []).append(j)
    result = []
    for unit in source:
        words = sorted((w for w in unit.bag if w in postings), key=lambda w: len(postings[w]))
        hits: Counter[int] = Counter()
        for word in words[:LOOKUP_WORDS]:
            for j in postings[word][:MAX_POSTINGS]:
                hits[j] += 1
        result.append([j for j, _ in hits.most_common(CANDIDATES)])
    return result


def test_candidates_only_for_paragraphs_still_unpaired():
    units = _Units()
    old = [units.unit(p) for p in EARLIER.paragraphs if p.kind == "operative"]
    new = [units.unit(p) for p in NESTED.paragraphs if p.kind == "operative"]
    assert len(old) > 40 and len(new) > 40
    wanted = [i % 3 != 0 for i in range(len(old))]
    plain = _plain_candidates(old, new)
    got = _candidates(old, new, wanted)
    assert got == [c if w else [] for c, w in zip(plain, wanted)]
    assert any(plain)
