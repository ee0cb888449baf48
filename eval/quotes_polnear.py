"""Quotation extraction on PolNeAR, against published figures for rule-based quote extractors.

Gold: every fragment of an annotated attribution's Content that sits inside quotation marks (an
opening mark just before it, a closing mark just after it, past any closing punctuation), with
the attribution's Source as its speaker. PolNeAR's Content excludes the marks, as our quotes do.

Scored: the quotations the bot shows as quotations. A "fragment" (a few quoted words inside the
writer's own sentence, which the bot shows only within that sentence) is not a quotation of its
own, as PolNeAR marks such words as part of an indirect Content; `--with-fragments` counts them.

Reported:
- quotation-span precision, recall and F1, exact (same span up to surrounding whitespace and
  trailing punctuation) and overlap (the shared characters are at least half of the longer span);
- "lenient": the same, not counting as false positives our quotes that fall inside an annotated
  Content which is not itself a quotation (a quoted fragment inside reported speech: "in order
  to 'keep the details under wraps'" is a real quotation that PolNeAR annotates as indirect);
- speaker accuracy over the overlap-matched quotations: our speaker names the annotated Source
  (shares a name word with it); when the Source is a pronoun or a role noun ("he", "the
  nominee"), the person it refers to is taken to be the last named Source annotated before it
  (for "he" or "she", the last whose given name or honorific is not of the other gender), so
  a resolved pronoun counts as right when it names the right person. A quotation left
  without a speaker (the extractor abstained) counts as wrong here;
- speaker precision (right / attributed: of the matched quotations given a speaker, how many
  got the right one) and coverage (attributed / matched): what a reader sees is a speaker who
  is right, or "speaker not stated", and these two say how often each;
- the same per evidence kind (how the speaker was found), and the CPU time per 1,000 passages
  (the first document, which reads the name lists and the gazetteer, timed apart).

Train is split by article, seeded, into a tuning part (80%) and a held-out part (20%): rules
and weights are fitted on `--split tune`, checked on `--split heldout`, and dev is left alone
for the figures reported.

Reference points: the GenderGapTracker's rule-based extractor reports quotation F1 0.84 and
speaker accuracy 0.86 on its own news data; BBC's Citron reports source-span F1 0.82 on PARC 3.0.

Run: .venv/bin/python eval/quotes_polnear.py --split dev   (results in eval/results/)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.corpus.passages import split_sentences  # noqa: E402
from bot.extract.genders import PRONOUN_GENDER, gender_of_name, gender_of_title  # noqa: E402
from bot.extract.quotes import Quote, extract_quotes  # noqa: E402
from bot.models import Document, Passage  # noqa: E402
from bot.text import fold  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
RESULTS = REPO / "eval" / "results"

OPENING = "“\"‘"
CLOSING = "”\"’"
_TRAILING = " \t\n,.;:!?…—–-"
_PRONOUNS = {"he", "she", "him", "her", "his", "they", "i", "we", "you", "it", "who"}
_LOWER_WORDS = {"the", "a", "an", "of", "and", "for", "to", "in", "on", "at", "said", "mr", "mrs",
                "ms", "dr", "sen", "gov", "rep", "president", "former", "secretary", "candidate",
                "nominee", "republican", "democratic", "democrat", "gop"}


@dataclass
class Gold:
    start: int
    end: int
    source: str  # the annotated Source text ("" if none)
    antecedent: str  # for a pronoun or role-noun source: the last named source before it


@dataclass
class Article:
    name: str
    text: str
    gold: list[Gold] = field(default_factory=list)
    indirect: list[tuple[int, int]] = field(default_factory=list)  # non-quotation Contents


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace and trailing punctuation, for exact matching."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def quoted_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """text[start:end] without its quotation marks if marks enclose it, else None.

    Annotators sometimes include the marks in a Content span and sometimes not; closing
    punctuation may come before or after the closing mark.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end and text[start] in OPENING:
        start += 1
        opens = True
    else:
        opens = text[:start].rstrip(" \t")[-1:] in OPENING
    core_end = end
    while core_end > start and text[core_end - 1] in _TRAILING:
        core_end -= 1
    if core_end > start and text[core_end - 1] in CLOSING:
        closes, end = True, core_end - 1
    else:
        after = end
        while after < len(text) and text[after] in " \t,.;:!?…—–-":
            after += 1
        closes = after < len(text) and text[after] in CLOSING
        # a quotation running on into the next paragraph has no closing mark there
        closes = closes or (text[after:after + 2] == "\n\n" and text[after + 2:][:1] in OPENING)
    return (start, end) if opens and closes and start < end else None


def _is_named(source: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’.-]*", source)
    return any(w[0].isupper() and fold(w).strip(".") not in _PRONOUNS | _LOWER_WORDS
               for w in words)


def name_words(text: str) -> set[str]:
    """The folded capitalized words of a name, without titles and function words."""
    words = re.findall(r"[^\W\d_][\w-]*", text.replace("’s", "").replace("'s", ""))
    return {fold(w) for w in words
            if w[0].isupper() and fold(w) not in _PRONOUNS | _LOWER_WORDS and len(w) > 1}


