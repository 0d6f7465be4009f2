"""Only statements that concern the Security Council are stored."""
import pytest

from crawler.relevance import concerns_the_council

CASES = [
    ("We voted yes on the need for an immediate and sustained ceasefire: UK statement at the UN Security Council", "", True),
    ("Explication de vote", "Le Conseil de sécurité a rejeté le projet de résolution.", True),
    ("Remarks", "Thank you. The draft S/2025/748 before us today …", True),
    ("Statement at the open debate on children and armed conflict", "Thank you, Mr. President.", True),
    ("Remarks", "The situation in the Middle East, including the Palestinian question, remains grave.", True),
    ("UK statement in the UN General Assembly", "We mark 80 years since the first General Assembly, Security Council and ECOSOC meetings.", False),
    ("Opening Remarks at the CSW70 Side Event", "The Security Council has a role too.", False),
    ("Ambassador's visit to a school in Queens", "The Ambassador met pupils and teachers.", False),
    ("Remarks at a reception", "Thank you all for coming tonight." + " Words." * 400 + " Security Council.", False),
]


@pytest.mark.parametrize("title, text, expected", CASES)
def test_concerns_the_council(title, text, expected):
    assert concerns_the_council(title, text) is expected
