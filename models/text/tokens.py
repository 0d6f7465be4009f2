"""Words as a diff compares them: layout never counts, wording always does.

"Secretary-\\nGeneral", "Secretary- General" and "Secretary-General" are the same word;
“ ” and " are the same quote; a page header such as "23-22495 3/22" left inside a
paragraph is not a word at all. Case and spelling do count: "Decides" → "decides" is an
edit a negotiator wants to see.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import Iterable, Mapping

_FOLDS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
}
_INVISIBLE = {c: "" for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}


def _replace_all(text: str, table: dict[str, str]) -> str:
    """str.translate for a few characters, faster on mostly-ASCII text; lengths kept
    when each replacement is one character."""
    for char, replacement in table.items():
        if char in text:
            text = text.replace(char, replacement)
    return text

# "Secre-\ntary", "Secretary- General": a word broken at a line end.  Suspended hyphens,
# "troop- and police-contributing countries", "short- or long-term", are kept.
_BROKEN_WORD = re.compile(r"(?<=\w)([-\u2010\u2011\u00ad])[ \t]*(?:\r?\n[ \t]*|[ \t]+)(?!(?:and|or|nor|to|as)\b)(?=\w)")

# Page furniture that survives text extraction: "23-22495 (E)", "3/22 23-22495",
# "S/RES/2709 (2023) 23-22495 5/22".  A job number anchors the match.
_PAGE_NOISE = re.compile(
    r"(?:S/RES/\d+\s?\(\d{4}\)\s+)?(?:\b\d{1,3}/\d{1,3}\s+)?\b\d{2}-\d{5}\b(?:\s*\(E\))?"
    r"(?:\s+\d{1,3}/\d{1,3}\b)?(?:\s+S/RES/\d+\s?\(\d{4}\))?"
)

# Characters folded to "'" or "-" also join words ("MINUSCA’s", "2024–2025"), so a text
# and its folded copy split into the same tokens.
_JOINERS = "'-" + "".join(c for c, r in _FOLDS.items() if r in "'-")
_TOKEN_TEXT = (
    r"[A-Z]+(?:/[A-Za-z0-9.]*[A-Za-z0-9])+"   # symbols: S/2023/769, S/PRST/2018/18
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"           # 14,400
    r"|\d+\.\d+"                               # 2.5
    rf"|\w+(?:[{re.escape(_JOINERS)}]\w+)*"       # words, "Secretary-General", "MINUSCA’s"
    r"|\S"                                     # punctuation: one token per character
)
_TOKEN = re.compile(_TOKEN_TEXT)
_TOKEN_AND_GAP = re.compile(f"({_TOKEN_TEXT})(\\s*)")

#: Words too common to tell two Council paragraphs apart.
STOPWORDS = frozenset(
    "a an and as at be by for from in into is it its of on or that the their these this those to "
    "which with all also further including such under within".split()
)

_HYPHEN_SPACE = re.compile(r"[-\u2010\u2011]\s")
_JOB_NUMBER = re.compile(r"\d-\d{5}")


def clean(text: str) -> str:
    """The text a diff shows: NFKC, invisible characters gone, broken words rejoined,
    page furniture blanked. Other whitespace is kept (only ignored when comparing)."""
    text = text or ""
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        text = _replace_all(text, _INVISIBLE)
    if _HYPHEN_SPACE.search(text):
        text = _BROKEN_WORD.sub(r"\1", text)
    if _JOB_NUMBER.search(text):
        text = _PAGE_NOISE.sub(lambda m: " " * len(m.group()), text)
    return text


def _keys_of_clean(text: str) -> list[str]:
    """Quotes and dashes folded, inner hyphens dropped: "peace-keeping" and
    "peacekeeping", "MINUSCA’s" and "MINUSCA's" compare equal."""
    folded = text if text.isascii() else _replace_all(text, _FOLDS)
    found = _TOKEN.findall(folded)
    if "-" not in folded:
        return found
    return [t.replace("-", "") if "-" in t and len(t) > 1 else t for t in found]


def keys(text: str) -> list[str]:
    """Comparison keys of a raw paragraph text, one per word or punctuation mark."""
    return _keys_of_clean(clean(text))


def shown_words(text: str) -> list[tuple[str, str]]:
    """[(word as written, whitespace after it)] of a raw paragraph text, one per key."""
    return _TOKEN_AND_GAP.findall(clean(text))


def pieces(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(keys, [(word as written, whitespace after it)]) of a raw paragraph text."""
    shown = clean(text)
    return _keys_of_clean(shown), _TOKEN_AND_GAP.findall(shown)


