"""Normalised text that remembers where each character came from.

Layout work (joining wrapped lines, dropping hyphens and page headers, collapsing
spaces) changes the text; facts must still quote the input exactly. A `Mapped` string
maps any span of the normalised text back to a span of the original input.
"""
from __future__ import annotations

from bisect import bisect_right

SYNTHETIC = -1  # origin of a character the normaliser inserted (a joining space)


class Mapped:
    """`text` plus segment tables: text[starts[k]:starts[k+1]] came from origins[k]…"""

    __slots__ = ("text", "starts", "origins")

    def __init__(self, text: str, starts: list[int], origins: list[int]) -> None:
        self.text = text
        self.starts = starts
        self.origins = origins

    def __len__(self) -> int:
        return len(self.text)

    def _segment(self, index: int) -> int:
        return bisect_right(self.starts, index) - 1

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Input offsets [a, b) covering text[start:end] (synthetic edges skipped)."""
        if not self.starts or start >= end:
            return (0, 0)
        k = self._segment(start)
        while k < len(self.origins) and self.origins[k] == SYNTHETIC:
            k += 1
            start = self.starts[k] if k < len(self.starts) else start
        if k >= len(self.origins):
            return (0, 0)
        a = self.origins[k] + (start - self.starts[k])
        j = self._segment(end - 1)
        last = end - 1
        while j >= 0 and self.origins[j] == SYNTHETIC:
            j -= 1
            last = self.starts[j + 1] - 1
        if j < 0:
            return (0, 0)
        b = self.origins[j] + (last - self.starts[j]) + 1
        return (a, max(a, b))

    def slice(self, start: int, end: int | None = None) -> "Mapped":
        """The sub-string text[start:end] with its mapping."""
        n = len(self.text)
        if end is None or end > n:
            end = n
        if start > end:
            start = end
        elif start < 0:
            start = 0
        if start == 0 and end == n:
            return self
        if start == end:
            return Mapped("", [], [])
        starts, origins = self.starts, self.origins
        if len(starts) == 1:  # one verbatim piece: most short paragraphs
            origin = origins[0]
            return Mapped(self.text[start:end], [0], [origin if origin == SYNTHETIC else origin + start])
        k = bisect_right(starts, start) - 1
        stop = bisect_right(starts, end - 1, k + 1)
        origin = origins[k]
        new_starts = [0]
        new_starts.extend(s - start for s in starts[k + 1:stop])
        new_origins = [origin if origin == SYNTHETIC else origin + start - starts[k]]
        new_origins.extend(origins[k + 1:stop])
        return Mapped(self.text[start:end], new_starts, new_origins)

    def strip(self, chars: str | None = None) -> "Mapped":
        """Like str.strip, keeping the mapping."""
        text = self.text
        if not text or chars is None and not text[0].isspace() and not text[-1].isspace():
            return self
        left = len(text) - len(text.lstrip(chars))
        right = len(text.rstrip(chars))
        return self.slice(left, max(left, right))


class Builder:
    """Assembles a Mapped string from verbatim pieces and synthetic spaces."""

    __slots__ = ("_parts", "_starts", "_origins", "_length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._length = 0

    def add(self, piece: str, origin: int) -> None:
        """Append input[origin:origin+len(piece)] verbatim."""
        if piece:
            self._parts.append(piece)
            self._starts.append(self._length)
            self._origins.append(origin)
            self._length += len(piece)

    def add_synthetic(self, piece: str = " ") -> None:
        """Append characters that stand for no input character (a joining space)."""
        if piece:
            self._parts.append(piece)
            self._starts.append(self._length)
            self._origins.append(SYNTHETIC)
            self._length += len(piece)

    def drop_last(self, count: int) -> None:
        """Remove the last `count` characters (a line-end hyphen)."""
        while count > 0 and self._parts:
            piece = self._parts[-1]
            if len(piece) <= count:
                count -= len(piece)
                self._length -= len(piece)
                self._parts.pop()
                self._starts.pop()
                self._origins.pop()
            else:
                self._parts[-1] = piece[:-count]
                self._length -= count
                count = 0

    def ends_with_space(self) -> bool:
        return bool(self._parts) and self._parts[-1].endswith(" ")

    def build(self) -> Mapped:
        return Mapped("".join(self._parts), self._starts, self._origins)


def join_mapped(parts: list[Mapped], glue: str = " ") -> Mapped:
    """The parts joined by `glue` (synthetic), keeping every part's map."""
    builder_starts: list[int] = []
    builder_origins: list[int] = []
    texts: list[str] = []
    length = 0
    for index, part in enumerate(parts):
        if index and glue:
            builder_starts.append(length)
            builder_origins.append(SYNTHETIC)
            texts.append(glue)
            length += len(glue)
        builder_starts.extend(start + length for start in part.starts)
        builder_origins.extend(part.origins)
        texts.append(part.text)
        length += len(part.text)
    return Mapped("".join(texts), builder_starts, builder_origins)
