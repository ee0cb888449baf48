"""/timeline against Timeline17's gold timelines, scored like Ghalandari & Ifrim (ACL 2020).

For each topic in ../shared/data/t17, all its articles are the corpus (the folder name is the
publication date) and keywords.json is the query. For each gold timeline, the bot's events
inside the gold timeline's span are cut to its number of dates (the most important, by the
bot's `day_importance`) and to its average number of sentences per date (the most
reported events of that date first), as in the news-tls experiments. Scores come from the
`tilse` package: date F1 (shared dates over predicted and gold dates) and alignment-based
ROUGE-1 / ROUGE-2 F1 (`evaluate_align_date_content_costs_many_to_one`). Published on T17:
CLUST date F1 0.39, DATEWISE about 0.54.

Only day-precise events can match a gold date; the bot's own timeline keeps coarser ones too.
The bot keeps a dated sentence for a topic when the sentence uses a query word. Some
keywords.json queries ("bpoil", "MJ") are no word of any article: the topic's whole corpus is then
used, and the output says so. `--whole-corpus` ignores the query everywhere (every article of a
topic is on it), which shows what the sentence-level topic filter costs.

The topics are split once, by story: rules are tuned on `tune` (two stories: H1N1 and the oil
spill, five timelines) and `heldout` is only reported (the other timelines of those stories,
and two stories never looked at while tuning: Michael Jackson and Haiti).

    .venv/bin/pip install -e '.[eval]'
    .venv/bin/python eval/timeline_t17.py                  # all ten topics, a few minutes
    .venv/bin/python eval/timeline_t17.py --split tune     # what rules are tuned on
    .venv/bin/python eval/timeline_t17.py --split heldout  # reported only
    .venv/bin/python eval/timeline_t17.py --whole-corpus
    .venv/bin/python eval/timeline_t17.py --topics H1N1_bbc
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.answers.timeline import build_timeline  # noqa: E402
from bot.answers.types import Event  # noqa: E402
from bot.corpus.documents import Corpus, parse_document  # noqa: E402
from bot.corpus.metadata import SourceMeta  # noqa: E402
from bot.extract.dates import extract_date_mentions  # noqa: E402
from bot.extract.events import candidate_events  # noqa: E402
from bot.models import Document, PartialDate  # noqa: E402
from bot.retrieval.bm25 import BM25Postings  # noqa: E402
from bot.retrieval.extraction import passage_terms  # noqa: E402
from bot.retrieval.index import NewsIndex  # noqa: E402
from bot.text import tokenize  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "t17"
RESULTS = REPO / "eval" / "results"

TUNE = ("H1N1_bbc", "H1N1_guardian", "bpoil_bbc", "bpoil_foxnews", "bpoil_guardian")
HELDOUT = ("H1N1_reuters", "MJ_bbc", "bpoil_reuters", "bpoil_washingtonpost", "haiti_bbc")

_PTB = [("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("``", '"'), ("''", '"')]


def detokenize(text: str) -> str:
    """Undo the Penn Treebank tokenization of T17 texts enough for dates to read naturally."""
    for token, char in _PTB:
        text = text.replace(token, char)
    text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return re.sub(r" (['’](?:s|re|ve|ll|d|m)\b|n't\b)", r"\1", text)


def load_topic(topic: Path) -> list[Document]:
    """The topic's articles as documents, each dated by its folder and paragraphed by line."""
    documents = []
    for path in sorted((topic / "InputDocs").glob("*/*")):
        date = PartialDate.parse_iso(path.parent.name)
        text = detokenize(path.read_text(encoding="utf-8", errors="replace"))
        text = "\n\n".join(line for line in text.splitlines() if line.strip())
        meta = SourceMeta(outlet=topic.name, date=date)
        renamed = path.with_name(f"{path.parent.name}_{path.name.split('.')[0]}.txt")
        document = parse_document(renamed, text, meta)
        if document.passages:
            documents.append(document)
    return documents


def read_timeline(path: Path) -> dict[dt.date, list[str]]:
    """A gold timeline: date lines, their sentences, and a line of dashes between entries."""
    timeline: dict[dt.date, list[str]] = defaultdict(list)
    for entry in path.read_text(encoding="utf-8", errors="replace").split("-" * 8):
        lines = [line.strip() for line in entry.strip("-\n ").splitlines() if line.strip()]
        if not lines:
            continue
        try:
            day = dt.date.fromisoformat(lines[0][:10])
        except ValueError:  # one gold entry of MJ_bbc is dated "2011-04-0": left out
            print(f"skipping a gold entry of {path.name} dated {lines[0]!r}", file=sys.stderr)
            continue
        timeline[day].extend(lines[1:])
    return dict(timeline)