def speaker_is_right(speaker: str, gold: Gold) -> bool:
    """Our speaker names the annotated source, or the person a pronoun source refers to.

    An unnamed source of ours ("a senior official", "the campaign") is right when its last
    word, the head, is a word of the annotated source ("one senior official who ...").
    """
    ours = name_words(speaker)
    if not ours and speaker:
        head = fold(speaker.split()[-1]).rstrip("s")
        return head in {fold(w).rstrip("s") for w in re.findall(r"[\w-]+", gold.source)}
    if not ours:
        return False
    named = name_words(gold.source)
    if named:
        return bool(ours & named)
    return bool(ours & name_words(gold.antecedent))


def _source_gender(source: str) -> str:
    """The gender a named source's given name or honorific shows ("Mrs. Roe", "Ann Roe")."""
    words = [w.strip(".,") for w in source.split() if w[:1].isupper()]
    for index, word in enumerate(words):
        if gender_of_title(word):
            return gender_of_title(word)
        if index + 1 < len(words) and gender_of_name([word]):
            return gender_of_name([word])
    return ""


def load_article(ann: Path, texts: dict[str, Path]) -> Article | None:
    stem = ann.stem.rsplit("_", 1)[0]
    path = texts.get(stem)
    if path is None:
        return None
    text = path.read_text(encoding="utf-8")
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            fragments = [tuple(map(int, f.split())) for f in offsets.split(";")]
            spans[parts[0]] = (label, [(a, b) for a, b in fragments])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()[1:]))
    article = Article(stem, text)
    named_sources: list[tuple[int, str]] = []
    for event in events:
        if "Source" in event and event["Source"] in spans:
            fragments = spans[event["Source"]][1]
            source = " ".join(text[a:b] for a, b in fragments)
            if _is_named(source):
                named_sources.append((fragments[0][0], source))
    named_sources.sort()
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        source_span = spans.get(event.get("Source", ""))
        source = " ".join(text[a:b] for a, b in source_span[1]) if source_span else ""
        source_at = source_span[1][0][0] if source_span else content[1][0][0]
        wanted = PRONOUN_GENDER.get(source.lower(), "")
        before = [s for at, s in named_sources if at < source_at
                  and _source_gender(s) in ("", wanted or _source_gender(s))]
        antecedent = before[-1] if before else ""
        for start, end in content[1]:
            quoted = quoted_span(text, start, end)
            if quoted is not None:
                article.gold.append(Gold(*quoted, source, antecedent))
            else:
                article.indirect.append((start, end))
    return article


