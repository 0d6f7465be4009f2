"""Mandate length as the mandate page and its chart compute it."""
from __future__ import annotations

from datetime import date

import pytest

from models.mandates import MandateStep
from webapp.charts import mandate_months


def point(end: str, adopted: date | None = None, months: int | None = None) -> MandateStep:
    return MandateStep(entity_id="MONUSCO", symbol="S/RES/1 (2000)", mandate_end=date.fromisoformat(end),
                       adopted_on=adopted, period_months=months)


@pytest.mark.parametrize("current, before, expected", [
    # "for a period of twelve months" is taken as stated
    (point("2025-12-20", months=12), point("2024-12-20"), 12),
    # a renewal adopted the day before the old mandate ends runs from that end
    (point("2025-12-20", date(2024, 12, 20)), point("2024-12-20"), 12),
    # 2717 (2023) after 2556 (2020), with 2612 (2021) missing: from the adoption, not from 2021
    (point("2024-12-20", date(2023, 12, 19)), point("2021-12-20"), 12),
    # the first of a series runs from its adoption
    (point("2015-04-30", date(2014, 4, 10)), None, 13),
    (point("2015-04-30"), None, None),
])
def test_mandate_months(current, before, expected):
    assert mandate_months(current, before) == expected
