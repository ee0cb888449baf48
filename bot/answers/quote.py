"""/quote: the quotations on a topic or by a person, each once, with every outlet that carried it.

Quotations are extracted when the index is built (bot/extract/quotes.py); this module only
picks, orders and groups them, from the chat's outlets alone, so the groups, their carriers and
"the first N of M" are the chat's own. A query that names a person asks for that person's
words, not for quotations that mention them; a person who is never quoted gets the sentences
that name them instead, so the answer says plainly that the corpus has no words of theirs. A
person is one identity across the corpus whatever each outlet's spelling
(bot.extract.identities), shown under the fullest name an article printed.
"""

from __future__ import annotations

from collections import defaultdict

from bot.answers.balance import balance_notes, each_slant_first
from bot.answers.library import Library
from bot.answers.notices import not_found, out_of_scope
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer, Carrier, QuoteAnswer, QuoteItem, Source
from bot.extract.identities import Identities, fullest_role
from bot.extract.quotes import Quote
from bot.retrieval.index import NewsIndex, iso_date
from bot.text import STOPWORDS, jaccard, tokenize, words

# Interview answers are many sentences of one person: without a topic, a few stand for them.
INTERVIEW_SENTENCES_WITHOUT_TOPIC = 2
SAME_QUOTE = 0.6  # term overlap above which two quotations are one, worded differently
_KIND_ORDER = {"quotation": 0, "interview": 1, "fragment": 2}


def quote_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Answer:
    """The answer to /quote [query], from the quotations of the outlets the scope admits."""
    index = library.index
    identities = index.identities
    persons = named_persons(index, query)
    if persons:
        said = [q for q in index.quotes if speaks(identities.label(q.speaker), persons)]
        if not said:
            return _unquoted(library, query, persons, scope)
        scores = {id(q): s for q, s in index.search_quotes(query, len(index.quotes))}
        found = sorted(said, key=lambda q: (_KIND_ORDER[q.kind], -scores.get(id(q), 0.0)))
    elif query:
        found = [q for q, _ in index.search_quotes(query, len(index.quotes))]
    else:
        found = sorted(_without_topic(index.quotes), key=lambda q: _KIND_ORDER[q.kind])
    ranked = ([q for q in found if scope.admits(index.outlet_of(q.passage_id))]
              if scope.excluded else found)
    if not ranked:
        return (out_of_scope("quote", query) if found
                else not_found(library, "quote", query, "quotations"))
    groups = group_same_quotes(ranked, identities)
    limit = scope.limit(library.config.quotes)
    if scope.balance:
        chosen = each_slant_first(
            groups, lambda g: library.slant(index.outlet_of(g[0].passage_id)), limit)
    else:
        chosen = groups[:limit]
    items = [_item(index, group, identities) for group in chosen]
    notes = []
    if len(groups) > len(items):
        notes.append(f"Showing the first {len(items)} of {len(groups)} quotations.")
    notes += balance_notes(library, scope, query, (q.outlet for q in items))
    return QuoteAnswer("quote", query, notes=notes, quotes=items)


def named_persons(index: NewsIndex, query: str) -> set[str]:
    """The people (their labels) with a spelling holding every word of the query ("Xi")."""
    wanted = {w for w in words(query) if w not in STOPWORDS}
    if not wanted:
        return set()
    identities = index.identities
    return {label for spelling, label in identities.labels.items()
            if wanted <= set(words(spelling))}


def speaks(speaker: str, persons: set[str]) -> bool:
    """Whether a speaker's label (possibly "A and B") is one of the persons."""
    return any(part in persons for part in speaker.split(" and "))


def _without_topic(quotes: list[Quote]) -> list[Quote]:
    per_interview: dict[str, int] = defaultdict(int)
    kept = []
    for quote in quotes:
        if quote.kind == "interview":
            doc_id = quote.passage_id.rsplit("#", 1)[0]
            per_interview[doc_id] += 1
            if per_interview[doc_id] > INTERVIEW_SENTENCES_WITHOUT_TOPIC:
                continue
        kept.append(quote)
    return kept


