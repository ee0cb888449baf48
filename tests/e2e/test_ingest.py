"""End to end: articles added from Telegram (a link, /add, /feeds) against pages and feeds
served on 127.0.0.1, then asked about; what a Telegram user would see."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.answers.answerer import Answerer
from bot.config import Config
from bot.corpus.articles import ArticleStore
from bot.ingest.feeds import poll_feeds
from bot.retrieval.index import NewsIndex
from bot.retrieval.live import with_stored
from handlers.application import build_application
from tests.conftest import on_telegram
from tests.e2e.test_app import ask
from tests.support.fake_bot_api import FakeBotApi, polling
from tests.support.web import Site, article_page, rss, serving
from tests.unit.ingest.test_ingest import FERRY, WIRE

pytestmark = pytest.mark.timeout(60)

ADMIN, STRANGER = 1001, 2002
GROUP = -100_001


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as served:
        served.page("/ferry", article_page("Ferry terminal opens", "Harbour Post", "2025-06-02",
                                           FERRY))
        served.page("/quotas", article_page("Fishermen protest quotas", "Coast Wire",
                                            "2025-03-06", WIRE))
        yield served


@pytest.fixture
def config(seed_config: Config, tmp_path: Path) -> Config:
    ingest = dataclasses.replace(seed_config.ingest, admins=(ADMIN,), allow_private_hosts=True,
                                 host_delay=0, timeout=5, store=tmp_path / "articles.sqlite3")
    return dataclasses.replace(seed_config, ingest=ingest)


@dataclasses.dataclass
class Bot:
    api: FakeBotApi
    answerer: Answerer
    application: object

    async def say(self, text: str, **kwargs: object) -> str:
        return (await ask(self.api, text, **kwargs)).plain_text


@pytest.fixture
async def bot(config: Config, seed_index: NewsIndex) -> AsyncIterator[Bot]:
    answerer = Answerer(seed_index, config)  # its own: adding must not change other tests'
    with FakeBotApi() as api:
        application = build_application(on_telegram(config, api.token, api.base_url), answerer)
        async with polling(application) as running:
            yield Bot(api, answerer, running)


async def test_a_link_sent_in_private_becomes_an_answerable_article(bot: Bot, site: Site) -> None:
    reply = await bot.say(site.base + "/ferry")
    assert reply.startswith("Added: Harbour Post, 2 Jun 2025 — “Ferry terminal opens”")
    assert "1 quotation" in reply
    answer = await bot.say("/search ferry terminal passengers")
    assert "Harbour Post" in answer and "twice as many passengers" in answer
    again = await bot.say(site.base + "/ferry")
    assert again.startswith("Already in the corpus (same address): Harbour Post")


async def test_who_may_add(bot: Bot, site: Site) -> None:
    assert (await bot.say(site.base + "/ferry", user_id=STRANGER)).startswith(
        "Only the people this bot's operator named")
    assert (await bot.say(f"/add {site.base}/ferry", chat_type="group",
                          user_id=STRANGER)).startswith("Only the people")
    bot.api.set_admins(GROUP, [STRANGER])
    reply = await bot.say(f"/add {site.base}/quotas", chat_type="group", user_id=STRANGER)
    assert reply.startswith("Added: Coast Wire")
    assert (await bot.say("/add", chat_type="group", user_id=STRANGER)).startswith(
        "Send /add followed by the address")


PUERTO = ["El puerto de Mariel recibió este lunes el primer buque de la nueva ruta con Asia.",
          "«Esta ruta reduce a la mitad el tiempo de espera de las mercancías», afirmó la "
          "directora del puerto, Elena Ruiz, ante los trabajadores."]


async def test_a_spanish_speaking_admin_adds_a_spanish_page_and_is_answered_in_spanish(
        bot: Bot, site: Site) -> None:
    site.page("/puerto", article_page("Nueva ruta marítima", "Diario del Puerto", "2025-03-03",
                                      PUERTO, lang="es"))
    reply = await bot.say(site.base + "/puerto", language_code="es")
    assert reply.startswith("Añadido: Diario del Puerto, 3 mar 2025 — “Nueva ruta marítima”")
    assert "1 cita" in reply
    quoted = await bot.say("/quote Elena Ruiz", language_code="es")
    assert "Esta ruta reduce a la mitad el tiempo de espera" in quoted
    assert "Elena Ruiz, directora del puerto" in quoted
    refused = await bot.say(site.base + "/puerto", user_id=STRANGER, language_code="es")
    assert refused.startswith("Solo las personas que nombró quien opera este bot")
    missing = await bot.say(f"/add {site.base}/nada", language_code="es")
    assert missing == f"No se añadió: {site.base}/nada: el sitio respondió 404 Not Found."


async def test_bad_links_get_a_reason_and_the_bot_stays_up(bot: Bot, site: Site) -> None:
    site.page("/photo", b"\x89PNG", "image/png")
    for path, reason in (("/nothing-here", "the site answered 404 Not Found"),
                         ("/photo", "it is not a page with an article (image/png)")):
        reply = await bot.say(f"/add {site.base}{path}")
        assert reply == f"Not added: {site.base}{path}: {reason}."
    assert "passages for “blockade”" in await bot.say("/search blockade")


async def test_feeds_polled_twice_add_only_new_items_and_survive_a_restart(
    bot: Bot, site: Site, config: Config, seed_index: NewsIndex
) -> None:
    feed = site.page("/feed.xml", rss("Harbour feeds", [("Ferry", site.base + "/ferry")]),
                     "application/rss+xml", headers={"ETag": '"v1"'})
    reply = await bot.say(f"/feeds add {feed}")
    assert reply == f"Following Harbour feeds ({feed}): 1 new item, 1 added."
    assert await bot.say("/feeds") == f"Feeds followed:\nHarbour feeds: {feed}"
    ingestor = bot.answerer and bot.application.bot_data.ingestor  # type: ignore[attr-defined]
    (unchanged,) = await poll_feeds(ingestor)
    assert unchanged.status == "unchanged"
    assert site.requests[-1][1].get("If-None-Match") == '"v1"'
    site.page("/feed.xml", rss("Harbour feeds", [("Quotas", site.base + "/quotas"),
                                                 ("Ferry", site.base + "/ferry")]),
              "application/rss+xml", headers={"ETag": '"v2"'})
    (polled,) = await poll_feeds(ingestor)
    assert [r.text().split("\n")[0] for r in polled.reports] == [
        "Added: Coast Wire, 6 Mar 2025 — “Fishermen protest quotas”"]
    assert site.hits("/ferry") == 1
    assert "Coast Wire" in await bot.say("/search fishermen quotas haddock")
    # a restart: everything added is read back from the store
    store = ArticleStore(config.store_path)
    restarted = Answerer(with_stored(seed_index, store, config.corpus, config.index), config)
    store.close()
    outlets = restarted.outlets()
    assert "Harbour Post" in outlets and "Coast Wire" in outlets
    assert await bot.say(f"/feeds remove {feed}") == f"No longer following {feed}."


async def test_a_page_that_is_not_a_feed_is_refused(bot: Bot, site: Site) -> None:
    reply = await bot.say(f"/feeds add {site.base}/ferry")
    assert reply == f"Not followed: {site.base}/ferry: it is not an RSS or Atom feed."
    assert await bot.say("/feeds add x y") == (
        "/feeds lists the feeds followed; /feeds add <url> follows one; "
        "/feeds remove <url> stops.")


async def test_other_chats_are_answered_while_a_page_is_being_added(bot: Bot, site: Site) -> None:
    # the page takes 4 s (the fetch may take 5): ample for the other chat's answer on a busy
    # machine, which is what the test is about
    slow = site.page("/slow", article_page("Late ferry", "Slow Times", "2025-06-03", FERRY),
                     delay=4)
    bot.api.push_message(f"/add {slow}", user_id=ADMIN)
    answer = await bot.say("/search blockade", user_id=STRANGER)
    assert "passages for “blockade”" in answer
    assert not any("Slow Times" in text for text in bot.api.sent_texts(ADMIN))
    added = await bot.api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == ADMIN)
    assert (added.plain_text or "").startswith("Added: Slow Times")


async def test_a_document_sent_to_the_bot_becomes_an_answerable_article(bot: Bot) -> None:
    text = "Ferry terminal opens\n2025-06-02\n\n" + "\n\n".join(FERRY)
    added = await _document(bot, "ferry.txt", text.encode(), "text/plain")
    assert added.startswith("Added: ") and "2 Jun 2025 — “Ferry terminal opens”" in added
    assert "1 quotation" in added
    answer = await bot.say("/search ferry terminal twice as many passengers")
    assert "twice as many passengers" in answer
    page = article_page("Fishermen protest quotas", "Coast Wire", "2025-03-06", WIRE)
    reply = await _document(bot, "quotas.html", page.encode(), "text/html")
    assert reply.startswith("Added: Coast Wire, 6 Mar 2025 — “Fishermen protest quotas”")
    assert "Coast Wire" in await bot.say("/search fishermen quotas haddock")
    assert len(bot.api.calls_of("getFile")) == 2


async def test_a_document_too_big_or_of_another_kind_gets_a_clear_answer(
    bot: Bot, config: Config
) -> None:
    limit = config.ingest.max_bytes
    reply = await _document(bot, "huge.txt", limit + 1, "text/plain")
    assert reply == f"Not added: huge.txt: it is larger than {limit / 1e6:g} MB."
    reply = await _document(bot, "scan.jpg", b"\xff\xd8\xff\xe0", "image/jpeg")
    assert reply == "Not added: scan.jpg: only .html, .txt, .md and .pdf files can be added."
    reply = await _document(bot, "latin.txt", "Caf\xe9 con leche".encode("latin-1"),
                            "text/plain")
    assert reply == "Not added: latin.txt: not UTF-8 text (save it as UTF-8)."
    ingestor = bot.application.bot_data.ingestor  # type: ignore[attr-defined]
    assert len(bot.api.calls_of("getFile")) == 1 and len(ingestor.store) == 0
    assert (await bot.say("/search blockade")).startswith("🔎")


async def test_a_file_over_telegrams_download_limit_is_told_so(
    config: Config, seed_index: NewsIndex
) -> None:
    roomy = dataclasses.replace(config, ingest=dataclasses.replace(config.ingest,
                                                                    max_bytes=100_000_000))
    with FakeBotApi() as api:
        application = build_application(on_telegram(roomy, api.token, api.base_url),
                                        Answerer(seed_index, roomy))
        async with polling(application):
            api.push_document("archive.txt", 21 * 1024 * 1024, "text/plain", user_id=ADMIN)
            reply = await api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == ADMIN)
    assert reply.plain_text == ("Not added: archive.txt: it is larger than 20 MB, the most "
                                "Telegram lets a bot download.")


async def _document(bot: Bot, name: str, data: bytes | int, mime_type: str) -> str:
    bot.api.push_document(name, data, mime_type, user_id=ADMIN)
    sent = await bot.api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == ADMIN)
    return sent.plain_text or ""
