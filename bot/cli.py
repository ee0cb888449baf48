"""The `newsbot` command: run on Telegram, chat in the console, ask once, or build the index.

With no token configured, `newsbot` opens the console chat on the bundled corpus, so a newcomer
sees answers at once instead of an error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from bot.answers.answerer import Answerer
from bot.answers.scope import Scope
from bot.answers.types import Answer
from bot.config import Config, ConfigError, load_config
from bot.corpus.articles import ArticleStore
from bot.i18n import speaking, tr
from bot.logs import setup_logging
from bot.render import to_text
from bot.retrieval.cache import load_or_build
from bot.retrieval.index import NewsIndex
from bot.retrieval.live import with_stored

log = logging.getLogger("newsbot")

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", help="config file (env NEWSBOT_CONFIG)")
    common.add_argument("--corpus", metavar="DIR", help="folder of articles (env NEWSBOT_CORPUS)")
    common.add_argument("--language", metavar="CODE", default="en",
                        help="the language of the bot's own words: en (default) or es")
    parser = argparse.ArgumentParser(
        prog="newsbot",
        description="Ask what each news outlet actually reported. Without a command: run on "
        "Telegram if a token is configured, else open the console chat.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", parents=[common], help="long-poll Telegram (needs a token)")
    commands.add_parser("chat", parents=[common], help="chat in the console")
    ask = commands.add_parser("ask", parents=[common], help="answer one message and exit")
    ask.add_argument("message", help='e.g. "/timeline blockade" or plain words')
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    commands.add_parser("index", parents=[common], help="build the index and report on it")
    add = commands.add_parser("add", parents=[common],
                              help="add articles by link or file, or follow a feed")
    add.add_argument("sources", nargs="*", metavar="URL|FILE",
                     help="pages (http/https) and .html/.txt/.md/.pdf files")
    add.add_argument("--feed", action="append", default=[], metavar="URL",
                     help="follow an RSS or Atom feed and add its articles now")
    add.add_argument("--outlet", default="", help="the outlet of the files added")
    return parser


def open_index(config: Config, progress: bool = False) -> tuple[NewsIndex, bool]:
    """The corpus folder's index (from the cache when unchanged) with the articles added to
    the store appended."""
    bar = _progress_bar if progress else None
    index, cached = load_or_build(config.corpus.dir, config.corpus, config.index, bar)
    store = ArticleStore(config.store_path)
    try:
        return with_stored(index, store, config.corpus, config.index), cached
    finally:
        store.close()


def _progress_bar(files: list[Path]) -> Iterable[Path]:
    from tqdm import tqdm

    return tqdm(files, desc="reading articles", unit="file", file=sys.stderr)


# Runs the bot on Telegram until interrupted; the exit code. Given by `handlers`, the one package
# that knows Telegram, so that this core stays free of it.
TelegramRunner = Callable[[Config, Answerer], int]


def main(argv: Sequence[str] | None = None, telegram: TelegramRunner | None = None) -> int:
    """The `newsbot` command; without `telegram`, `newsbot run` says it cannot run there."""
    args = _parser().parse_args(argv)
    try:
        config = load_config(args.config, args.corpus)
    except ConfigError as error:
        print(f"newsbot: {error}", file=sys.stderr)
        return EXIT_USAGE
    setup_logging(config.logging.level, secrets=[config.telegram.token])
    command = args.command or ("run" if config.telegram.token else "chat")
    if command == "run" and not config.telegram.token:
        print("newsbot: no Telegram token. Set TELEGRAM_BOT_TOKEN (from @BotFather) or "
              "telegram.token in config.yaml; `newsbot chat` works without one.", file=sys.stderr)
        return EXIT_USAGE
    try:
        index, cached = open_index(config, progress=command == "index")
    except FileNotFoundError as error:
        print(f"newsbot: {error}. Point --corpus (or NEWSBOT_CORPUS) at a folder of articles.",
              file=sys.stderr)
        return EXIT_USAGE
    if not index.documents:
        print(f"newsbot: no readable articles in {config.corpus.dir} "
              "(.txt, .md or .html files).", file=sys.stderr)
        if command != "index":
            return EXIT_USAGE
    if command == "index":
        print(index_report(index, config, cached))
        return 0
    if command == "add":
        return add_articles(config, index, args.sources, args.feed, args.outlet)
    answerer = Answerer(index, config)
    if command == "ask":
        answer = answerer.answer_text(args.message, Scope(language=args.language))
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        else:
            print(to_text(answer))
        if getattr(answer, "chart", False):
            print(write_chart(answer), file=sys.stderr)
        return 0
    if command == "chat":
        if args.command is None:
            print("No Telegram token configured, so here is the console chat on "
                  f"{config.corpus.dir.name}/ (set TELEGRAM_BOT_TOKEN to run on Telegram).\n")
        return console_chat(answerer, getattr(args, "language", "en"))
    if telegram is None:
        print("newsbot: this entry point has no Telegram front end; use the `newsbot` command.",
              file=sys.stderr)
        return EXIT_USAGE
    return telegram(config, answerer)


def add_articles(config: Config, index: NewsIndex, sources: Sequence[str], feeds: Sequence[str],
                 outlet: str = "") -> int:
    """`newsbot add`: each link, file and feed's new items added, with what became of it;
    exit code 1 if something could not be added."""
    if not sources and not feeds:
        print("newsbot add: give links, files or --feed URL", file=sys.stderr)
        return EXIT_USAGE
    # here, not at the top: the other commands start without the fetching libraries
    from bot.ingest.feeds import follow_feed
    from bot.ingest.ingest import Ingestor, Report
    store = ArticleStore(config.store_path)
    ingestor = Ingestor(store, config, index)

    async def run() -> list[Report]:
        reports = []
        for source in sources:
            if source.startswith(("http://", "https://")):
                reports.append(await ingestor.add_url(source, "shell"))
                continue
            path = Path(source)
            try:
                data = path.read_bytes()
            except OSError as error:
                reports.append(Report("refused", source, error.strerror or str(error)))
                continue
            reports.append(await ingestor.add_file(path.name, data, "shell", outlet))
        for feed in feeds:
            followed = await follow_feed(ingestor, feed, "shell")
            print(followed.text())
            reports += followed.reports
        return reports

    try:
        reports = asyncio.run(run())
    finally:
        store.close()
    for report in reports:
        print(report.text())
    return 1 if any(r.status == "refused" for r in reports) else 0


def write_chart(answer: Answer) -> str:
    """Save the answer's chart as a PNG in the current folder; say where, or why not."""
    from bot.charts import NOT_INSTALLED, ChartsUnavailable, chart_png, has_chart

    with speaking(answer.language):
        if not has_chart(answer):
            return tr("No chart for this answer.")
        try:
            png = chart_png(answer)
        except ChartsUnavailable:
            return tr(NOT_INSTALLED)
        path = Path(f"newsbot-{answer.command}-chart.png").resolve()
        path.write_bytes(png)
        return tr("Chart: {path}", path=path)


