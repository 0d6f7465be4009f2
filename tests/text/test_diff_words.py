"""Word-level diff inside one aligned pair: punctuation-aware, layout-blind, bounded."""
from __future__ import annotations


from hypothesis import given, settings
from hypothesis import strategies as st

from models.text.tokens import clean, keys
from models.text.wordiff import changed_tokens, word_diff


def _side(chunks, keep):
    return "".join(text for op, text in chunks if op in ("equal", keep))


def test_date_change_is_one_word():
    chunks = word_diff(
        "Decides to extend the mandate of MINUSCA until 15 November 2024;",
        "Decides to extend the mandate of MINUSCA until 15 November 2025;",
    )
    assert chunks == [
        ("equal", "Decides to extend the mandate of MINUSCA until 15 November "),
        ("delete", "2024"),
        ("insert", "2025"),
        ("equal", ";"),
    ]


def test_punctuation_is_its_own_token():
    chunks = word_diff("Requests the Secretary-General to report;", "Requests the Secretary-General to report, and")
    assert ("delete", ";") in chunks
    assert ("insert", ", and") in chunks


def test_numbers_with_thousands_separators_are_one_token():
    chunks = word_diff("up to 14,400 military personnel", "up to 14,046 military personnel")
    assert [c for c in chunks if c[0] != "equal"] == [("delete", "14,400 "), ("insert", "14,046 ")]


def test_chunks_rebuild_both_sides():
    old = "Strongly condemns all attacks, provocations and incitement to violence against MINUSCA;"
    new = "Condemns in the strongest terms all attacks and incitement to hatred against MINUSCA and UNMISS;"
    chunks = word_diff(old, new)
    assert keys(_side(chunks, "delete")) == keys(old)
    assert keys(_side(chunks, "insert")) == keys(new)


def test_layout_never_shows():
    old = "Calls upon the Secretary-\nGeneral to ensure  the “full” implementation — of\nits mandate"
    new = 'Calls upon the Secretary-General to ensure the "full" implementation - of its mandate'
    assert word_diff(old, new) == []
    # a word broken at a line end, and hyphenation variants of one word
    assert word_diff("peace-\nkeeping operations", "peacekeeping operations") == []
    assert word_diff("Secretary- General", "Secretary-General") == []


def test_suspended_hyphen_is_kept():
    assert keys("troop- and police-contributing countries")[:3] == ["troop", "-", "and"]


def test_page_furniture_is_not_text():
    old = "Requests the Secretary-General to report 23-22495 (E) 3/22 S/RES/2709 (2023) on progress"
    assert word_diff(old, "Requests the Secretary-General to report on progress") == []


def test_case_change_is_an_edit():
    expected = [("delete", "Urges "), ("insert", "urges "), ("equal", "all parties")]
    assert word_diff("Urges all parties", "urges all parties") == expected


def test_nfkc_and_invisible_characters():
    assert clean("ﬁnal\u00adly") == "finally"
    assert word_diff("the ﬁnal report", "the final report") == []


def test_unrelated_long_texts_are_one_delete_and_one_insert():
    old = " ".join(f"alpha{i % 97} beta{i % 89}," for i in range(20000))
    new = " ".join(f"gamma{i % 83} delta{i % 79};" for i in range(20000))
    chunks = word_diff(old, new)
    assert keys(_side(chunks, "delete")) == keys(old)
    assert changed_tokens(chunks) == len(keys(old)) + len(keys(new))


def _lcs(a: list[str], b: list[str]) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    return table[0][0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("the Council decides to extend , ; mandate".split()), max_size=25),
       st.lists(st.sampled_from("the Council decides to extend , ; mandate".split()), max_size=25))
def test_word_operations_are_a_shortest_edit_script(a, b):
    chunks = word_diff(" ".join(a), " ".join(b))
    if a == b:
        assert chunks == []
        return
    assert keys(_side(chunks, "delete")) == a
    assert keys(_side(chunks, "insert")) == b
    assert changed_tokens(chunks) == len(a) + len(b) - 2 * _lcs(a, b)