def _content_word(key: str) -> str:
    """A key as a bag word: lower-cased, "" for punctuation and stopwords."""
    if not (key[0].isalnum() or key[0] == "_"):
        return ""
    word = key.lower()
    return "" if word in STOPWORDS else word


def bag(all_keys: Iterable[str], memo: dict[str, str] | None = None) -> Counter[str]:
    """The content words of a paragraph, lower-cased, for similarity; no punctuation.

    `memo` (key → bag word) may be shared by the calls of one comparison: a resolution
    says "Council" and "Decides" many times over.
    """
    all_keys = all_keys if isinstance(all_keys, (list, tuple)) else list(all_keys)
    memo = {} if memo is None else memo
    for key in set(all_keys).difference(memo):
        memo[key] = _content_word(key)
    return Counter(filter(None, map(memo.__getitem__, all_keys)))


def _mass(a: Counter[str], weights: Mapping[str, float] | None) -> float:
    if weights is None:
        return float(sum(a.values()))
    return sum(n * weights.get(w, 1.0) for w, n in a.items())


def _common(a: Counter[str], b: Counter[str], weights: Mapping[str, float] | None) -> float:
    shared = a.keys() & b.keys()
    if weights is None:
        return float(sum(min(a[w], b[w]) for w in shared))
    return sum(min(a[w], b[w]) * weights.get(w, 1.0) for w in shared)


def dice(a: Counter[str], b: Counter[str], weights: Mapping[str, float] | None = None) -> float:
    """Share of words two bags have in common, 0..1 (1 for two empty bags).

    With `weights` (e.g. inverse document frequencies) rare words count for more.
    """
    total = _mass(a, weights) + _mass(b, weights)
    if not total:
        return 1.0
    return 2.0 * _common(a, b, weights) / total


def containment(part: Counter[str], whole: Counter[str], weights: Mapping[str, float] | None = None) -> float:
    """Share of `part`'s words that `whole` also has, 0..1."""
    size = _mass(part, weights)
    if not size:
        return 0.0
    return _common(part, whole, weights) / size


def overlap(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The mass two weighed bags ({word: count × weight}) share.

    min(m·w, n·w) is min(m, n)·w exactly, so this is `_common`'s sum, term for term.
    """
    both = a.keys() & b.keys()
    return float(sum(map(min, map(a.__getitem__, both), map(b.__getitem__, both))))


class Scorer:
    """`dice` and `containment` under fixed word weights, each bag weighed once.

    A bag's weighed copy ({word: count × weight}) and its mass are kept by the bag's id
    (with the bag itself, so ids stay unique): bags passed in must not change after.
    """

    def __init__(self, weights: Mapping[str, float] | None = None) -> None:
        self.weights = weights
        self._weighed: dict[int, tuple[Mapping[str, float], float, Counter[str]]] = {}

    def weigh(self, a: Counter[str]) -> tuple[Mapping[str, float], float]:
        """(the bag weighed, its mass)."""
        hit = self._weighed.get(id(a))
        if hit is None:
            if self.weights is None:
                weighed: Mapping[str, float] = a
            else:
                get = self.weights.get
                weighed = {w: n * get(w, 1.0) for w, n in a.items()}
            # the same sum, in the same order, as `_mass`
            hit = self._weighed[id(a)] = (weighed, float(sum(weighed.values())), a)
        return hit[0], hit[1]

    def mass(self, a: Counter[str]) -> float:
        return self.weigh(a)[1]

    def shared(self, a: Counter[str], b: Counter[str]) -> float:
        """`common` of two bags that do not change."""
        return overlap(self.weigh(a)[0], self.weigh(b)[0])

    def dice(self, a: Counter[str], b: Counter[str]) -> float:
        (wa, mass_a), (wb, mass_b) = self.weigh(a), self.weigh(b)
        total = mass_a + mass_b
        return 2.0 * overlap(wa, wb) / total if total else 1.0

    def common(self, a: Counter[str], b: Counter[str]) -> float:
        """Weighted mass of the words `a` and `b` share (no caching: `a` may be temporary)."""
        return _common(a, b, self.weights)

    def containment(self, part: Counter[str], whole: Counter[str]) -> float:
        weighed, size = self.weigh(part)
        return overlap(weighed, self.weigh(whole)[0]) / size if size else 0.0


def idf(bags: Iterable[Counter[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over some paragraphs: log(1 + n/df)."""
    df: Counter[str] = Counter()
    n = 0
    for b in bags:
        n += 1
        df.update(b.keys())
    return {w: math.log(1.0 + n / d) for w, d in df.items()}