def index_report(index: NewsIndex, config: Config, cached: bool) -> str:
    lines = [
        f"Corpus: {config.corpus.dir}",
        f"Index: {'loaded from cache' if cached else 'built'} ({config.index.cache_dir})",
        f"{len(index.documents)} documents, {len(index.passages)} passages, "
        f"{len(index.mentions)} date mentions, {len(index.quotes)} quotations",
        "Documents per outlet:",
    ]
    counts: dict[str, int] = {}
    for document in index.documents:
        counts[document.outlet] = counts.get(document.outlet, 0) + 1
    lines += [f"  {count:5d}  {outlet}" for outlet, count in counts.items()]
    skipped = index.corpus.skipped
    lines.append(f"Skipped files: {len(skipped)}")
    lines += [f"  {s.path}: {s.reason}" for s in skipped]
    return "\n".join(lines)


def console_chat(answerer: Answerer, language: str = "en") -> int:
    """A read-answer loop on stdin; the same messages and answers as in Telegram, as text."""
    scope = Scope(language=language)
    print(to_text(answerer.answer("help", "", scope)))
    print("\nType a command or some words; an empty line or Ctrl-D quits.\n")
    while True:
        try:
            message = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not message.strip():
            return 0
        print()
        print(to_text(answerer.answer_text(message, scope)))
        print()
