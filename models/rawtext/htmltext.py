"""HTML to text: one paragraph a line, page chrome (script, style, nav, header, footer) gone.

UN press releases and government statements put each paragraph in its own <p>; block
elements become line breaks, inline markup is flattened, whitespace collapsed.
"""
from __future__ import annotations

import re

from lxml import etree, html

from .decode import decode_text
from .errors import RawTextError

_DROP = ("script", "style", "nav", "header", "footer", "noscript", "template", "svg", "iframe",
         "object", "embed", "head", "aside", "form", "button", "select")
_BLOCK = frozenset(
    "address article blockquote body br caption center dd details dialog div dl dt fieldset "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table tbody "
    "td tfoot th thead tr ul".split()
)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]{1,40})""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def html_to_text(data: bytes) -> str:
    """Visible text of an HTML page, one block (paragraph, heading, list item) a line."""
    text = _decode(data)
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise RawTextError("HTML page is empty")
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise RawTextError(f"HTML cannot be parsed: {exc}") from exc
    return element_text(root)


def element_text(root: etree._Element) -> str:
    """Lines of text of an element tree; blocks break lines (iterative, any depth)."""
    for tag in _DROP:
        for el in list(root.iter(tag)):
            if el is not root and el.getparent() is not None:
                _drop_keep_tail(el)
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(parts)).strip()
        parts.clear()
        if line:
            lines.append(line)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower().rpartition("}")[2] in _BLOCK
        if event == "start":
            if block:
                flush()
            if tag and el.text:
                parts.append(el.text)
        else:
            if block:
                flush()
            if el is not root and el.tail:
                parts.append(el.tail)
    flush()
    return "\n".join(lines)


def _drop_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _decode(data: bytes) -> str:
    """The page's own <meta charset> first, then UTF-8 / cp1252 sniffing."""
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, legacy_fallback=True)