def predict(events: list[Event], gold: dict[dt.date, list[str]]) -> dict[dt.date, list[str]]:
    """The bot's day-precise events cut to the gold timeline's span, dates and sentences: the
    most important days (`Event.importance`, the bot's `day_importance`), and in each the
    events reported by most articles."""
    first, last = min(gold), max(gold)
    dates = len(gold)
    sentences = max(1, round(sum(len(s) for s in gold.values()) / len(gold)))
    per_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in events:
        if event.precision != "day":
            continue
        day = dt.date.fromisoformat(event.date)
        if first <= day <= last:
            per_day[day].append(event)
    weight = {day: max(e.importance for e in found) for day, found in per_day.items()}
    chosen = sorted(per_day, key=lambda d: (-weight[d], d))[:dates]
    return {
        day: [e.text for e in sorted(per_day[day], key=lambda e: -e.articles)[:sentences]]
        for day in sorted(chosen)
    }


def score(predicted: dict[dt.date, list[str]], gold: dict[dt.date, list[str]]) -> dict[str, float]:
    """tilse's date F1 and alignment-based (many-to-one) ROUGE-1 and ROUGE-2 F1."""
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import rouge

    shared = len(set(predicted) & set(gold))
    precision = shared / len(predicted) if predicted else 0.0
    recall = shared / len(gold) if gold else 0.0
    date_f1 = 2 * precision * recall / (precision + recall) if shared else 0.0
    if not predicted:
        return {"date_f1": 0.0, "ar1_f1": 0.0, "ar2_f1": 0.0}
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"],
                                           rouge_computation="reimpl")
    truth = GroundTruth([Timeline({d: s for d, s in gold.items()})])
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(
        Timeline(predicted), truth)
    return {"date_f1": date_f1, "ar1_f1": scores["rouge_1"]["f_score"],
            "ar2_f1": scores["rouge_2"]["f_score"]}


def run_topic(topic: Path, whole_corpus: bool = False) -> list[dict[str, object]]:
    started = time.perf_counter()
    documents = load_topic(topic)
    candidates = [c for d in documents for c in candidate_events(d, extract_date_mentions(d))]
    keywords = json.loads((topic / "keywords.json").read_text())
    terms = set(tokenize(" ".join(keywords)))
    fallback = whole_corpus or not any(c.terms & terms for c in candidates)
    corpus = Corpus(root=str(topic), documents=documents)
    postings = BM25Postings.build([passage_terms(p) for p in corpus.passages], 1.2, 0.75)
    index = NewsIndex(corpus, corpus.passages, postings, [], [], BM25Postings.build([], 1.2, 0.75),
                      candidates=candidates)
    events = build_timeline(index, set() if fallback else terms)
    rows = []
    for path in sorted((topic / "timelines").glob("*.txt")):
        gold = read_timeline(path)
        result = score(predict(events, gold), gold)
        rows.append({"topic": topic.name, "timeline": path.name, **result,
                     "query": " ".join(keywords) + (" (not used: whole corpus)"
                                                    if fallback else ""),
                     "articles": len(documents), "events": len(events),
                     "seconds": round(time.perf_counter() - started, 1)})
    return rows


def average(rows: list[dict[str, object]]) -> dict[str, float]:
    return {k: sum(float(str(r[k])) for r in rows) / len(rows)
            for k in ("date_f1", "ar1_f1", "ar2_f1")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", nargs="*", help="topic folder names (default: the split's)")
    parser.add_argument("--split", choices=("all", "tune", "heldout"), default="all")
    parser.add_argument("--whole-corpus", action="store_true",
                        help="ignore keywords.json: every article of a topic is on it")
    args = parser.parse_args()
    names = {"tune": TUNE, "heldout": HELDOUT, "all": TUNE + HELDOUT}[args.split]
    topics = [DATA / t for t in (args.topics or sorted(names))]
    rows = []
    print(f"{'topic':22s} {'date F1':>8s} {'AR-1 F1':>8s} {'AR-2 F1':>8s}  query")
    for topic in topics:
        for row in run_topic(topic, args.whole_corpus):
            rows.append(row)
            print(f"{row['topic']:22s} {row['date_f1']:8.3f} {row['ar1_f1']:8.3f} "
                  f"{row['ar2_f1']:8.3f}  {row['query']}", flush=True)
    mean = average(rows)
    for name, chosen in (("tune", TUNE), ("heldout", HELDOUT)):
        part = [r for r in rows if r["topic"] in chosen]
        if part and len(part) < len(rows):
            got = average(part)
            print(f"{'average, ' + name:22s} {got['date_f1']:8.3f} {got['ar1_f1']:8.3f} "
                  f"{got['ar2_f1']:8.3f}")
    print(f"{'average':22s} {mean['date_f1']:8.3f} {mean['ar1_f1']:8.3f} {mean['ar2_f1']:8.3f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / (f"timeline_t17{'_whole' if args.whole_corpus else ''}"
                     f"{'' if args.split == 'all' else '_' + args.split}.json")
    out.write_text(json.dumps({"per_timeline": rows, "average": mean}, indent=2, default=str))
    print(f"details: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
