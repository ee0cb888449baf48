"""Realistic messages for every command, drawn from the benchmark corpus's own articles.

Why: a command's speed depends on what it is asked (a rare name, a common word, a long event
description, a period), so the queries come from the data itself, in the proportions a reader
of these articles would type them, seeded and the same for every corpus size.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from corpus import Article

SEED = 17

_CAPITALIZED = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
_NAME = re.compile(rf"\b{_CAPITALIZED}(?: {_CAPITALIZED})+\b")
# Two capitalized words next to "said": "Ken Salazar said", without the title before it.
_SPEAKER = re.compile(
    rf"\b({_CAPITALIZED} {_CAPITALIZED}),? (?:said|says|told)\b"
    rf"|\b(?:said|says|according to) ({_CAPITALIZED} {_CAPITALIZED})\b")
_WORD = re.compile(r"\b[a-z]{6,}\b")


@dataclass
class QuerySet:
    """The messages per benchmark row, drawn once from the real articles and seeded."""

    rows: dict[str, list[str]] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)  # rows that repeat one message


def draw_queries(articles: list[Article], count: int, seed: int = SEED) -> QuerySet:
    """Realistic messages from the corpus itself, the same for every size.

    Names (capitalized runs found in many articles), speakers ("X said"), content words (long
    lowercase words in 0.5-15% of the articles), the names most particular to each T17 topic,
    BASIL main events, and timeline periods from the publication years.
    """
    from bot.text import STOPWORDS

    rng = random.Random(seed)
    names: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    words: Counter[str] = Counter()
    per_topic: dict[str, Counter[str]] = defaultdict(Counter)
    events: list[str] = []
    years: set[int] = set()
    for article in articles:
        text = "\n".join(article.paragraphs)
        found = {n for n in _NAME.findall(text)
                 if not any(w.lower() in STOPWORDS for w in n.split())}
        names.update(found)
        if "topic" in article.extra:
            per_topic[article.extra["topic"].split("_")[0]].update(found)
        speakers.update({a or b for a, b in _SPEAKER.findall(text)
                         if not any(w.lower() in STOPWORDS for w in (a or b).split())})
        words.update(w for w in set(_WORD.findall(text)) if w not in STOPWORDS)
        if article.extra.get("main_event"):
            events.append(article.extra["main_event"])
        if re.match(r"\d{4}", str(article.meta.get("date", ""))):
            years.add(int(str(article.meta["date"])[:4]))
    total = len(articles)
    frequent_names = [n for n, c in names.most_common() if c >= 8][:300]
    top_speakers = [n for n, c in speakers.most_common() if c >= 3][:120]
    content = [w for w, c in words.items() if 0.005 * total <= c <= 0.15 * total]
    topics = []
    for counts in per_topic.values():  # names common in a topic and mostly found there
        particular = [n for n, c in counts.most_common(200) if c >= 5 and c >= 0.7 * names[n]]
        topics += particular[:4]
    events = sorted(set(events))
    phrases = []
    for article in rng.sample(articles, min(len(articles), 3 * count)):
        paragraph = rng.choice(article.paragraphs)
        run = [w for w in re.findall(r"[A-Za-z][a-z]+", paragraph) if w.lower() not in STOPWORDS]
        size = rng.choice((2, 2, 3))
        if len(run) > size:
            start = rng.randrange(len(run) - size)
            phrases.append(" ".join(run[start:start + size]))
    ordered_years = sorted(years)

    def pick(pool: Sequence[str], k: int) -> list[str]:
        return rng.sample(list(pool), min(k, len(pool)))

    def period(topic: str) -> str:
        first = rng.choice(ordered_years[:-1] or ordered_years)
        last = min(first + rng.choice((1, 2)), ordered_years[-1])
        return rng.choice((f"{topic} in {first}", f"{topic} {first}-{last}",
                           f"{topic} since {first}", f"{topic} before {last}"))

    def mix(parts: list[tuple[Sequence[str], float]]) -> list[str]:
        chosen: list[str] = []
        for pool, share in parts:
            chosen += pick([q for q in pool if q not in chosen], math.ceil(share * count))
        rng.shuffle(chosen)
        return chosen[:count]

    base_names = frequent_names[:150]
    surnames = list(dict.fromkeys(s.split()[-1] for s in top_speakers))
    rows = {
        "/search <words>": mix([(base_names, 0.25), (content, 0.25), (phrases, 0.2),
                                (events, 0.15), (topics, 0.15)]),
        "/timeline <topic>": mix([(topics, 0.2), (events, 0.2), (base_names, 0.3),
                                  (content, 0.1), ([period(n) for n in base_names], 0.2)]),
        "/quote <person>": mix([(top_speakers, 0.7), (surnames, 0.3)]),
        "/sources <topic>": mix([(events, 0.4), (topics, 0.2), (base_names, 0.2),
                                 (content, 0.2)]),
        "/compare <topic>": mix([(events, 0.4), (topics, 0.2), (base_names, 0.2),
                                 (content, 0.2)]),
        "/timeline <period>": [period("").strip() for _ in range(count)],
    }
    rows = {row: [f"{row.split()[0]} {q}" for q in queries] for row, queries in rows.items()}
    rows["/timeline <period>"] = list(dict.fromkeys(rows["/timeline <period>"]))
    fixed = {"/help": "/help", "/sources": "/sources", "/quote": "/quote",
             "/timeline": "/timeline"}
    return QuerySet(rows, fixed)


