"""Read UN texts as an analyst does: paragraph structure, and facts with their evidence.

    >>> parsed = parse(text)          # any layout: PDF text layer, web page, press release
    >>> parsed.paragraphs[0].anchor   # "pp-1"
    >>> parsed.facts[0].evidence      # an exact substring of `text`

Pure Python: no database, no network, no parsing libraries (see `models.rawtext` for
bytes to text).
"""
from __future__ import annotations

import gc

from .anchors import assign_anchors
from .facts import extract_facts
from .paragraphs import read_structure
from .structure import Fact, Paragraph, ParsedText

__all__ = ["Fact", "Paragraph", "ParsedText", "parse", "MAX_PARSE_CHARS"]

#: Longer inputs are cut here before parsing (a resolution is rarely over 200 000).
MAX_PARSE_CHARS = 20_000_000


def parse(text: str) -> ParsedText:
    """Structure (symbol, title, adoption, paragraphs) and facts of a Council text."""
    if not isinstance(text, str):
        raise TypeError("parse() takes str; use models.rawtext.to_text for bytes")
    source = text[:MAX_PARSE_CHARS]
    # Parsing allocates a few small objects per line and paragraph and frees few of them
    # before it returns; the cyclic collector would rescan them again and again (40 % of
    # the time on 140 000 one-line sub-paragraphs). Nothing here makes cycles to collect.
    # On the way out they go straight to the oldest generation (freeze, then unfreeze)
    # rather than through one more young-generation scan.
    collecting = gc.isenabled()
    gc.disable()
    try:
        structure = read_structure(source)
        assign_anchors(structure.items)
        facts = extract_facts(structure.items, source, prose=structure.prose)
        paragraphs = [item.freeze() for item in structure.items]
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
            gc.unfreeze()
    front = structure.front
    return ParsedText(
        symbol=front.symbol,
        title=front.title,
        adopted_on=front.adopted_on,
        meeting=front.meeting,
        paragraphs=paragraphs,
        facts=facts,
        footnotes=structure.footnotes,
    )
