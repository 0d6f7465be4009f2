"""`compare` on real successive renewals (tests/fixtures/diff, see its README).

Facts other than operative verbs are written here by hand from the real texts (value,
and the exact words they stand on), so these tests pin the facts delta and its pointers
to paragraphs without depending on the fact extractor.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from models.text.diff import compare, is_metadata_line
from models.text.structure import Fact, Paragraph, ParsedText
from models.text.tokens import keys
from models.text.undocs_json import load_file

FIXTURES = Path(__file__).parents[1] / "fixtures" / "diff"
CHANGES = {"unchanged", "renumbered", "edited", "inserted", "deleted", "moved", "split", "merged"}


def load(name: str) -> ParsedText:
    return load_file(FIXTURES / f"S_RES_{name}.json")


def renewal_pairs() -> list[tuple[str, str]]:
    pairs = []
    for line in (FIXTURES / "series.tsv").read_text().splitlines()[1:]:
        files = line.split("\t")[1].split()
        pairs += list(zip(files, files[1:]))
    return pairs


def with_facts(parsed: ParsedText, *specs: tuple) -> ParsedText:
    """Add facts (kind, value, exact words) read off the real text by hand."""
    facts = list(parsed.facts)
    for kind, value, words in specs:
        anchor = next(p.anchor for top in parsed.paragraphs for p in top.walk() if words in p.text)
        facts.append(Fact(kind, value, None, anchor, words))
    return dataclasses.replace(parsed, facts=facts)


def entry_by_new(comparison, number: str, kind: str = "operative"):
    return next(e for e in comparison.paragraphs if e.new and e.kind == kind and e.new[0].number == number)


def entry_by_old(comparison, number: str, kind: str = "operative"):
    return next(e for e in comparison.paragraphs if e.old and e.kind == kind and e.old[0].number == number)


def removed_words(entry) -> list[str]:
    return [text.strip() for op, text in entry.words if op == "delete"]


def added_words(entry) -> list[str]:
    return [text.strip() for op, text in entry.words if op == "insert"]


def _check_entries(old: list[Paragraph], new: list[Paragraph], entries) -> None:
    seen_old = [id(p) for e in entries for p in e.old]
    seen_new = [id(p) for e in entries for p in e.new]
    assert sorted(seen_old) == sorted(id(p) for p in old)
    assert sorted(seen_new) == sorted(id(p) for p in new)
    for e in entries:
        assert e.change in CHANGES
        assert len({p.kind for p in e.old + e.new}) == 1, "a pair never mixes kinds"
        if e.words:
            assert keys("".join(t for op, t in e.words if op != "insert")) == keys(e.old_text)
            assert keys("".join(t for op, t in e.words if op != "delete")) == keys(e.new_text)
        _check_entries([c for p in e.old for c in p.children], [c for p in e.new for c in p.children], e.children)


@pytest.mark.parametrize("old_name,new_name", renewal_pairs())
def test_every_paragraph_is_accounted_for_once(old_name, new_name):
    old, new = load_file(FIXTURES / old_name), load_file(FIXTURES / new_name)
    result = compare(old, new)
    body = lambda text: [p for p in text.paragraphs if not is_metadata_line(p)]  # noqa: E731
    _check_entries(body(old), body(new), result.paragraphs)
    json.dumps(result.to_json())


def test_inserted_operative_paragraphs_renumber_the_rest_not_edit_them():
    """MONUSCO 2717 (2023) → 2765 (2024): new OPs 11 and 12 push old 15 to 17, old 50 to 52."""
    result = compare(load("2717_2023"), load("2765_2024"))
    assert entry_by_new(result, "11").change == "inserted"
    assert entry_by_new(result, "12").change == "inserted"
    assert (entry_by_old(result, "15").change, entry_by_old(result, "15").new[0].number) == ("renumbered", "17")
    last = entry_by_old(result, "50")
    assert (last.change, last.new[0].number) == ("renumbered", "52")
    assert last.new_text == "Decides to remain actively seized of the matter."
    assert result.counts["operative"]["renumbered"] >= 10
    assert entry_by_new(result, "3").change == "unchanged"


def test_mandate_renewal_is_one_word_edit():
    """MONUSCO: "Decides to extend until 20 December 2024 the mandate" → "… 2025 …"."""
    extension = entry_by_old(compare(load("2717_2023"), load("2765_2024")), "29")
    assert (extension.change, extension.new[0].number) == ("edited", "31")
    assert removed_words(extension) == ["2024"]
    assert added_words(extension) == ["2025"]


def test_sub_paragraphs_are_compared_inside_their_parent():
    """MONUSCO OP 34 → 36, "the following tasks in priority order": (e) inserted in (a)-(h)."""
    tasks = entry_by_new(compare(load("2717_2023"), load("2765_2024")), "36")
    assert tasks.old[0].number == "34" and tasks.change == "edited"
    assert removed_words(tasks) == ["34", "43"] and added_words(tasks) == ["36", "45"]
    children = {(c.old[0].number if c.old else None, c.new[0].number if c.new else None): c.change for c in tasks.children}
    assert children[(None, "(e)")] == "inserted"
    assert children[("(b)", "(b)")] == "unchanged"
    assert children[("(e)", "(f)")] == "edited"


def test_minusca_facts_delta_points_at_both_sides():
    """MINUSCA 2149 (2014) → 2709 (2023): mandate, troop and police ceilings; Chapter VII kept."""
    old = with_facts(
        load("2149_2014"),
        ("mandate_end", "2015-04-30", "for an initial period until 30 April 2015"),
        ("troop_ceiling", 10000, "up to 10,000 military personnel"),
        ("police_ceiling", 1800, "1,800 police personnel"),
        ("chapter_vii", True, "Acting under Chapter VII of the Charter of the United Nations"),
    )
    new = with_facts(
        load("2709_2023"),
        ("mandate_end", "2024-11-15", "until 15 November 2024"),
        ("troop_ceiling", 14400, "up to 14,400 military personnel"),
        ("police_ceiling", 3020, "3,020 police personnel"),
        ("chapter_vii", True, "Acting under Chapter VII of the Charter of the United Nations"),
    )
    result = compare(old, new).to_json()
    facts = {f["kind"]: f for f in result["facts"] if f["kind"] != "operative_verb"}
    assert set(facts) == {"mandate_end", "troop_ceiling", "police_ceiling"}
    assert facts["mandate_end"]["label"] == "mandate end: 2015-04-30 → 2024-11-15"
    assert facts["mandate_end"]["paragraphs"] == {"old": ["op-18"], "new": ["op-30"]}
    assert facts["troop_ceiling"]["label"] == "troop ceiling: 10,000 → 14,400"
    assert facts["troop_ceiling"]["paragraphs"] == {"old": ["op-20"], "new": ["op-31"]}
    assert facts["police_ceiling"]["label"] == "police ceiling: 1,800 → 3,020"
    assert [f["label"] for f in result["facts_unchanged"]] == ["Chapter VII: yes (unchanged)"]
    summary = result["summary"]
    assert "mandate extended by about 9.5 years to 15 November 2024" in summary
    assert "troop ceiling raised from 10,000 to 14,400" in summary
    assert "Chapter VII" not in summary


def test_unficyp_twelve_month_extension_in_the_summary():
    """UNFICYP 2646 (2022) → 2674 (2023): "a further period ending on 31 January 2024"."""
    old = with_facts(load("2646_2022"), ("mandate_end", "2023-01-31", "ending on 31 January 2023"))
    new = with_facts(load("2674_2023"), ("mandate_end", "2024-01-31", "ending on 31 January 2024"))
    result = compare(old, new)
    [mandate] = [f for f in result.facts if f.kind == "mandate_end"]
    assert (mandate.old_paragraphs, mandate.new_paragraphs) == (["op-10"], ["op-10"])
    assert result.summary.startswith("1 operative paragraph added, 13 edited, 1 renumbered; 6 preambular paragraphs edited;")
    assert "mandate extended by 12 months to 31 January 2024" in result.summary
    renewal = entry_by_new(result, "10")
    assert removed_words(renewal) == ["2023"] and added_words(renewal)[0].startswith("2024, affirms its intention")


def test_unifil_fact_moved_to_another_paragraph_and_ceiling_dropped():
    """UNIFIL 1701 (2006) OP 16 "until 31 August 2007", OP 11 "a maximum of 15,000 troops"
    → 1773 (2007) OP 1 "until 31 August 2008", no ceiling restated."""
    old = with_facts(
        load("1701_2006"),
        ("mandate_end", "2007-08-31", "until 31 August 2007"),
        ("troop_ceiling", 15000, "a maximum of 15,000 troops"),
    )
    new = with_facts(load("1773_2007"), ("mandate_end", "2008-08-31", "until 31 August 2008"))
    result = compare(old, new)
    by_kind = {f.kind: f for f in result.facts if f.kind != "operative_verb"}
    assert by_kind["mandate_end"].label == "mandate end: 2007-08-31 → 2008-08-31"
    assert (by_kind["mandate_end"].old_paragraphs, by_kind["mandate_end"].new_paragraphs) == (["op-16"], ["op-1"])
    assert by_kind["troop_ceiling"].label == "troop ceiling: removed (was 15,000)"
    assert "mandate extended by 12 months to 31 August 2008" in result.summary
    assert "troop ceiling removed (was 15,000)" in result.summary


def test_chapter_vii_added_and_removed():
    plain, chapter = load("2674_2023"), load("2709_2023")
    acting = Fact("chapter_vii", True, None, "pp-27", "Acting under Chapter VII")
    assert compare(plain, dataclasses.replace(chapter, facts=[acting])).to_json()["facts"][0]["label"] == "Chapter VII: added"
    result = compare(dataclasses.replace(chapter, facts=[acting]), plain)
    assert result.facts[0].label == "Chapter VII: removed"
    assert "acting under Chapter VII removed" in result.summary


def test_operative_verb_change_follows_the_alignment():
    """MINUSCA 2149 OP 12 "Reiterates that all perpetrators…" → 2709 OP 21 "Recalls …"."""
    result = compare(load("2149_2014"), load("2709_2023"))
    labels = [f.label for f in result.facts if f.kind == "operative_verb"]
    assert "OP 21 (was OP 12): reiterates → recalls" in labels
    verb = next(f for f in result.facts if f.label.startswith("OP 21 "))
    assert (verb.old_paragraphs, verb.new_paragraphs) == (["op-12"], ["op-21"])


def test_a_text_against_itself_has_no_changes():
    text = load("2765_2024")
    result = compare(text, load("2765_2024"))
    assert {e.change for e in result.paragraphs} == {"unchanged"}
    assert result.facts == [] and result.metadata == []
    assert result.summary == "No changes: the two texts are the same, layout aside."


def _relayout(text: str, seed: int) -> str:
    """Curly quotes straightened, lines wrapped at 60, a word hyphenated at a line end."""
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    words, lines, line = text.split(" "), [], ""
    for k, word in enumerate(words):
        if len(line) + len(word) > 60:
            if (k + seed) % 7 == 0 and len(word) > 8 and word.isalpha():
                lines.append(f"{line} {word[:4]}-")
                line = word[4:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line]) + "  "


def _relayout_tree(p: Paragraph, seed: int) -> Paragraph:
    return dataclasses.replace(p, text=_relayout(p.text, seed), children=tuple(_relayout_tree(c, seed) for c in p.children))


def test_layout_quotes_wrapping_hyphenation_and_headers_are_no_changes():
    original = load("2709_2023")
    paragraphs = [_relayout_tree(p, k) for k, p in enumerate(original.paragraphs)]
    header = paragraphs[40].text.replace(" the ", " 23-22495 (E) 5/22 the ", 1)  # a page break inside
    paragraphs[40] = dataclasses.replace(paragraphs[40], text=header)
    furniture = [Paragraph("other", None, t) for t in ("Resolution 2709 (2023)", "Distr.: General", "15 November 2023")]
    relaid = dataclasses.replace(original, paragraphs=furniture + paragraphs)
    result = compare(original, relaid)
    assert {e.change for e in result.paragraphs} == {"unchanged"}
    assert len(result.paragraphs) == len(original.paragraphs)


def test_title_symbol_and_dates_are_metadata_not_edits():
    old = load("2765_2024")
    new = dataclasses.replace(load("2765_2024"), symbol="S/2025/800", title="Draft resolution", adopted_on=None, meeting=None)
    result = compare(old, new, old_ref={"symbol": "S/RES/2765 (2024)", "version": 1, "title": "Resolution 2765 (2024)"})
    assert {e.change for e in result.paragraphs} == {"unchanged"}
    assert [m["field"] for m in result.metadata] == ["symbol", "title", "adopted_on", "meeting"]
    assert result.to_json()["old"] == {"symbol": "S/RES/2765 (2024)", "version": 1, "title": "Resolution 2765 (2024)"}
    assert result.to_json()["new"] == {"symbol": "S/2025/800", "version": None, "title": "Draft resolution"}
    assert result.summary == "Same text; only the symbol, title, adopted_on, meeting changed."


def test_json_contract_shape():
    result = compare(load("2717_2023"), load("2765_2024")).to_json()
    assert {"old", "new", "paragraphs", "facts", "summary", "metadata"} <= set(result)
    assert set(result["old"]) == {"symbol", "version", "title"}
    for entry in result["paragraphs"]:
        assert {"change", "old", "new", "words", "old_text", "new_text", "others", "children"} <= set(entry)
        for side in ("old", "new"):
            assert entry[side] is None or set(entry[side]) == {"kind", "number", "anchor"}
        assert all(op in ("equal", "insert", "delete") and isinstance(text, str) for op, text in entry["words"])
    for fact in result["facts"]:
        assert {"kind", "entity", "old", "new", "paragraphs", "label"} <= set(fact)
        assert set(fact["paragraphs"]) == {"old", "new"}
    assert isinstance(result["summary"], str) and result["summary"].endswith(".")


def _big(names: list[str], size: int) -> ParsedText:
    paragraphs, total = [], 0
    for name in names:
        for p in load_file(FIXTURES / name).paragraphs:
            paragraphs.append(p)
            total += sum(len(q.text) for q in p.walk())
            if total >= size:
                return ParsedText(paragraphs=paragraphs)
    return ParsedText(paragraphs=paragraphs)


def test_two_unrelated_hundred_page_texts_are_all_insertions_and_deletions():
    """Their timing is bench/diff.py's "worst case" line; here, what they report."""
    lines = (FIXTURES / "series.tsv").read_text().splitlines()[1:]
    by_mission = {line.split("\t")[0]: line.split("\t")[1].split() for line in lines}
    monusco = by_mission.pop("MONUSCO")
    others = [f for files in by_mission.values() for f in files]
    old, new = _big(monusco, 300_000), _big(others, 300_000)
    result = compare(old, new)
    assert result.counts["operative"].get("inserted", 0) > 100


def test_phased_ceiling_that_ended_is_said_with_the_kept_one():
    """MONUSCO 2717 (2023): 13,500 military "until June 30th 2024", then 11,500; 2765 (2024): 11,500."""
    old = with_facts(
        load("2717_2023"),
        ("mandate_end", "2024-12-20", "until 20 December 2024"),
        ("troop_ceiling", 13500, "13,500 military personnel"),
        ("troop_ceiling", 11500, "11,500 military personnel"),
    )
    new = with_facts(
        load("2765_2024"),
        ("mandate_end", "2025-12-20", "until 20 December 2025"),
        ("troop_ceiling", 11500, "11,500 military personnel"),
    )
    result = compare(old, new)
    [dropped] = [f for f in result.facts if f.kind == "troop_ceiling"]
    assert (dropped.change, dropped.old, dropped.old_paragraphs) == ("removed", 13500, ["op-30"])
    [kept] = [f for f in result.unchanged_facts if f.kind == "troop_ceiling"]
    assert (kept.old_paragraphs, kept.new_paragraphs) == (["op-30"], ["op-32"])
    assert "mandate extended by 12 months to 20 December 2025" in result.summary
    assert result.summary.endswith("troop ceiling unchanged at 11,500 (13,500 dropped).")
