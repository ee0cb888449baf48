"""/sources on BASIL: does each outlet's summary of an event come from its own article on it?

BASIL (Fan et al., EMNLP 2019) has 50 events (2010-2014), each covered by Fox News, The New York
Times and HuffPost. All 150 articles are loaded as one corpus through our own pipeline (written
as .txt files with a sources.yaml into a temporary folder, then `load_or_build` and `Answerer`).
For each event, `/sources <main event>` is asked, where the main event is the annotators'
`main-event` field of the event's articles (the most common of the three wordings; they are
one-line descriptions such as "Michael Steele Criticized for Afghanistan Comments").

Reported:
- named_all_three: share of events whose answer names all three outlets;
- top_passage_right: per outlet, the share of events where the outlet's best covering passage
  (the one its summary starts from) comes from that outlet's article on the event;
- summary_sentences_right: the share of summary sentences taken from the outlet's own article on
  the event (the rest come from its articles on other events);
- wrong_outlet_sentences: sentences shown under an outlet that are not verbatim from a passage of
  that outlet (must be 0).

    .venv/bin/python eval/sources_basil.py [--data DIR] [--query main-event|title|entities]
        [--min-share 0.5]

Results go to eval/results/sources_basil.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing newsbot

from bot.answers.answerer import Answerer  # noqa: E402
from bot.answers.types import SourcesAnswer  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.retrieval.cache import load_or_build  # noqa: E402
from bot.retrieval.coverage import find_coverage  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil"
OUT = ROOT / "eval" / "results" / "sources_basil.json"
OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


def load_articles(data: Path) -> list[dict[str, Any]]:
    articles = []
    for path in sorted((data / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        article["doc_id"] = path.stem
        article["outlet"] = OUTLETS[article["source"].lower()]
        articles.append(article)
    return articles


def write_corpus(articles: list[dict[str, Any]], folder: Path) -> None:
    """Each article as title + paragraphs in a .txt file; outlet, date, url in sources.yaml."""
    documents = {}
    for article in articles:
        paragraphs = [" ".join(p) if isinstance(p, list) else str(p)
                      for p in article["body-paragraphs"]]
        text = article["title"] + "\n\n" + "\n\n".join(p for p in paragraphs if p.strip())
        (folder / f"{article['doc_id']}.txt").write_text(text + "\n", encoding="utf-8")
        documents[article["doc_id"]] = {
            "outlet": article["outlet"], "date": article["date"], "url": article.get("url", ""),
            "title": article["title"],
        }
    (folder / "sources.yaml").write_text(
        yaml.safe_dump({"documents": documents}, allow_unicode=True), encoding="utf-8")


def event_query(articles: list[dict[str, Any]], kind: str) -> str:
    if kind == "title":
        return next(a["title"] for a in articles if a["source"].lower() == "nyt")
    if kind == "entities":
        names = Counter(e for a in articles for e in a.get("main-entities", []))
        return " ".join(name for name, _ in names.most_common())
    return Counter(a["main-event"] for a in articles).most_common(1)[0][0]


def evaluate(data: Path, query_kind: str, min_share: float | None = None) -> dict[str, Any]:
    articles = load_articles(data)
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in articles:
        events[article["triplet-uuid"]].append(article)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(articles, folder)
        config = load_config(ROOT / "config.yaml", folder, environ={})
        if min_share is not None:
            config.answers = dataclasses.replace(config.answers, coverage_min_share=min_share)
        started = time.perf_counter()
        no_cache = dataclasses.replace(config.index, cache_dir=None)
        index, _ = load_or_build(folder, config.corpus, no_cache)
        build_seconds = time.perf_counter() - started
    answerer = Answerer(index, config)
    named_all = 0
    top_right: Counter[str] = Counter()
    sentences = right_sentences = wrong_outlet = 0
    per_event = []
    for triplet, trio in sorted(events.items()):
        query = event_query(trio, query_kind)
        own = {a["outlet"]: a["doc_id"] for a in trio}
        answer = answerer.answer("sources", query)
        named = [o.outlet for o in answer.outlets] if isinstance(answer, SourcesAnswer) else []
        named_all += set(own) <= set(named)
        coverage = find_coverage(index, query, config.answers.coverage_min_share)
        best = {o: hits[0].document.doc_id for o, hits in coverage.by_outlet().items()}
        for outlet, doc_id in own.items():
            top_right[outlet] += best.get(outlet) == doc_id
        if isinstance(answer, SourcesAnswer):
            for summary in answer.outlets:
                for text, passage_id in zip(summary.summary, summary.summary_passage_ids,
                                            strict=True):
                    passage = index.passage(passage_id)
                    document = index.document(passage.doc_id)
                    sentences += 1
                    wrong_outlet += document.outlet != summary.outlet or text not in passage.text
                    right_sentences += document.doc_id == own.get(summary.outlet)
        per_event.append({"triplet": triplet, "query": query, "named": named,
                          "top_passage_doc": best, "own_doc": own})
    n = len(events)
    return {
        "data": str(data), "query": query_kind, "events": n, "articles": len(articles),
        "passages": len(index.passages), "index_build_seconds": round(build_seconds, 2),
        "coverage_min_share": config.answers.coverage_min_share,
        "named_all_three": round(named_all / n, 3),
        "top_passage_right": {o: round(top_right[o] / n, 3) for o in OUTLETS.values()},
        "summary_sentences": sentences,
        "summary_sentences_right": round(right_sentences / sentences, 3) if sentences else None,
        "wrong_outlet_sentences": wrong_outlet,
        "per_event": per_event,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--query", choices=["main-event", "title", "entities"],
                        default="main-event")
    parser.add_argument("--min-share", type=float, help="answers.coverage_min_share to use")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.data / "articles").is_dir():
        print(f"BASIL not found at {args.data}", file=sys.stderr)
        return 2
    result = evaluate(args.data, args.query, args.min_share)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    summary = {k: v for k, v in result.items() if k != "per_event"}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