def document_of(article: Article) -> Document:
    """The article as the bot's Document: one passage per paragraph, offsets unchanged."""
    passages = []
    for position, match in enumerate(re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", article.text)):
        paragraph = match.group().rstrip()
        if not paragraph.strip():
            continue
        passages.append(
            Passage(f"{article.name}#{position}", article.name, position, paragraph,
                    match.start(), match.start() + len(paragraph),
                    split_sentences(paragraph, match.start()))
        )
    return Document(article.name, article.name, "", article.text, passages=passages)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def half_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The shared characters are at least half of the longer span."""
    return 2 * _overlap(a, b) >= max(a[1] - a[0], b[1] - b[0])


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    predicted_lenient: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_right: int = 0
    speaker_right_named: int = 0
    matched_named: int = 0
    attributed: int = 0  # matched quotations given a speaker
    by_evidence: Counter[str] = field(default_factory=Counter)  # matched, per evidence kind
    right_by_evidence: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        def f1(tp: int, predicted: int) -> dict[str, float]:
            p = tp / predicted if predicted else 0.0
            r = tp / self.gold if self.gold else 0.0
            return {"precision": round(p, 3), "recall": round(r, 3),
                    "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}

        return {
            "gold_quotations": self.gold,
            "predicted": self.predicted,
            "exact": f1(self.exact, self.predicted),
            "overlap": f1(self.overlap, self.predicted),
            "exact_lenient": f1(self.exact, self.predicted_lenient),
            "overlap_lenient": f1(self.overlap, self.predicted_lenient),
            "speaker_accuracy": round(self.speaker_right / self.overlap, 3) if self.overlap else 0,
            "speaker_accuracy_named_sources": round(
                self.speaker_right_named / self.matched_named, 3) if self.matched_named else 0,
            "speaker_precision": round(self.speaker_right / self.attributed, 3)
            if self.attributed else 0,
            "speaker_coverage": round(self.attributed / self.overlap, 3) if self.overlap else 0,
            "by_evidence": {kind: {"quotations": n,
                                   "right": round(self.right_by_evidence[kind] / n, 3)}
                            for kind, n in self.by_evidence.most_common()},
        }


def score_article(article: Article, quotes: list[Quote], counts: Counts) -> None:
    """Match our quotes to the gold quotations one to one, exact matches first."""
    text = article.text
    counts.gold += len(article.gold)
    counts.predicted += len(quotes)
    free = list(range(len(quotes)))
    matched: list[tuple[Gold, Quote]] = []
    unmatched_gold = []
    for gold in article.gold:
        core = _core(text, gold.start, gold.end)
        exact = next((i for i in free if _core(text, quotes[i].start, quotes[i].end) == core), None)
        if exact is not None:
            counts.exact += 1
            free.remove(exact)
            matched.append((gold, quotes[exact]))
        else:
            unmatched_gold.append(gold)
    for gold in unmatched_gold:
        near = next((i for i in free if half_overlap((gold.start, gold.end),
                                                     (quotes[i].start, quotes[i].end))), None)
        if near is not None:
            free.remove(near)
            matched.append((gold, quotes[near]))
        else:
            counts.errors.append({"article": article.name, "kind": "missed",
                                  "text": text[gold.start:gold.end][:200], "source": gold.source})
    counts.overlap += len(matched)
    spurious = [i for i in free if not any(
        _overlap((quotes[i].start, quotes[i].end), span) for span in article.indirect)]
    counts.predicted_lenient += len(quotes) - len(free) + len(spurious)
    for i in spurious:
        counts.errors.append({"article": article.name, "kind": "spurious",
                              "text": quotes[i].text[:200], "speaker": quotes[i].speaker})
    for gold, quote in matched:
        right = speaker_is_right(quote.speaker, gold)
        counts.speaker_right += right
        counts.attributed += bool(quote.speaker)
        evidence = getattr(quote, "evidence", "") or "-"
        counts.by_evidence[evidence] += 1
        counts.right_by_evidence[evidence] += right
        if _is_named(gold.source):
            counts.matched_named += 1
            counts.speaker_right_named += right
        if not right:
            counts.errors.append({"article": article.name, "kind": "speaker",
                                  "text": quote.text[:120], "ours": quote.speaker,
                                  "evidence": getattr(quote, "evidence", ""),
                                  "gold": gold.source, "antecedent": gold.antecedent})


TUNING_SHARE = 0.8  # of train's articles, for tuning; the rest is held out
SEED = 20180507  # fixed, so the parts never change between runs


def annotations_of(split: str) -> list[Path]:
    """The annotation files of a split ("dev", "train", or train's "tune" or "heldout" part).

    A few articles were annotated twice: the first annotation of each is kept.
    """
    folder = DATA / ("dev" if split == "dev" else "train")
    annotations: list[Path] = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        if not annotations or annotations[-1].stem.rsplit("_", 1)[0] != ann.stem.rsplit("_", 1)[0]:
            annotations.append(ann)
    if split in ("tune", "heldout"):
        shuffled = annotations[:]
        random.Random(SEED).shuffle(shuffled)
        cut = round(len(shuffled) * TUNING_SHARE)
        chosen = set(shuffled[:cut] if split == "tune" else shuffled[cut:])
        annotations = [a for a in annotations if a in chosen]
    return annotations


def load_split(split: str, limit: int = 0) -> list[Article]:
    """The articles of a split with their gold quotations."""
    folder = DATA / ("dev" if split == "dev" else "train")
    texts = {p.stem: p for p in (folder / "text").glob("*.txt")}
    annotations = annotations_of(split)[: limit or None]
    return [a for a in (load_article(ann, texts) for ann in annotations) if a is not None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "train", "tune", "heldout"], default="dev",
                        help="train's tune (80%%) and heldout (20%%) parts are split by article")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--with-fragments", action="store_true",
                        help="score fragments (quoted words inside the writer's sentence) too")
    args = parser.parse_args(argv)
    if not (DATA / "dev").is_dir():
        print(f"PolNeAR not found at {DATA}", file=sys.stderr)
        return 2
    articles = load_split(args.split, args.limit)
    documents = [document_of(article) for article in articles]
    counts = Counts()
    # CPU time (other work on a shared machine does not count), the name lists and gazetteer
    # read once beforehand and timed apart: the one-off cost of a process, not of its passages
    began = time.process_time()
    extract_quotes(documents[0]) if documents else None
    loading = time.process_time() - began
    began = time.process_time()
    extracted = [extract_quotes(document) for document in documents]
    seconds = time.process_time() - began
    fragments = 0
    for article, quotes in zip(articles, extracted, strict=True):
        shown = [q for q in quotes if args.with_fragments or q.kind != "fragment"]
        fragments += len(quotes) - len(shown)
        score_article(article, shown, counts)
    passages = sum(len(d.passages) for d in documents)
    scores = {"split": args.split, "articles": len(articles), **counts.scores(),
              "fragments_not_scored": fragments,
              "cpu_seconds": round(seconds, 1), "first_document_cpu_seconds": round(loading, 2),
              "seconds_per_1000_passages": round(1000 * seconds / passages, 2) if passages else 0}
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"quotes_polnear_{args.split}.json"
    out.write_text(json.dumps({**scores, "errors": counts.errors}, indent=1, ensure_ascii=False),
                   encoding="utf-8")
    print(json.dumps(scores, indent=1))
    print(f"errors listed in {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
