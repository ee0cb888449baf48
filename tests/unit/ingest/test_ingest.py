"""Adding articles by link and file: what is added is answerable, kept across a restart, and
every bad input gets a reason, with nothing half-added."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from rank_bm25 import BM25Okapi

from bot.answers.answerer import Answerer
from bot.config import Config
from bot.corpus.articles import ArticleStore
from bot.ingest.ingest import Ingestor
from bot.render import to_text
from bot.retrieval.cache import load_or_build
from bot.retrieval.extraction import passage_terms
from bot.retrieval.index import NewsIndex
from bot.retrieval.live import with_stored
from bot.text import tokenize
from tests.conftest import SEEDS
from tests.support.web import Site, article_page, serving

FERRY = [
    "The harbour authority of Portsmouth opened its new ferry terminal on Monday, after three "
    "years of building work that closed the old quay to cars.",
    "\u201cThis terminal will carry twice as many passengers as the old one,\u201d said Marta "
    "Quiroga, the port director, at the opening ceremony.",
    "The old terminal, built in 1971, will close for good in March 2026, officials said, and "
    "its site will become a park with a museum of the harbour.",
]
WIRE = [
    "Fishermen in the northern bay protested on Thursday against new quotas on cod and "
    "haddock set by the regional fisheries board for the coming season.",
    "The board said the quotas would let stocks recover within five years, while the "
    "fishermen's union said hundreds of boats would be tied up for good.",
    "Talks between the union and the board are due to resume next Tuesday in the port town "
    "of Hollowmere, a spokesman for the board said.",
]


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


@pytest.fixture
def config(seed_config: Config, tmp_path: Path) -> Config:
    return dataclasses.replace(
        seed_config,
        ingest=dataclasses.replace(seed_config.ingest, allow_private_hosts=True, host_delay=0,
                                   timeout=5, max_bytes=2_000_000),
    )


def _ingestor(config: Config, seed_index: NewsIndex, path: Path) -> Ingestor:
    return Ingestor(ArticleStore(path), config, seed_index)


def _add(ingestor: Ingestor, url: str) -> str:
    report = asyncio.run(ingestor.add_url(url))
    return report.text()


def test_a_link_becomes_an_answerable_article_kept_across_a_restart(
    site: Site, config: Config, seed_index: NewsIndex, tmp_path: Path
) -> None:
    url = site.page("/news/ferry", article_page("Ferry terminal opens", "Harbour Post",
                                                "2025-06-02", FERRY))
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    swapped: list[NewsIndex] = []
    ingestor.on_index = swapped.append
    report = asyncio.run(ingestor.add_url(url))
    assert report.text().split("\n")[:2] == [
        "Added: Harbour Post, 2 Jun 2025 — “Ferry terminal opens”", url]
    assert report.added and (report.passages, report.quotations) == (2, 1)
    assert report.events >= 2  # "in 1971", "in March 2026" (and Monday, dated by the page)
    index = swapped[-1]
    hit = index.search("ferry terminal passengers", 1)[0]
    assert hit.document.outlet == "Harbour Post" and "twice as many passengers" in hit.passage.text
    assert len(index.documents) == len(seed_index.documents) + 1
    # BM25 over the whole current corpus, as rank-bm25 scores it
    terms = [passage_terms(p) for p in index.passages]
    okapi = BM25Okapi(terms, k1=config.index.k1, b=config.index.b)
    query = tokenize("ferry terminal Cuba")
    found, scores = index.postings.scores(query)
    expected = okapi.get_scores(query)
    assert scores.tolist() == [expected[i] for i in found]
    ingestor.store.close()
    # A restart: the article is read back from the store, not extracted again (its page is
    # blanked in the store, so only the kept extraction can give it back)
    with sqlite3.connect(tmp_path / "a.sqlite3") as db:
        db.execute("UPDATE articles SET body = ''")
    store = ArticleStore(tmp_path / "a.sqlite3")
    restarted = with_stored(seed_index, store, config.corpus, config.index)
    hit = restarted.search("ferry terminal passengers", 1)[0]
    assert hit.document.outlet == "Harbour Post"
    assert restarted.postings.to_arrays()[0] == index.postings.to_arrays()[0]


def test_the_same_link_or_text_twice_is_one_article(
    site: Site, config: Config, seed_index: NewsIndex, tmp_path: Path
) -> None:
    page = article_page("Ferry terminal opens", "Harbour Post", "2025-06-02", FERRY)
    first = site.page("/news/ferry", page)
    again = site.page("/amp/ferry", page)
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    assert asyncio.run(ingestor.add_url(first)).added
    same_url = asyncio.run(ingestor.add_url(first + "#comments"))
    assert same_url.status == "duplicate"
    assert same_url.text() == ("Already in the corpus (same address): Harbour Post, "
                               "2 Jun 2025 — “Ferry terminal opens”")
    assert asyncio.run(ingestor.add_url(again)).text().startswith(
        "Already in the corpus (same text): Harbour Post")
    assert len(ingestor.index.documents) == len(seed_index.documents) + 1
    assert len(ingestor.store) == 1


def test_a_wire_story_republished_is_kept_once_with_every_outlet_that_carried_it(
    site: Site, config: Config, seed_index: NewsIndex, tmp_path: Path
) -> None:
    wire = site.page("/wire/quotas", article_page("Fishermen protest quotas", "Coast Wire",
                                                  "2025-03-06", WIRE))
    copy = site.page("/copy/quotas", article_page(
        "Angry fishermen take on the board", "Bay Daily", "2025-03-07",
        [*WIRE, "Bay Daily will follow the talks."]))
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    assert asyncio.run(ingestor.add_url(wire)).added
    carried = asyncio.run(ingestor.add_url(copy))
    assert carried.status == "carried", carried.text()
    assert carried.text().startswith("The same story as Coast Wire, 6 Mar 2025 — “Fishermen "
                                     "protest quotas”")
    assert "noting that Bay Daily carried it too" in carried.text()
    (stored,) = ingestor.store.articles()
    assert ingestor.store.carriers() == {stored.doc_id: ["Bay Daily"]}
    assert len(ingestor.index.documents) == len(seed_index.documents) + 1
    answer = to_text(Answerer(ingestor.index, config).answer("search", "fishermen quotas"))
    assert "Coast Wire, carried by Bay Daily · 6 Mar 2025" in answer
    restarted = with_stored(seed_index, ingestor.store, config.corpus, config.index)
    assert restarted.carriers == {stored.doc_id: ["Bay Daily"]}


@pytest.mark.parametrize(("route", "reason"), [
    ("/photo.png", "it is not a page with an article (image/png)"),
    ("/links", "no article text found in it"),
    ("/huge", "it is larger than 2 MB"),
    ("/elsewhere", "it redirects to another site (http://localhost:"),
    ("/missing", "the site answered 404 Not Found"),
    ("/slow", "the site did not answer within 1 s"),
])
def test_bad_links_are_refused_with_the_reason(
    site: Site, config: Config, seed_index: NewsIndex, tmp_path: Path, route: str, reason: str
) -> None:
    site.page("/photo.png", b"\x89PNG\r\n", "image/png")
    site.page("/links", "<html><body><ul><li><a href='/a'>One</a></li></ul></body></html>")
    site.page("/huge", b"", stream_bytes=50_000_000)
    port = site.base.rsplit(":", 1)[1]
    site.page("/elsewhere", b"", status=302,
              headers={"Location": f"http://localhost:{port}/news"})
    site.page("/slow", article_page("Late", "Slow Times", "2025-01-01", FERRY), delay=3)
    config = dataclasses.replace(config, ingest=dataclasses.replace(config.ingest, timeout=1))
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    report = asyncio.run(ingestor.add_url(site.base + route))
    assert report.status == "refused"
    assert reason in report.text()
    assert len(ingestor.store) == 0 and ingestor.index is seed_index


def test_an_unreachable_host_and_a_private_address_are_refused(
    config: Config, seed_index: NewsIndex, tmp_path: Path
) -> None:
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    closed = asyncio.run(ingestor.add_url("http://127.0.0.1:9/news"))
    assert closed.text().startswith("Not added: http://127.0.0.1:9/news: could not reach "
                                    "127.0.0.1")
    strict = dataclasses.replace(config, ingest=dataclasses.replace(
        config.ingest, allow_private_hosts=False))
    ingestor = _ingestor(strict, seed_index, tmp_path / "b.sqlite3")
    for url in ("http://127.0.0.1:8080/", "http://[::1]/x", "http://169.254.169.254/latest",
                "http://10.1.2.3/", "file:///etc/passwd"):
        report = asyncio.run(ingestor.add_url(url))
        assert report.status == "refused", url
        assert ("private or local address" in report.reason
                or "only http:// and https://" in report.reason), report.reason


def test_a_page_in_another_encoding_is_read_in_it(
    site: Site, config: Config, seed_index: NewsIndex, tmp_path: Path
) -> None:
    paragraphs = [p.replace("Quiroga", "Quiroga Núñez").replace("\u201c", '"')
                  .replace("\u201d", '"') for p in FERRY]
    page = article_page("Terminal de ferris", "Diário do Porto", "2025-06-02", paragraphs)
    url = site.page("/latin", page.encode("latin-1"), "text/html; charset=iso-8859-1")
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    report = asyncio.run(ingestor.add_url(url))
    assert report.added and report.outlet == "Diário do Porto"
    assert "Quiroga Núñez" in ingestor.index.document(report.doc_id).text


def test_files_are_added_and_bad_files_refused(
    config: Config, seed_index: NewsIndex, tmp_path: Path
) -> None:
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    text = "Ferry terminal opens\n2025-06-02\n\n" + "\n\n".join(FERRY)
    added = asyncio.run(ingestor.add_file("ferry.txt", text.encode(), outlet="Harbour Post"))
    assert added.added
    assert (added.outlet, added.title, added.date) == (
        "Harbour Post", "Ferry terminal opens", "2 Jun 2025")
    assert asyncio.run(ingestor.add_file("ferry-copy.md", text.encode())).status == "duplicate"
    refused = {name: asyncio.run(ingestor.add_file(name, data)).reason for name, data in {
        "photo.jpg": b"\xff\xd8",
        "latin.txt": "Caf\xe9 con leche".encode("latin-1"),
        "scan.pdf": b"%PDF-1.4 not really",
    }.items()}
    assert refused["photo.jpg"] == "only .html, .txt, .md and .pdf files can be added"
    assert refused["latin.txt"] == "not UTF-8 text (save it as UTF-8)"
    assert refused["scan.pdf"].startswith("not a readable PDF")
    assert len(ingestor.store) == 1


def test_seeds_folder_is_still_the_base(seed_index: NewsIndex) -> None:
    assert {d.doc_id for d in seed_index.documents} == {p.stem for p in SEEDS.glob("*.txt")}


def test_load_or_build_then_stored_articles(config: Config, tmp_path: Path) -> None:
    index, _ = load_or_build(SEEDS, config.corpus, config.index)
    store = ArticleStore(tmp_path / "empty.sqlite3")
    assert with_stored(index, store, config.corpus, config.index) is index


def test_links_added_together_are_checked_against_each_other(
    site: Site, config: Config, seed_index: NewsIndex, tmp_path: Path
) -> None:
    wire = site.page("/wire", article_page("Fishermen protest quotas", "Coast Wire",
                                           "2025-03-06", WIRE))
    copy = site.page("/copy", article_page("Fishermen take on the board", "Bay Daily",
                                           "2025-03-07", [*WIRE, "Bay Daily will follow it."]))
    ferry = site.page("/ferry", article_page("Ferry terminal opens", "Harbour Post",
                                             "2025-06-02", FERRY))
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    swaps: list[NewsIndex] = []
    ingestor.on_index = swaps.append
    reports = asyncio.run(ingestor.add_urls([wire, copy, ferry, wire, site.base + "/gone"]))
    assert [r.status for r in reports] == ["added", "carried", "added", "duplicate", "refused"]
    assert len(swaps) == 1  # one extension of the index for the lot
    assert len(swaps[0].documents) == len(seed_index.documents) + 2


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with these lines of text (Helvetica), written by hand."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
               for line in lines]
    content = "BT /F1 11 Tf 40 800 Td 14 TL " + " ".join(f"({e}) '" for e in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return out


def test_a_pdf_is_read_as_text(config: Config, seed_index: NewsIndex, tmp_path: Path) -> None:
    ingestor = _ingestor(config, seed_index, tmp_path / "a.sqlite3")
    lines = ["Ferry terminal opens",
             "The harbour authority of Portsmouth opened its new ferry terminal on Monday,",
             "after three years of building work that closed the old quay to cars.",
             "The old terminal, built in 1971, will close for good in March 2026."]
    report = asyncio.run(ingestor.add_file("ferry.pdf", _pdf(lines), outlet="Harbour Post"))
    assert report.added and report.title == "Ferry terminal opens", report.text()
    text = ingestor.index.document(report.doc_id).text
    assert "opened its new ferry terminal on Monday, after three years of building work" in text


def test_the_corpus_folder_is_imported_into_the_store_once(
    config: Config, seed_index: NewsIndex, tmp_path: Path
) -> None:
    store = ArticleStore(tmp_path / "a.sqlite3")
    started = with_stored(seed_index, store, config.corpus, config.index)
    assert started is seed_index  # nothing extracted: the folder's index is as it was built
    assert len(store) == len(seed_index.documents)
    first = seed_index.documents[0]
    kept = store.find(url=first.url)
    assert kept is not None and (kept.doc_id, kept.outlet, kept.added_by) == (
        first.doc_id, first.outlet, "corpus folder")
    assert store.analysis(first.doc_id, "any") is None  # its extraction stays in the cache
    # a restart imports nothing again; a file of the folder sent again is already there
    assert with_stored(seed_index, store, config.corpus, config.index) is seed_index
    assert len(store) == len(seed_index.documents)
    ingestor = Ingestor(store, config, seed_index)
    again = asyncio.run(ingestor.add_file(Path(first.path).name,
                                          (SEEDS / first.path).read_bytes()))
    assert again.status == "duplicate" and again.outlet == first.outlet, again.text()

def test_an_article_taken_out_of_the_folder_stays_in_the_store(
    config: Config, tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ferry.txt").write_text("Ferry terminal opens\n2025-06-02\n\n" + "\n\n".join(FERRY))
    (folder / "quotas.txt").write_text("Fishermen protest quotas\n2025-03-06\n\n"
                                       + "\n\n".join(WIRE))
    (folder / "sources.yaml").write_text("documents:\n  ferry: {outlet: Harbour Post}\n"
                                         "  quotas: {outlet: Coast Wire}\n")
    settings = dataclasses.replace(config.index, cache_dir=tmp_path / "cache")
    store = ArticleStore(tmp_path / "a.sqlite3")
    index, _ = load_or_build(folder, config.corpus, settings)
    with_stored(index, store, config.corpus, settings)
    assert {a.outlet for a in store.articles()} == {"Harbour Post", "Coast Wire"}
    (folder / "ferry.txt").unlink()
    smaller, _ = load_or_build(folder, config.corpus, settings)
    restarted = with_stored(smaller, store, config.corpus, settings)
    hit = restarted.search("ferry terminal twice as many passengers", 1)[0]
    assert (hit.document.doc_id, hit.document.outlet) == ("ferry", "Harbour Post")
    assert len(restarted.documents) == 2 and len(store) == 2
