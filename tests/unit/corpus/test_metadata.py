"""Header date lines: a date at the precision the line gives, or a month and day kept for later."""

from __future__ import annotations

import pytest

from bot.corpus.metadata import parse_header_date, parse_header_month_day
from bot.models import PartialDate


@pytest.mark.parametrize(("line", "expected"), [
    ("Sep 20", (9, 20)), ("Monday, March 3", (3, 3)), ("Feb 29", (2, 29)),
    ("Sep 20, 2025", None), ("September 2025", None), ("2 min read", None), ("Sep", None),
])
def test_header_dates_without_a_year_keep_month_and_day(
    line: str, expected: tuple[int, int] | None
) -> None:
    assert parse_header_month_day(line) == expected
    if expected is not None:
        assert parse_header_date(line) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("March 14, 2019", PartialDate(2019, 3, 14)), ("2019-03-14", PartialDate(2019, 3, 14)),
    ("14 Mar 2019", PartialDate(2019, 3, 14)), ("March 2019", PartialDate(2019, 3)),
    ("2019-03-14T08:30:00Z", PartialDate(2019, 3, 14)),
    ("Mar 14", None), ("By Jane Roe", None), ("The talks resumed on March 14, 2019.", None),
])
def test_header_dates_at_the_precision_the_line_gives(
    line: str, expected: PartialDate | None
) -> None:
    assert parse_header_date(line) == expected