def group_same_quotes(ranked: list[Quote], identities: Identities | None = None
                      ) -> list[list[Quote]]:
    """Quotations in rank order, the same words of the same speaker grouped, best first.

    Outlets translate and shorten ("among" / "between socialist countries"), so sameness is a
    high term overlap, or one quotation's terms inside the other's, by a compatible speaker
    (the same person, however each outlet spells the name).
    """
    label = identities.label if identities is not None else str
    groups: list[tuple[set[str], list[Quote]]] = []
    for quote in ranked:
        terms = set(tokenize(quote.text))
        for group_terms, members in groups:
            first = members[0]
            if first.kind != quote.kind or not _same_speaker(label(first.speaker),
                                                                label(quote.speaker)):
                continue
            if not terms or not group_terms:
                continue
            contained = min(len(terms), len(group_terms)) >= 3 and (
                terms <= group_terms or group_terms <= terms)
            if contained or jaccard(terms, group_terms) >= SAME_QUOTE:
                members.append(quote)
                break
        else:
            groups.append((terms, [quote]))
    return [members for _, members in groups]


def _same_speaker(a: str, b: str) -> bool:
    return not a or not b or a == b


def _item(index: NewsIndex, group: list[Quote], identities: Identities) -> QuoteItem:
    carriers = []
    for quote in group:
        document = index.document(index.passage(quote.passage_id).doc_id)
        carriers.append(Carrier(document.outlet, document.doc_id, iso_date(document),
                                quote.passage_id, quote.text, quote.sentence.text, document.url,
                                quote.speaker))
    first, lead = carriers[0], group[0]
    printed = next((q.speaker for q in group if q.speaker), "")
    speaker = identities.label(printed)
    role = next((q.role for q in group if q.speaker == printed and q.role), "")
    if role and " and " not in speaker:  # "President" in one article, "Chinese President" in one
        role = fullest_role(role, (q.role for q in index.quotes
                                   if identities.label(q.speaker) == speaker))
    return QuoteItem(
        text=lead.text, speaker=speaker, role=role, outlet=first.outlet, doc_id=first.doc_id,
        date=first.date, passage_id=first.passage_id, sentence=first.sentence, url=first.url,
        kind=lead.kind, carried_by=carriers,
    )


def _unquoted(library: Library, query: str, persons: set[str], scope: Scope) -> Answer:
    """A person never quoted: say so, with the sentences that name them and their outlets."""
    index = library.index
    seen: set[tuple[str, int]] = set()
    mentions = []
    named_elsewhere = False
    for mention in index.people:
        if index.identities.label(mention.person) not in persons:
            continue
        document = index.document(index.passage(mention.passage_id).doc_id)
        if not scope.admits(document.outlet):
            named_elsewhere = True
            continue
        if (document.doc_id, mention.sentence.start) in seen:
            continue
        seen.add((document.doc_id, mention.sentence.start))
        mentions.append(Source(document.outlet, document.doc_id, mention.passage_id,
                               iso_date(document), document.url, mention.sentence.text))
    if not mentions:
        return (out_of_scope("quote", query) if named_elsewhere
                else not_found(library, "quote", query, "quotations"))
    names = " or ".join(sorted(persons))
    limit = scope.limit(library.config.quotes)
    shown = (each_slant_first(mentions, lambda m: library.slant(m.outlet), limit)
             if scope.balance else mentions[:limit])
    notes = [f"Showing {limit} of the {len(mentions)} sentences naming {names}."
             ] if len(mentions) > limit else []
    notes += balance_notes(library, scope, query, (m.outlet for m in shown))
    return QuoteAnswer("quote", query, notes=notes, unquoted=names, mentions=shown)
