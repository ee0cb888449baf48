"""Loading articles: furniture stripped, paragraphs mended, metadata applied, bad files skipped."""

from pathlib import Path

import pytest

from bot.corpus.documents import load_corpus
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    return load_corpus(SEEDS)


def test_all_five_seed_articles_load_with_outlet_and_date_from_metadata(seeds) -> None:  # type: ignore[no-untyped-def]
    outlets = {d.doc_id: (d.outlet, d.date.iso() if d.date else None) for d in seeds.documents}
    assert outlets == {
        "000_0a46b999bca5f7d5": ("ExBulletin", "2022-11-26"),
        "001_1bf911eefd242a06": ("Struggle-La-Lucha.org", "2022-10-24"),
        "002_e348b38a999f0b1e": ("CiberCuba", "2025-09-28"),
        "003_0ea2b578a5a920a5": ("The Left Chapter", "2025-09-20"),
        "004_b857d0e20bb916fd": ("Notes from the Cuban Exile Quarter", "2022-11"),
    }
    assert seeds.skipped == []


@pytest.mark.parametrize(
    "furniture",
    ["Related videos:", "No comments:", "Post a Comment", "Filed under:", "2 min read",
     "dining in 1960 |", "Comments", "date 2022-11-26", "(#)"],
)
def test_site_furniture_is_gone(seeds, furniture: str) -> None:  # type: ignore[no-untyped-def]
    for document in seeds.documents:
        assert furniture not in document.text, (document.doc_id, furniture)


def test_paragraphs_broken_mid_sentence_are_joined(seeds) -> None:  # type: ignore[no-untyped-def]
    interview = seeds.document("001_1bf911eefd242a06").text
    assert "in 1960, just a year after the 26th of July Movement came to power" in interview
    blog = seeds.document("004_b857d0e20bb916fd").text
    assert "normal diplomatic relations with the United States." in blog


def test_passages_never_cut_a_sentence_and_offsets_hold(seeds) -> None:  # type: ignore[no-untyped-def]
    for document in seeds.documents:
        for passage in document.passages:
            assert document.text[passage.start:passage.end] == passage.text
            assert passage.sentences, passage.passage_id
            assert passage.sentences[0].start == passage.start
            assert passage.sentences[-1].end == passage.end
            for sentence in passage.sentences:
                assert document.text[sentence.start:sentence.end] == sentence.text
            assert len(passage.text) <= 1000 or len(passage.sentences) == 1


def test_header_facts_are_read_from_the_text_when_there_is_no_metadata(tmp_path: Path) -> None:
    for name in ("001_1bf911eefd242a06.txt", "003_0ea2b578a5a920a5.txt"):
        (tmp_path / name).write_bytes((SEEDS / name).read_bytes())
    corpus = load_corpus(tmp_path)
    interview = corpus.document("001_1bf911eefd242a06")
    assert interview.outlet == "Struggle-La-Lucha.org"
    assert interview.date is not None and interview.date.iso() == "2022-10-24"
    assert interview.author == "Friends of Socialist China"
    left = corpus.document("003_0ea2b578a5a920a5")
    assert left.outlet == "The Left Chapter"
    assert left.author == "Katherin Hormigó Rubio"
    assert left.title == "China and Cuba: 65 years of solidarity"


def test_unreadable_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A sentence about Cuba and China that is long enough.\n")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 con leche".encode("latin-1"))
    corpus = load_corpus(tmp_path)
    assert [d.doc_id for d in corpus.documents] == ["good"]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert reasons == {
        "binary.html": "binary file, not text",
        "empty.txt": "empty file",
        "latin1.md": "not UTF-8 text (save it as UTF-8)",
    }
    assert corpus.documents[0].outlet == "unknown outlet (good)"


def test_html_and_markdown_articles(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '<html lang="en"><head><title>Big news | Daily Planet</title>'
        '<meta property="og:site_name" content="Daily Planet">'
        '<meta name="author" content="Lois Lane">'
        '<link rel="canonical" href="https://planet.example/world/deal">'
        '<meta property="article:published_time" content="2024-05-02T10:00:00Z"></head>'
        "<body><header><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav></header>"
        "<article><h1>Big news</h1><p>Cuba and China signed a deal on Tuesday in Havana, "
        "officials from both governments said.</p><figure><img src='x.jpg'><figcaption>The "
        "minister in Havana on Tuesday.</figcaption></figure><script>var x = 1;</script>"
        "<p>It covers <b>nickel</b> &amp; sugar, and runs for five years, according to a "
        "statement read by the trade minister.</p><p>Critics said the terms had not been "
        "published and asked for a vote in the assembly.</p>"
        "<div class='share'>Share this: <a>Facebook</a> <a>Twitter</a></div></article>"
        "<aside><h3>Related</h3><ul><li><a href='/a'>Sugar prices fall</a></li></ul></aside>"
        "<footer>Comments (3)</footer></body></html>"
    )
    (tmp_path / "note.md").write_text(
        "# A title\n\nThe **blockade** was [criticized](http://x) again.\n"
    )
    corpus = load_corpus(tmp_path)
    page = corpus.document("page")
    assert (page.outlet, page.title, page.author, page.url) == (
        "Daily Planet", "Big news", "Lois Lane", "https://planet.example/world/deal")
    assert page.date is not None and page.date.iso() == "2024-05-02"
    assert "Cuba and China signed a deal on Tuesday in Havana" in page.text
    assert "It covers nickel & sugar, and runs for five years" in page.text
    for furniture in ("Home", "var x", "Share this", "Sugar prices fall", "Comments",
                      "minister in Havana on Tuesday"):
        assert furniture not in page.text, furniture
    note = corpus.document("note")
    assert "The blockade was criticized again." in note.text


def test_a_page_without_an_article_is_skipped_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        "<ul><li><a href='/a'>One</a></li><li><a href='/b'>Two</a></li></ul></body></html>"
    )
    corpus = load_corpus(tmp_path)
    assert corpus.documents == []
    assert [(s.path, s.reason) for s in corpus.skipped] == [
        ("index.html", "no article text after cleaning")]
