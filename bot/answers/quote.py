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

from bot.answers.balance import balance_notes, each_slant_first
from bot.answers.library import Library
from bot.answers.notices import not_found, out_of_scope
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.types import Answer, Carrier, QuoteAnswer, QuoteItem, Source
from bot.extract.identities import Identities, fullest_role
from bot.extract.quote_groups import KIND_ORDER, same_quote_groups
from bot.extract.quotes import Quote
from bot.i18n import tr
from bot.models import field_values
from bot.retrieval.index import iso_date
from bot.retrieval.store import subset


def quote_answer(library: Library, query: str, scope: Scope = EVERYTHING) -> Answer:
    """The answer to /quote [query], from the quotations of the outlets the scope admits."""
    index = library.index
    if not query:  # grouped when the index was built; the chat's outlets' quotations kept
        groups = library.quote_groups(scope)
        if not groups:
            return (out_of_scope("quote", query) if library.quote_groups(EVERYTHING)
                    else not_found(library, "quote", query, "quotations"))
        return _answer(library, query, scope, groups)
    persons = library.speakers.named(query)
    if persons:
        found = library.speakers.quotations_of(persons)
        if not found:
            return _unquoted(library, query, persons, scope)
        indices, values = index.quote_postings.scores(library.query(query).terms)
        scores = dict(zip(indices.tolist(), values.tolist(), strict=True))
        kinds = dict(zip(found, field_values(subset(index.quotes, found), "kind"), strict=True))
        found.sort(key=lambda p: (KIND_ORDER[kinds[p]], -scores.get(p, 0.0)))
    else:
        found = [r.index for r in index.quote_postings.top(library.query(query).terms,
                                                           len(index.quotes))]
    if not found:
        return not_found(library, "quote", query, "quotations")
    quotes = list(subset(index.quotes, found))  # made together: a cached index makes each once
    if scope.excluded:
        kept = [i for i, q in enumerate(quotes) if scope.admits(index.outlet_of(q.passage_id))]
        found, quotes = [found[i] for i in kept], [quotes[i] for i in kept]
        if not quotes:
            return out_of_scope("quote", query)
    grouped = same_quote_groups(quotes, index.identities.label)
    return _answer(library, query, scope, [[found[i] for i in g] for g in grouped])


def group_same_quotes(ranked: list[Quote], identities: Identities | None = None
                      ) -> list[list[Quote]]:
    """Quotations in rank order, the same words of the same speaker grouped, best first
    (`bot.extract.quote_groups`; the same person however each outlet spells the name)."""
    label = identities.label if identities is not None else str
    return [[ranked[i] for i in group] for group in same_quote_groups(ranked, label)]


def _answer(library: Library, query: str, scope: Scope, groups: list[list[int]]) -> Answer:
    """The first groups of quotations (positions in the index), or each slant's first."""
    index = library.index
    limit = scope.limit(library.config.quotes)
    if scope.balance:
        chosen = each_slant_first(
            groups, lambda g: library.slant(index.outlet_of(index.quotes[g[0]].passage_id)),
            limit)
    else:
        chosen = groups[:limit]
    items = [_item(library, list(subset(index.quotes, group))) for group in chosen]
    notes = []
    if len(groups) > len(items):
        notes.append(tr("Showing the first {shown} of {total} quotations.", shown=len(items),
                        total=len(groups)))
    notes += balance_notes(library, scope, query, (q.outlet for q in items))
    return QuoteAnswer("quote", query, notes=notes, quotes=items)


def _item(library: Library, group: list[Quote]) -> QuoteItem:
    index, identities = library.index, library.index.identities
    carriers = []
    for quote in group:
        document = index.document(index.passage(quote.passage_id).doc_id)
        carriers.append(Carrier(document.outlet, document.doc_id, iso_date(document),
                                quote.passage_id, quote.text, quote.sentence.text, document.url,
                                quote.speaker, quote.evidence, round(quote.confidence, 3),
                                text_offset=_offset_in_sentence(quote)))
    first, lead = carriers[0], group[0]
    # The carriers may name different speakers (or none): the surest attribution speaks for all.
    surest = max((q for q in group if q.speaker), key=lambda q: q.confidence, default=None)
    printed = surest.speaker if surest else ""
    speaker = identities.label(printed)
    role = next((q.role for q in group if q.speaker == printed and q.role), "")
    if role and " and " not in speaker:  # "President" in one article, "Chinese President" in one
        role = fullest_role(role, field_values(
            subset(index.quotes, library.speakers.quotations_labelled(speaker)), "role"))
    return QuoteItem(
        text=lead.text, speaker=speaker, role=role, outlet=first.outlet, doc_id=first.doc_id,
        date=first.date, passage_id=first.passage_id, sentence=first.sentence, url=first.url,
        kind=lead.kind, carried_by=carriers,
        speaker_evidence=surest.evidence if surest else "none",
        speaker_confidence=round(surest.confidence, 3) if surest else 0.0,
        text_offset=first.text_offset,
    )


def _offset_in_sentence(quote: Quote) -> int:
    """Where the quotation's words start in its sentence; -1 if they run on past it."""
    offset = quote.start - quote.sentence.start
    inside = offset >= 0 and quote.end <= quote.sentence.end
    return offset if inside and quote.sentence.text[offset:].startswith(quote.text) else -1


def _unquoted(library: Library, query: str, persons: set[str], scope: Scope) -> Answer:
    """A person never quoted: say so, with the sentences that name them and their outlets."""
    index = library.index
    seen: set[tuple[str, int]] = set()
    mentions = []
    named_elsewhere = False
    for position in library.speakers.naming_any(persons):
        mention = index.people[position]
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
    names = tr(" or ").join(sorted(persons))
    limit = scope.limit(library.config.quotes)
    shown = (each_slant_first(mentions, lambda m: library.slant(m.outlet), limit)
             if scope.balance else mentions[:limit])
    notes = [tr("Showing {shown} of the {total} sentences naming {names}.", shown=limit,
                total=len(mentions), names=names)] if len(mentions) > limit else []
    notes += balance_notes(library, scope, query, (m.outlet for m in shown))
    return QuoteAnswer("quote", query, notes=notes, unquoted=names, mentions=shown)
