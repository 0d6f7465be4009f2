"""No input crashes the readers: random bytes, truncated texts, a 5 MB line, deep nesting.

Timings are not asserted; the regexes are linear and the work is bounded by construction.
"""
from __future__ import annotations

from extraction_devset import LABELS, source_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.rawtext import RawTextError, to_text
from models.text import parse

SAMPLES = [source_text(lab) for lab in LABELS.values() if lab["form"] == "text"][:8]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str) -> None:
    parsed = parse(text)
    anchors = [p.anchor for top in parsed.paragraphs for p in top.walk()]
    assert len(anchors) == len(set(anchors))
    for fact in parsed.facts:
        assert fact.evidence and fact.evidence in text
    parsed.to_json()
    parsed.canonical_text()


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_parse_any_text(text):
    _check(text)


@FAST
@given(st.lists(st.sampled_from([
    "The Security Council,", "Recalling its resolutions,", "1. Decides to extend the mandate of UNMISS until",
    "30 April 2025;", "(a) To protect;", "(i) civilians", "– dash item;", "Annex", "Reporting", "\u201c2. Requests",
    "S/RES/2709 (2023)", "24-12345 (E)", "2/8", "peace-", "keeping", "", "up to 14,400 military personnel",
    "Acting under Chapter VII of the Charter,", "Authorizes MINUSCA to use all necessary means;", "5.",
]), max_size=80))
def test_parse_resolution_shaped_noise(lines):
    _check("\n".join(lines))


@FAST
@given(st.sampled_from(range(len(SAMPLES))), st.floats(0, 1), st.floats(0, 1))
def test_parse_truncated_real_texts(index, a, b):
    text = SAMPLES[index]
    start, end = sorted((int(a * len(text)), int(b * len(text))))
    _check(text[start:end])


@FAST
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.html", "a.xml", "a.bin", "a"]))
def test_to_text_any_bytes(data, name):
    try:
        text = to_text(data, name)
    except RawTextError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(text, str)
        parse(text)


def test_five_megabyte_single_line():
    line = ("Decides to extend the mandate of UNMISS until 30 April 2025 and (a) " * 80000)[: 5 * 1024 * 1024]
    _check(line)
    _check("The Security Council,\n1. " + line)


def test_many_short_lines_and_no_blank_lines():
    _check("\n".join(["peace-", "keeping"] * 50000))
    _check("\n".join(f"{n}. Decides;" for n in range(1, 20000)))


def test_deeply_nested_lists_text():
    markers = ["(a)", "(i)", "–", "(1)", "•"]
    lines = ["The Security Council,", "1. Decides:"]
    for depth in range(5000):
        lines.append(f"{markers[depth % len(markers)]} item at depth {depth};")
    _check("\n".join(lines))


def test_deeply_nested_html_and_xml():
    html = b"<html><body>" + b"<div><ul><li>" * 20000 + b"deep" + b"</li></ul></div>" * 20000 + b"</body></html>"
    for data, name in ((html, "deep.html"), (b"<a>" * 100000 + b"x" + b"</a>" * 100000, "deep.xml")):
        try:
            text = to_text(data, name)
        except RawTextError:
            continue
        assert isinstance(text, str)
