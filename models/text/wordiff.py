"""Word-level operations inside one aligned pair of paragraphs.

"Decides to extend the mandate of MINUSCA until 15 November 2024;" against "… 2025;"
gives equal "Decides … November ", delete "2024", insert "2025", equal ";". Punctuation
marks are tokens of their own, so ";" → ", and" is a change of its own.

Each chunk's text is the words as written, with the spaces after them: the equal and
delete chunks rebuild the old text, the equal and insert chunks the new one (layout
aside: page furniture is left out, line breaks are kept).
Work is bounded: common ends are trimmed first; the middle goes to difflib's
SequenceMatcher (autojunk on long middles), and when its answer may not be the shortest
a shortest edit script of at most `MAX_EDITS` word operations is searched for (Myers'
O(ND) greedy search). Middles beyond `MAX_TOKENS` are reported as one replacement.
"""
from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from typing import Sequence

from .tokens import keys, pieces

#: Beyond this many tokens on either side (after trimming), no word diff is attempted.
MAX_TOKENS = 6000
#: Above this product of lengths, difflib may treat very common tokens as junk.
AUTOJUNK_ABOVE = 200 * 200
#: Edits of up to this many word insertions plus deletions are made minimal (the search
#: costs about MAX_EDITS² steps; beyond it difflib's heuristic answer stands).
MAX_EDITS = 40

Opcode = tuple[str, int, int, int, int]

Chunk = tuple[str, str]

Word = tuple[str, str]  # a word as written, the whitespace after it


def _shortest(a: Sequence[str], b: Sequence[str], max_edits: int) -> list[Opcode] | None:
    """A minimal edit script turning `a` into `b` as difflib-style opcodes, or None if it
    needs more than `max_edits` insertions and deletions. O((len(a)+len(b))·D)."""
    n, m = len(a), len(b)
    reach: dict[int, int] = {1: 0}  # diagonal k = x - y → furthest x reached
    trace: list[dict[int, int]] = []
    for d in range(max_edits + 1):
        trace.append(dict(reach))
        for k in range(-d, d + 1, 2):
            down = k == -d or (k != d and reach[k - 1] < reach[k + 1])
            x = reach[k + 1] if down else reach[k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            reach[k] = x
            if x >= n and y >= m:
                return _script(trace, n, m)
    return None


def _script(trace: list[dict[int, int]], n: int, m: int) -> list[Opcode]:
    """Walk the Myers trace back from (n, m) into opcodes."""
    steps: list[tuple[str, int, int]] = []  # ("equal"|"delete"|"insert", x, y) before the step
    x, y = n, m
    for d in range(len(trace) - 1, 0, -1):
        reach, k = trace[d], x - y
        down = k == -d or (k != d and reach[k - 1] < reach[k + 1])
        prev_k = k + 1 if down else k - 1
        prev_x = reach[prev_k]
        prev_y = prev_x - prev_k
        while x > prev_x + (0 if down else 1) and y > prev_y + (1 if down else 0):
            x, y = x - 1, y - 1
            steps.append(("equal", x, y))
        x, y = prev_x, prev_y
        steps.append(("insert", x, y) if down else ("delete", x, y))
    while x > 0 and y > 0:
        x, y = x - 1, y - 1
        steps.append(("equal", x, y))
    ops: list[Opcode] = []
    for kind, x, y in reversed(steps):
        di, dj = (1, 1) if kind == "equal" else (1, 0) if kind == "delete" else (0, 1)
        tag = "equal" if kind == "equal" else "replace"
        if ops and ops[-1][0] == tag:
            _, i1, _, j1, _ = ops[-1]
            ops[-1] = (tag, i1, x + di, j1, y + dj)
        else:
            ops.append((tag, x, x + di, y, y + dj))
    return ops


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """difflib opcodes over key lists, with common ends trimmed off first."""
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    if mid_a or mid_b:
        if len(mid_a) > MAX_TOKENS or len(mid_b) > MAX_TOKENS or not mid_a or not mid_b:
            ops.append(("replace", head, head + len(mid_a), head, head + len(mid_b)))
        else:
            junk = len(mid_a) * len(mid_b) > AUTOJUNK_ABOVE
            found = SequenceMatcher(None, mid_a, mid_b, autojunk=junk).get_opcodes()
            edits = sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in found if tag != "equal")
            # No script is shorter than the words one side has and the other lacks; when
            # difflib's is longer than that, look for a shorter one.
            floor = len(mid_a) + len(mid_b) - 2 * sum((Counter(mid_a) & Counter(mid_b)).values())
            if floor < edits <= MAX_EDITS + 1:
                found = _shortest(mid_a, mid_b, edits - 1) or found
            for tag, i1, i2, j1, j2 in found:
                ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def word_diff(old_text: str, new_text: str) -> list[Chunk]:
    """Word operations turning `old_text` into `new_text`: [("equal"|"delete"|"insert", text)].

    Returns [] when the two texts are the same word for word (layout aside).
    """
    a, old_words = pieces(old_text)
    b, new_words = pieces(new_text)
    return diff_words(a, old_words, b, new_words)


def diff_words(a: Sequence[str], old_words: Sequence[Word], b: Sequence[str], new_words: Sequence[Word]) -> list[Chunk]:
    """`word_diff` of two texts already cut into keys and words (`tokens.pieces`)."""
    if a == b:
        return []
    chunks: list[Chunk] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if chunks and chunks[-1][0] == op:
            chunks[-1] = (op, chunks[-1][1] + text)
        else:
            chunks.append((op, text))

    ops = _opcodes(a, b)
    carry = ""  # the space a change hugging the word before it moved to the next equal chunk
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            text = carry + "".join(word + gap for word, gap in new_words[j1:j2 - 1])
            carry = ""
            word, gap = new_words[j2 - 1]
            if n + 1 < len(ops):
                _, ni1, ni2, nj1, nj2 = ops[n + 1]
                old_gap = old_words[i2 - 1][1]
                if ni1 == ni2 and not gap and _hugs_left(new_words[nj1][0]):
                    # "(2003) and" → "(2003), 1533 (2004) and": the inserted ", 1533 (2004)"
                    # follows "(2003)" with no space; the old side's space moves after it.
                    gap, carry = "", old_gap
                elif nj1 == nj2 and not old_gap and _hugs_left(old_words[ni1][0]):
                    gap, carry = "", gap
                else:
                    # One space before a change if either side had one: the equal word must
                    # not run into the first changed word on either side.
                    gap = " " if (old_gap or gap) else ""
            add("equal", text + word + gap)
            continue
        deleted = "".join(word + gap for word, gap in old_words[i1:i2])
        inserted = "".join(word + gap for word, gap in new_words[j1:j2])
        if carry:
            deleted, inserted = deleted.rstrip(), inserted.rstrip()
            if n + 1 == len(ops):
                carry = ""
        add("delete", deleted)
        add("insert", inserted)
    if chunks:
        chunks[-1] = (chunks[-1][0], chunks[-1][1].rstrip())
    return chunks


def _hugs_left(word: str) -> bool:
    """Punctuation written against the word before it: "," ";" ":" "." ")"."""
    return bool(word) and word[0] in ",.;:)!?]%"


def changed_tokens(chunks: list[Chunk]) -> int:
    """How many tokens the chunks delete or insert (a measure of an edit's size)."""
    return sum(len(keys(text)) for op, text in chunks if op != "equal")
