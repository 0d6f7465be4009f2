"""XML to text, safely: no entity expansion, no network, no huge trees.

An XHTML page reads like HTML; any other XML gives its text nodes, one element a line.
"""
from __future__ import annotations

from lxml import etree

from .errors import RawTextError
from .htmltext import element_text

_XHTML = "{http://www.w3.org/1999/xhtml}"


def xml_to_text(data: bytes) -> str:
    """Visible text of an XML document; raises RawTextError on malformed or hostile XML."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        dtd_validation=False, remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise RawTextError(f"XML is not well-formed: {exc}") from exc
    except ValueError as exc:
        raise RawTextError(f"XML cannot be read: {exc}") from exc
    if root is None:
        raise RawTextError("XML document is empty")
    if isinstance(root.tag, str) and root.tag.startswith(_XHTML):
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.startswith(_XHTML):
                el.tag = el.tag[len(_XHTML):]
        return element_text(root)
    return _xml_lines(root)


def _xml_lines(root: etree._Element) -> str:
    """Each element's own text on its own line (MARCXML subfields, mission records)."""
    lines = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            if el.tail and el.tail.strip():
                lines.append(" ".join(el.tail.split()))
            continue
        if el.text and el.text.strip():
            lines.append(" ".join(el.text.split()))
        if el.tail and el.tail.strip():
            lines.append(" ".join(el.tail.split()))
    return "\n".join(lines)
