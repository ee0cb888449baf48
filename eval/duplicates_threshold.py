"""The near-duplicate threshold (`ingest.near_duplicate`): which copies of a story are found as
the same story, and which different stories are wrongly taken for one.

Real articles from ../shared/data (PolNeAR, BASIL, Timeline17) are split in two by a hash of
their story (a BASIL event, a T17 topic and day, a PolNeAR file), "tune" and "held-out". In each
split, half of the articles make a corpus (`bot.ingest.duplicates.Duplicates`, as the bot keeps
it) and the rest are asked about:

- positives: copies of corpus articles as a republishing site makes them, one of each kind:
  `retitled` (another headline, a credit line added at the end), `trimmed` (the last quarter of
  the paragraphs cut, at least one), `reworded` (2% of the words replaced), `all` (the three
  together), and `half` (only the first half of the paragraphs: a heavy cut, reported apart);
  found when `near` names the article it was made from;
- negatives: the other half's articles, each a different story (BASIL's three outlets on one
  event and T17's outlets on one topic and day are put in different halves, so the hardest
  negatives are asked about); any article `near` names is a false positive.

Precision and recall are counted over `retitled`, `trimmed`, `reworded` and `all` (the light
edits the threshold is meant for) and the negatives; `half` is reported on its own, and so is
the false-positive rate (different articles taken for a corpus article, over those asked about).

The threshold chosen (0.45, `--chosen`) was read off the tune rows: the lowest at which every
different article taken for another is the same outlet's other version of the same article
(three PolNeAR pairs, 0.52 to 1.00: a story and its update under another headline, read to
check); below it, one outlet's same-day rewrites of a running story (T17, 0.31 to 0.48) are
taken as one, and an update would be lost. Best F1 alone would pick 0.30.

    .venv/bin/python eval/duplicates_threshold.py [--data ../shared/data] [--t17 1200]

Results go to eval/results/duplicates_threshold.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.ingest.duplicates as duplicates  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "eval" / "results" / "duplicates_threshold.json"
THRESHOLDS = [round(0.30 + 0.05 * i, 2) for i in range(14)]  # 0.30 .. 0.95
LIGHT = ("retitled", "trimmed", "reworded", "all")


@dataclass
class Story:
    doc_id: str
    group: str  # articles of one group (an event, a topic's day) are one split
    order: str  # sorting key: articles on one event or day next to each other
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def load(data: Path, t17_limit: int) -> list[Story]:
    stories = []
    for path in sorted((data / "basil" / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in article["body-paragraphs"] if p]
        stories.append(Story(f"basil/{path.stem}", article["triplet-uuid"],
                             f"basil/{article['triplet-uuid']}/{article['source']}", paragraphs))
    for path in sorted((data / "polnear").glob("*/text/*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        stories.append(Story(f"polnear/{path.stem}", path.stem, f"polnear/{path.stem}",
                             paragraphs))
    t17 = sorted((data / "t17").glob("*/InputDocs/*/*.txt"))
    rng = random.Random(17)
    for path in sorted(rng.sample(t17, min(t17_limit, len(t17)))):
        topic, day = path.parts[-4].split("_")[0], path.parts[-2]
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        stories.append(Story(f"t17/{path.parts[-4]}/{day}/{path.stem}", f"{topic}/{day}",
                             f"t17/{topic}/{day}/{path.parts[-4]}", paragraphs))
    return [s for s in stories if len(" ".join(s.paragraphs).split()) >= 100]


def split_of(story: Story) -> str:
    return "tune" if hashlib.sha1(story.group.encode()).digest()[0] % 2 == 0 else "held-out"


def copies(story: Story, rng: random.Random, words: list[str]) -> dict[str, str]:
    """The story as republishing sites change it, one copy per kind of change."""
    paragraphs = story.paragraphs
    cut = max(1, len(paragraphs) // 4)

    def reword(parts: list[str]) -> list[str]:
        out = []
        for paragraph in parts:
            tokens = paragraph.split()
            for i in range(len(tokens)):
                if rng.random() < 0.02:
                    tokens[i] = rng.choice(words)
            out.append(" ".join(tokens))
        return out

    retitled = ["Republished: " + rng.choice(words).title() + " story", *paragraphs,
                "This article first appeared on another site and is republished with permission."]
    trimmed = paragraphs[:-cut] if len(paragraphs) > cut else paragraphs[:1]
    return {
        "retitled": "\n\n".join(retitled),
        "trimmed": "\n\n".join(trimmed),
        "reworded": "\n\n".join(reword(paragraphs)),
        "all": "\n\n".join([retitled[0], *reword(trimmed), retitled[-1]]),
        "half": "\n\n".join(paragraphs[:max(1, len(paragraphs) // 2)]),
    }


def measure(corpus: list[Story], probes: list[tuple[str, str, str]], threshold: float
            ) -> dict[str, object]:
    """Ask the corpus about every probe (kind, text, the doc_id it copies or "")."""
    found = duplicates.Duplicates(threshold, ((s.doc_id, s.text) for s in corpus))
    hits: dict[str, list[int]] = {}
    false_positives = []
    for kind, text, source in probes:
        near = found.near(text)
        if kind == "different":
            if near is not None:
                false_positives.append((source, *near))
            hits.setdefault(kind, []).append(near is not None)
        else:
            hits.setdefault(kind, []).append(near is not None and near[0] == source)
    light = [h for kind in LIGHT for h in hits[kind]]
    true_positives, wrong = sum(light), sum(hits["different"])
    precision = true_positives / max(1, true_positives + wrong)
    recall = true_positives / len(light)
    return {
        "threshold": threshold, "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(2 * precision * recall / max(1e-9, precision + recall), 4),
        "false_positives": wrong, "negatives": len(hits["different"]),
        "recall_by_kind": {kind: round(sum(h) / len(h), 4) for kind, h in hits.items()
                           if kind != "different"},
        "false_positive_rate": round(wrong / max(1, len(hits["different"])), 4),
        "false_positives_found": [f"{probe} ~ {d} ({score:.2f})"
                                  for probe, d, score in false_positives],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--t17", type=int, default=1200, help="T17 articles sampled")
    parser.add_argument("--chosen", type=float, default=0.45, help="the threshold reported")
    args = parser.parse_args()
    started = time.perf_counter()
    # every text's signature made once, however many thresholds ask for it
    duplicates.signature = lru_cache(maxsize=None)(duplicates.signature)  # type: ignore[assignment]
    stories = load(args.data, args.t17)
    words = sorted({w for s in stories[:200] for w in s.text.split() if w.isalpha()})
    rng = random.Random(14)
    results: dict[str, object] = {}
    for split in ("tune", "held-out"):
        chosen = sorted((s for s in stories if split_of(s) == split), key=lambda s: s.order)
        corpus, others = chosen[0::2], chosen[1::2]
        probes = [(kind, text, s.doc_id) for s in corpus
                  for kind, text in copies(s, rng, words).items()]
        probes += [("different", s.text, s.doc_id) for s in others]
        rows = [measure(corpus, probes, t) for t in THRESHOLDS]
        results[split] = {"corpus": len(corpus), "copies": len(corpus) * 5,
                          "different": len(others), "rows": rows}
        print(f"{split}: {len(corpus)} articles in the corpus, {len(corpus) * 5} copies, "
              f"{len(others)} different articles asked about")
        for row in rows:
            kinds = " ".join(f"{k} {v:.3f}" for k, v in row["recall_by_kind"].items())  # type: ignore[attr-defined]
            print(f"  {row['threshold']:.2f}: P {row['precision']:.4f} R {row['recall']:.4f} "
                  f"F1 {row['f1']:.4f} FP {row['false_positives']} | {kinds}")
    results["chosen"] = args.chosen
    for split in ("tune", "held-out"):
        row = next(r for r in results[split]["rows"]  # type: ignore[index]
                   if r["threshold"] == args.chosen)
        print(f"{split} at {args.chosen}: P {row['precision']} R {row['recall']} F1 {row['f1']} "
              f"false-positive rate {row['false_positive_rate']} "
              f"({', '.join(row['false_positives_found']) or 'none'})")
    print(f"{time.perf_counter() - started:.0f} s")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
