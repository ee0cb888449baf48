"""Merge precision of /timeline's events across outlets, on Timeline17's multi-outlet stories.

Timeline17 has two stories told by several outlets: the oil spill (BBC, Fox News, The Guardian,
Reuters, The Washington Post) and H1N1 (BBC, The Guardian, Reuters). Each story's articles from
all its outlets are one corpus, merged as /timeline merges them. From the events reported by
more than one outlet, pairs of sentences from two outlets are drawn (seeded); from the same
day's events that were kept apart, pairs from two outlets too. A person reads each pair and
says whether it reports one event (`eval/merge_t17_judged.tsv`: the pair's key, 1 or 0; no
article text is kept in the repository). Merge precision is the share of merged pairs judged
one event; the share of apart pairs judged one event is what merging missed.

    .venv/bin/python eval/merge_t17.py --show 30      # print pairs to judge, with their keys
    .venv/bin/python eval/merge_t17.py                # precision from the judgments kept
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.extract.dates import extract_date_mentions  # noqa: E402
from bot.extract.events import Candidate, candidate_events, merge_candidates  # noqa: E402
from eval.timeline_t17 import DATA, load_topic  # noqa: E402

STORIES = {"bpoil": ("bpoil_bbc", "bpoil_foxnews", "bpoil_guardian", "bpoil_reuters",
                     "bpoil_washingtonpost"),
           "H1N1": ("H1N1_bbc", "H1N1_guardian", "H1N1_reuters")}
JUDGED = REPO / "eval" / "merge_t17_judged.tsv"
SEED = 17


def key(candidate: Candidate) -> str:
    return f"{candidate.outlet}/{candidate.doc_id}@{candidate.sentence_start}"


def pairs(sample: int) -> tuple[list[tuple[Candidate, Candidate]], list[tuple[Candidate,
                                                                              Candidate]]]:
    """(merged, apart): up to `sample` cross-outlet pairs of each kind per story, seeded."""
    random.seed(SEED)
    merged_all, apart_all = [], []
    for topics in STORIES.values():
        candidates = []
        for topic in topics:
            for document in load_topic(DATA / topic):
                candidates += candidate_events(document, extract_date_mentions(document))
        events = [e for e in merge_candidates(candidates) if e.precision == "day"]
        merged, per_day = [], defaultdict(list)
        for event in events:
            day = [m for m in event.members if m.precision == "day"]
            per_day[event.date].append(day)
            merged += [(a, b) for i, a in enumerate(day) for b in day[i + 1:]
                       if a.outlet != b.outlet]
        apart = [(a, b) for found in per_day.values() for i, one in enumerate(found)
                 for other in found[i + 1:] for a in one for b in other if a.outlet != b.outlet]
        rng = random.Random(SEED)
        merged_all += rng.sample(merged, min(sample, len(merged)))
        apart_all += rng.sample(apart, min(sample, len(apart)))
    return merged_all, apart_all


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print N pairs of each kind per story")
    parser.add_argument("--sample", type=int, default=15, help="pairs of each kind per story")
    args = parser.parse_args()
    merged, apart = pairs(args.show or args.sample)
    if args.show:
        for kind, found in (("merged", merged), ("apart", apart)):
            for a, b in found:
                print(f"{kind}\t{key(a)}|{key(b)}\t{a.date.iso()}\n  A: {a.sentence}\n"
                      f"  B: {b.sentence}")
        return 0
    judged = dict(line.split("\t")[:2] for line in JUDGED.read_text().splitlines()
                  if line and not line.startswith("#"))
    for kind, found in (("merged", merged), ("apart", apart)):
        labels = [judged[f"{key(a)}|{key(b)}"].strip() for a, b in found
                  if f"{key(a)}|{key(b)}" in judged]
        same = sum(label == "1" for label in labels)
        share = same / len(labels) if labels else 0.0
        print(f"{kind}: {len(labels)} pairs judged of {len(found)}, one event: {same} "
              f"({share:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
