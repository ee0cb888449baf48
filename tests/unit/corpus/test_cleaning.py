"""Furniture in text files: captions, credits, datelines, bylines, "Related:" lines and share
prompts never reach passages, and the dateline's date dates the story; markdown reduced to its
text and wrapped lines joined, whatever a scraped line holds."""

from pathlib import Path

import pytest

from bot.corpus.cleaning import article_lines, paragraphs
from bot.corpus.documents import parse_document
from bot.extract.dates import complete_publication_date, extract_date_mentions
from bot.extract.events import candidate_events
from bot.extract.quotes import extract_quotes_and_people
from bot.models import Document

BODY = (
    "The harbour authority opened the new ferry terminal on Monday after three years of work.\n\n"
    "\u201cThis terminal will carry twice as many passengers,\u201d said Marta Quiroga, the "
    "port director.\n\n"
    "The old terminal, built in 1971, will close in March 2026, officials said.\n"
)


def _read(text: str, name: str = "story.txt") -> Document:
    document = parse_document(Path(name), text, None)
    complete_publication_date(document)
    return document


def _sentences(document: Document) -> list[str]:
    return [s.text for p in document.passages for s in p.sentences]


@pytest.mark.parametrize("furniture", [
    "Workers stand at the new ferry terminal on Monday. (AP Photo/Jane Roe)",
    "The port at dawn | Photo: Harbour Agency",
    "[Photo: Wikimedia Commons]",
    "Photo credit: Harbour Agency",
    "A crane lifts a container onto a ship. (Getty Images)",
    "Related: Ferry fares to rise next year",
    "READ MORE: How the port grew",
    "See also: the harbour's history",
    "Share this article",
    "Click to share on Twitter (Opens in new window)",
    "Facebook Twitter Email",
    "Sign up for our daily newsletter to get the news in your inbox",
    "By Jane Roe, Harbour News",
    "BY JANE ROE",
    "(Reporting by Jane Roe; Editing by John Doe)",
])
def test_furniture_lines_are_not_sentences_events_or_quotations(furniture: str) -> None:
    paragraphs = BODY.split("\n\n")
    text = "\n\n".join([paragraphs[0], furniture, *paragraphs[1:]])
    document = _read(text)
    sentences = _sentences(document)
    assert sentences == _sentences(_read(BODY))
    assert not any(furniture in s or s in furniture for s in sentences)
    mentions = extract_date_mentions(document)
    events = candidate_events(document, mentions)
    quotes, _ = extract_quotes_and_people(document)
    assert [q.text for q in quotes] == ["This terminal will carry twice as many passengers,"]
    assert events and all(furniture not in e.sentence for e in events)


def test_a_credit_inside_a_paragraph_is_cut_out_and_the_paragraph_kept() -> None:
    text = ("The ferry left at noon (Photo: Harbour Agency) and reached the island before dark, "
            "the crew said. It carried four hundred passengers on its first trip.\n")
    document = _read(text)
    assert _sentences(document)[0] == ("The ferry left at noon and reached the island before "
                                       "dark, the crew said.")


@pytest.mark.parametrize(("dateline", "iso"), [
    ("PORTSMOUTH, Sept 29 (Harbour News) \u2013 ", None),
    ("PORTSMOUTH, Sept. 29, 2025 (Harbour News) -- ", "2025-09-29"),
    ("PORT LOUIS, Mauritius, May 2 \u2014 ", None),
    ("PORTSMOUTH (Harbour News) \u2014 ", None),
])
def test_a_dateline_is_cut_and_its_sentence_kept(dateline: str, iso: str | None) -> None:
    document = _read(dateline + BODY)
    sentences = _sentences(document)
    assert sentences[0] == ("The harbour authority opened the new ferry terminal on Monday "
                            "after three years of work.")
    assert not any("PORT" in s for s in sentences)
    assert (document.date.iso() if document.date else None) == iso


def test_a_dateline_without_a_year_is_completed_by_the_metadata_year() -> None:
    document = parse_document(Path("story.txt"), "PORTSMOUTH, Sept 29 (Harbour News) \u2013 "
                              + BODY, None)
    assert document.month_day == (9, 29)


def test_a_dateline_date_does_not_override_a_given_date() -> None:
    text = "Harbour News\n2024-01-05\n\nPORTSMOUTH, Sept 29, 2025 (Harbour News) \u2013 " + BODY
    document = _read(text)
    assert document.date is not None and document.date.iso() == "2024-01-05"
    assert _sentences(document)[0].startswith("The harbour authority opened")


@pytest.mark.parametrize("prose", [
    "By the end of the year, the terminal will carry a million passengers.",
    "More than 400 passengers sailed on the first day.",
    "SHIPPING – the new terminal opened on Monday.",
    "The photographer, Ana Ruiz, took pictures of the first ferry (her first assignment).",
])
def test_prose_that_looks_like_furniture_stays(prose: str) -> None:
    document = _read(BODY + "\n" + prose + "\n")
    assert prose in _sentences(document)


def test_markdown_links_images_and_emphasis_become_their_text() -> None:
    lines = article_lines([
        "The **port** was [reopened](http://example.org/a_(b)) on *Monday*.",
        "![a ferry](http://example.org/ferry.png)The ferries ran __again__.",
        "- [Home](http://example.org/)",
    ])
    assert lines == ["The port was reopened on Monday.", "The ferries ran again."]


def test_unclosed_brackets_and_stars_are_left_as_they_are() -> None:
    line = "[a](" * 500 + " *a " * 500 + "5 * 3 = 15 and [note"
    assert article_lines([line]) == [line.rstrip()]


def test_a_text_wrapped_at_a_column_is_one_paragraph_per_blank_line() -> None:
    lines = [f"the crew said the sea was calm. It carried grain and {n} sacks of"
             for n in range(3000)]
    lines[0] = lines[0].capitalize()
    lines += ["rice.", "", "A second paragraph starts here, and", "it has two lines."]
    assert [text for text, _ in paragraphs(lines)] == [
        " ".join(lines[:3001]), "A second paragraph starts here, and it has two lines."]
