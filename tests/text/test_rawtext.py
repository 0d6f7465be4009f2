"""Bytes to text: encodings, HTML, XML, PDF, and every way an input can be refused."""
from __future__ import annotations

import codecs

import pytest
from pdfs import bomb_pdf, text_pdf

import models.rawtext as rawtext
from models.rawtext import MAX_BYTES, RawTextError, to_text
from models.text import parse


def test_utf8_and_utf16_read_and_plain_cp1252_refused():
    text = "Communiqué of 28 March 2007 — “quoted”"
    assert to_text(text.encode("utf-8"), "a.txt") == text
    assert to_text(codecs.BOM_UTF8 + text.encode("utf-8"), "a.txt") == text
    assert to_text(text.encode("utf-16"), "a.txt") == text
    with pytest.raises(RawTextError, match=r"not UTF-8 \(byte 0xe9 at offset 9\)"):
        to_text("Communiqué signé à Khartoum".encode("cp1252"), "a.txt")


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\x00\x01\x02binary\x00\xff" * 20, "binary"),
    (bytes(range(128, 256)) * 20, "not UTF-8"),
])
def test_refused_text(data, message):
    with pytest.raises(RawTextError, match=message):
        to_text(data, "a.txt")


def test_size_limit(monkeypatch):
    monkeypatch.setattr(rawtext, "MAX_BYTES", 100)
    with pytest.raises(RawTextError, match="limit"):
        to_text(b"x" * 101, "a.txt")
    assert MAX_BYTES == 50 * 1024 * 1024


def test_errors_are_one_line():
    for data, name in ((b"", "a.txt"), (b"%PDF-1.4 junk", "a.pdf"), (b"<a><b></a>", "a.xml")):
        with pytest.raises(RawTextError) as info:
            to_text(data, name)
        assert "\n" not in str(info.value) and str(info.value)


def test_html_blocks_one_per_line_and_chrome_dropped():
    page = b"""<html><head><title>t</title><style>p{}</style><script>alert(1)</script></head>
    <body><header>Site header</header><nav><a href="/">Home</a></nav>
    <h1>Security Council extends UNMISS</h1>
    <p>The Security Council <b>today</b>
       extended the mandate.</p><ul><li>one</li><li>two</li></ul>
    <footer>Copyright</footer></body></html>"""
    text = to_text(page, "press.html")
    assert text.splitlines() == ["Security Council extends UNMISS", "The Security Council today extended the mandate.",
                                 "one", "two"]


def test_html_charset_from_meta():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Communiqué</p></body></html>'
    assert to_text(page.encode("cp1252"), "x.htm") == "Communiqué"


def test_html_by_media_type_and_sniffing():
    assert to_text(b"<p>Hello</p>", "page", "text/html; charset=utf-8") == "Hello"
    assert to_text(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "download") == "Hi"


def test_xml_entities_are_not_expanded():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                         for i in range(1, 10))
              + b']><lolz>&lol9;</lolz>')
    try:
        assert "lol" not in to_text(laughs, "bomb.xml")
    except RawTextError as exc:  # libxml2 may refuse the amplification outright
        assert "amplification" in str(exc) or "entity" in str(exc).lower()
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>a&e;b</x>'
    assert "root" not in to_text(xxe, "x.xml")


def test_xml_text_and_xhtml():
    assert to_text(b"<r><t>Resolution 1919 (2010)</t><t>UNMIS</t></r>", "m.xml").splitlines() == [
        "Resolution 1919 (2010)", "UNMIS"]
    xhtml = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>A</p><p>B</p></body></html>'
    assert to_text(xhtml, "page.xhtml", "application/xhtml+xml") == "A\nB"
    with pytest.raises(RawTextError, match="well-formed"):
        to_text(b"<a><b></a>", "bad.xml")


def test_real_pdf_text_layer():
    lines = ["The Security Council,", "1. Decides to extend the mandate of UNMISS until 30 April 2025;"]
    text = to_text(text_pdf(lines), "resolution.pdf")
    assert text.splitlines() == lines
    (fact,) = [f for f in parse(text).facts if f.kind == "mandate_end"]
    assert fact.value == "2025-04-30" and fact.entity == "UNMISS"


def test_pdf_by_signature_even_without_extension():
    assert "UNMISS" in to_text(text_pdf(["UNMISS"]), "download", "application/octet-stream")


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj <<", b"%PDF-1.7\n" + bytes(range(256)) * 50,
                                  text_pdf(["x"])[:200]])
def test_broken_pdf(data):
    with pytest.raises(RawTextError, match="PDF"):
        to_text(data, "broken.pdf")


def test_not_a_pdf():
    with pytest.raises(RawTextError, match="not a PDF"):
        to_text(b"hello", "a.pdf")


def test_pdf_bomb_is_refused():
    data = bomb_pdf(4.0)  # 4 MB of deflate that inflates to 4 GiB
    with pytest.raises(RawTextError, match="bomb"):
        to_text(data, "bomb.pdf")


def test_pdf_that_hangs_is_stopped(monkeypatch):
    import models.rawtext.pdf as pdf

    monkeypatch.setattr(pdf, "WALL_SECONDS", 0.01)
    with pytest.raises(RawTextError, match="longer than"):
        to_text(text_pdf(["x"]), "slow.pdf")
