"""Header date lines: a date at the precision the line gives, or a month and day kept for later;
sources.yaml read strictly but kindly: every mistake a warning with its line, the rest used."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.metadata import load_metadata, parse_header_date, parse_header_month_day
from bot.models import PartialDate
from bot.retrieval.index import build_index


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


BAD_SOURCES = """\
# every kind of mistake, one per entry, and two good entries
documents:
  good:
    outlet: The Daily Planet
    date: 2024-05-02
  impossible:
    outlet: Month Thirteen Times
    date: 2024-13-45
  placeholder:
    outlet: Year One Gazette
    date: 0001-01-01
  typo:
    outlet: The Typo Post
    colour: blue
  listed: [The List Herald]
  nested:
    outlet: {name: Nested News}
    date: "2023-07"
notes: kept by hand
"""


def test_a_bad_sources_yaml_is_warnings_naming_line_and_key_and_the_rest_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(BAD_SOURCES)
    meta = load_metadata(path)
    assert meta["good"].outlet == "The Daily Planet"
    assert meta["good"].date == PartialDate(2024, 5, 2)
    assert (meta["impossible"].outlet, meta["impossible"].date) == ("Month Thirteen Times", None)
    assert (meta["placeholder"].outlet, meta["placeholder"].date) == ("Year One Gazette", None)
    assert meta["typo"].outlet == "The Typo Post"
    assert "listed" not in meta
    assert (meta["nested"].outlet, meta["nested"].date) == ("", PartialDate(2023, 7))
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    where = {w.split(": ")[0].rsplit(", ", 1)[1] + " " + w.split(": ")[1] for w in warnings}
    assert where == {"line 8 impossible.date", "line 11 placeholder.date", "line 14 typo.colour",
                     "line 15 listed", "line 17 nested.outlet", "line 19 notes"}
    assert all(w.startswith(f"{path}, line ") for w in warnings)


@pytest.mark.parametrize("content", [
    "documents:\n  - one.txt\n  - two.txt\n",  # a list where a mapping belongs
    "documents: [unclosed\n",  # not YAML
    "just a line of text\n",
    "documents:\n  a: !!python/object/apply:os.system [echo planted]\n",  # no code from data
])
def test_a_sources_yaml_of_the_wrong_shape_is_one_warning_and_no_facts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: str
) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(content)
    assert load_metadata(path) == {}
    assert str(path) in caplog.text


def test_an_article_dated_year_one_that_says_days_ago_still_indexes(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_text(
        "date 0001-01-01 Two days ago the minister said the port would reopen next week. "
        "Last month the talks stalled, and yesterday they resumed in the capital.\n")
    (tmp_path / "sources.yaml").write_text("documents:\n  odd:\n    outlet: Odd Times\n")
    index = build_index(tmp_path, CorpusConfig(), IndexConfig())
    assert [d.outlet for d in index.documents] == ["Odd Times"]
    assert index.documents[0].date is None
