"""Spelling and punctuation variants: changes a negotiator does not count.

"United Nations Organisation Stabilisation Mission" in one text and "United Nations
Organization Stabilization Mission" in the next (British and American spelling: the
Secretariat's editors switch), "co-operation" / "cooperation", "programme" / "program",
"labour" / "labor", a serial comma added or a ";" that became "," — the same words.
Each run of changed words is folded on both sides (punctuation dropped, hyphens joined,
British spellings mapped to American ones, case kept); if the folds are equal, the run
is a variant: it does not make a paragraph "edited", and pages show it as unchanged
text unless the reader asks to see variants.
"""
from __future__ import annotations

import re
from typing import Sequence

from .tokens import keys

Chunk = tuple[str, str]

# Whole words whose spellings differ by more than a suffix rule catches.
_WORDS = {
    "programme": "program", "programmes": "programs", "judgement": "judgment", "judgements": "judgments",
    "acknowledgement": "acknowledgment", "ageing": "aging", "enrol": "enroll", "enrolment": "enrollment",
    "fulfil": "fulfill", "fulfilment": "fulfillment", "instalment": "installment", "towards": "toward",
    "whilst": "while", "amongst": "among", "grey": "gray", "cheque": "check", "manoeuvre": "maneuver",
    "paediatric": "pediatric", "defence": "defense", "offence": "offense", "licence": "license",
    "pretence": "pretense", "centre": "center", "centres": "centers", "theatre": "theater", "metre": "meter",
    "metres": "meters", "kilometre": "kilometer", "kilometres": "kilometers", "litre": "liter", "fibre": "fiber",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled", "cancelling": "canceling",
    "labelled": "labeled", "labelling": "labeling", "modelled": "modeled", "modelling": "modeling",
    "fuelled": "fueled", "fuelling": "fueling", "signalled": "signaled", "signalling": "signaling",
    "counselled": "counseled", "counselling": "counseling", "channelled": "channeled", "channelling": "channeling",
    "levelled": "leveled", "totalling": "totaling", "totalled": "totaled",
}
# -our words (only these: "four" and "our" must stay themselves).
_OUR = ("labour", "favour", "honour", "behaviour", "colour", "neighbour", "endeavour", "harbour", "vigour",
        "rumour", "armour", "humour", "valour", "saviour", "flavour", "savour", "parlour", "splendour")
_OUR_RE = re.compile(r"^(" + "|".join(w[:-3] for w in _OUR) + r")our(s|ed|ing|ite|ites|able|ably|hood|hoods|ly)?$")
# -ise/-ize and -yse/-yze with their inflections: both sides fold the same way, so an
# -ise word with no -ize spelling ("otherwise") is folded identically on both sides.
_ISE = re.compile(r"([a-z]{2,})(is|ys)(e|es|ed|ing|er|ers|ation|ations|ational)$")


def fold_word(word: str) -> str:
    """A word as variants compare it: British → American spelling, hyphens dropped."""
    lower = word.lower()
    folded = lower.replace("-", "").replace("'", "")
    if folded in _WORDS:
        folded = _WORDS[folded]
    else:
        match = _OUR_RE.match(folded)
        if match:
            folded = match.group(1) + "or" + (match.group(2) or "")
        else:
            folded = _ISE.sub(lambda m: m.group(1) + ("iz" if m.group(2) == "is" else "yz") + m.group(3), folded)
    # keep the case of the first letter: "Decides" → "decides" is a change
    return (folded[:1].upper() + folded[1:]) if word[:1].isupper() else folded


def fold(text: str) -> tuple[str, ...]:
    """The words of `text` folded, punctuation left out."""
    return tuple(fold_word(k) for k in keys(text) if k[0].isalnum() or k[0] == "_")


def variant_chunks(chunks: Sequence[Chunk]) -> list[int]:
    """Indices of the delete/insert chunks that belong to variant-only runs (a run is the
    delete and insert chunks between two equal chunks); the chunks themselves stay as
    they are, so equal + delete still rebuild the old text and equal + insert the new."""
    found: list[int] = []
    index = 0
    while index < len(chunks):
        if chunks[index][0] == "equal":
            index += 1
            continue
        start = index
        while index < len(chunks) and chunks[index][0] != "equal":
            index += 1
        run = chunks[start:index]
        deleted = "".join(t for o, t in run if o == "delete")
        inserted = "".join(t for o, t in run if o == "insert")
        if fold(deleted) == fold(inserted):
            found.extend(range(start, index))
    return found
