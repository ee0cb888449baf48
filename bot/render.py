"""Answers laid out once as blocks of styled spans, then written as Telegram HTML or plain text.

The layout decides what is shown and in what order; the two writers only decide how bold, links
and escaping look. Pages are cut between blocks, so an item and its attribution never part.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from babel import Locale, UnknownLocaleError

from bot.answers.types import (
    Answer,
    CompareAnswer,
    Event,
    HelpAnswer,
    Notice,
    OutletSummary,
    QuoteAnswer,
    QuoteItem,
    SearchAnswer,
    SearchResult,
    Source,
    SourcesAnswer,
    TimelineAnswer,
)
from bot.commands import COMMANDS
from bot.i18n import current_language, display_date, display_period, speaking, tr, trn
from bot.models import PartialDate

# Telegram counts a message's length in UTF-16 units of its visible text, after the HTML is
# parsed: tags and entities do not count, an emoji or a flag's half counts twice.
TELEGRAM_LIMIT = 4096
CAPTION_LIMIT = 1024  # a photo's caption
PAGE_MARGIN = 50  # the "Page 2 of 3" footer and the blank lines around it
PAGE_BUDGET = TELEGRAM_LIMIT - PAGE_MARGIN  # visible UTF-16 units per page, footer excluded
MAX_SPAN = 3000  # a single span longer than this is shortened at a word boundary
LONGEST_WORD = 40  # a text is cut after its last whole word, unless that word is longer
ECHO_LIMIT = 200  # the user's words shown back in a heading: a long query is shortened


@dataclass(frozen=True)
class Span:
    text: str
    style: str = ""  # "", "b", "i", "code" or "a"
    url: str = ""


Line = list[Span]


@dataclass
class Block:
    """Lines that stay together on one page: an item with its attribution."""

    lines: list[Line]


@dataclass
class Layout:
    header: list[Line]
    blocks: list[Block] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)


def _count(number: int, noun: str) -> str:
    """'1 passage', '3 passages', in the reader's language."""
    return _NOUNS[noun](number)


_NOUNS: dict[str, Callable[[int], str]] = {
    "passage": lambda n: trn("{n} passage", "{n} passages", n),
    "event": lambda n: trn("{n} event", "{n} events", n),
    "quotation": lambda n: trn("{n} quotation", "{n} quotations", n),
    "outlet": lambda n: trn("{n} outlet", "{n} outlets", n),
    "article": lambda n: trn("{n} article", "{n} articles", n),
}


def _echo(query: str) -> str:
    """The user's words as a heading shows them back: once, and shortened when long."""
    return _shorten(query, ECHO_LIMIT)


def _date(iso: str | None) -> str:
    return display_date(PartialDate.parse_iso(iso)) if iso else tr("undated")


def _parsed_date(english: str) -> PartialDate | None:
    """"28 Sep 1960", "September 1960" or "1960" as a date, as dates.py writes them."""
    for form, fields in (("%d %b %Y", 3), ("%B %Y", 2), ("%Y", 1)):
        try:
            parsed = dt.datetime.strptime(english, form)
        except ValueError:
            continue
        return PartialDate(parsed.year, *((parsed.month, parsed.day)[:fields - 1]))
    return None


# The periods dates.py writes: 'late 1980s', 'Q3 2009', 'summer 1998', 'week of 9 Mar 2015'.
_GIVEN_PERIOD = re.compile(r"(?:(?:early|mid|late) )?(?P<decade>\d{4})s|Q(?P<quarter>[1-4]) "
                           r"(?P<year>\d{4})|(?P<season>spring|summer|fall|autumn|winter) "
                           r"(?P<season_year>\d{4})|(?P<week>week|weekend) of (?P<day>.+)")


def _given(english: str) -> str:
    """A date as a sentence gives it ("28 Sep 1960", "late 1980s", "Q3 2009", "1960–1964"),
    in the reader's language (dates.py writes them in English)."""
    period = _GIVEN_PERIOD.fullmatch(english)
    if period is not None and period["decade"]:
        return display_period(PartialDate(int(period["decade"])), None, "decade", english)
    if period is not None and period["quarter"]:
        month = 3 * int(period["quarter"]) - 2
        return display_period(PartialDate(int(period["year"]), month), None, "quarter", english)
    if period is not None and period["season"]:
        return display_period(PartialDate(int(period["season_year"])), None, "season", english)
    if period is not None and (day := _parsed_date(period["day"])) is not None:
        return display_period(day, None, period["week"], english)
    first, _, last = english.partition("–")
    dates = [_parsed_date(first), _parsed_date(last) if last else None]
    if dates[0] is not None and (not last or dates[1] is not None):
        return display_period(dates[0], dates[1], "range" if last else "", english)
    return english


def _event_date(event: Event) -> str:
    """The event's date at its precision, in the reader's language."""
    end = PartialDate.parse_iso(event.end) if event.end else None
    return display_period(PartialDate.parse_iso(event.date), end, event.precision,
                          event.date_display)


def _attribution(outlet: str, iso: str | None, url: str, republished: list[str] | None = None
                 ) -> Line:
    line = [Span(_carried(outlet, republished), "b"), Span(f" · {_date(iso)}")]
    if url:
        line += [Span(" · "), Span(tr("link"), "a", url)]
    return line


def _carried(outlet: str, republished: list[str] | None) -> str:
    """"Coast Wire, carried by Bay Daily, Harbour Post": a story other outlets republished
    (answers.republished); the outlet alone when none did."""
    if not republished:
        return outlet
    return tr("{outlet}, carried by {outlets}", outlet=outlet, outlets=", ".join(republished))


def _with_highlights(result: SearchResult) -> Line:
    spans, cursor = [], 0
    for start, end in result.highlights:
        if start > cursor:
            spans.append(Span(result.text[cursor:start]))
        spans.append(Span(result.text[start:end], "b"))
        cursor = end
    spans.append(Span(result.text[cursor:]))
    return [s for s in spans if s.text]


def _notes(answer: Answer) -> list[Line]:
    return [[Span(note, "i")] for note in answer.notes]


def _passage_block(result: SearchResult, numbered: bool = True) -> Block:
    rank = [Span(f"{result.rank}. ")] if numbered else []
    return Block([[*rank, *_attribution(result.outlet, result.date, result.url,
                                        result.republished_by)],
                  _with_highlights(result)])


def _search_layout(answer: SearchAnswer) -> Layout:
    title = "🔎 " + tr("{count} for “{query}”", count=_count(len(answer.results), "passage"),
                      query=_echo(answer.query))
    blocks = [_passage_block(r) for r in answer.results]
    return Layout([[Span(title, "b")], *_notes(answer)], blocks)


def _event_block(event: Event, sourced: bool = False) -> Block:
    """The event's sentence and the outlets reporting it; `sourced` adds the outlet, date and
    link of the article the sentence is from, for an event shown on its own."""
    # An outlet that dates the event less precisely says so: "Reuters (as 2009)".
    outlets = [_carried(s.outlet, s.republished_by) if s.date_given in ("", event.date_display)
               else tr("{outlet} (as {date})", outlet=_carried(s.outlet, s.republished_by),
                       date=_given(s.date_given))
               for s in event.sources]
    reported = (tr("only in {outlet}", outlet=outlets[0]) if len(outlets) == 1
                else tr("reported by {outlets}", outlets=", ".join(outlets)))
    lines = [[Span(_event_date(event), "b"), Span(" — "), Span(event.text)],
             [Span("   "), Span(reported, "i")]]
    if sourced and event.sources:
        lead = event.sources[0]  # whose sentence `event.text` is
        lines.insert(1, [Span("— "), *_attribution(lead.outlet, lead.date, lead.url,
                                                    lead.republished_by)])
    return Block(lines)


def _timeline_layout(answer: TimelineAnswer) -> Layout:
    # What was understood: the period, then the topic ("Timeline: 2022, on “floods”").
    scope = ", ".join(p for p in (answer.period, answer.topic and tr(
        "on “{topic}”", topic=_echo(answer.topic))) if p)
    blocks = [_event_block(event) for event in answer.events]
    count = _count(len(answer.events), "event")
    title = ("🗓 " + tr("Timeline: {scope} — {count}", scope=scope, count=count) if scope
             else "🗓 " + tr("Timeline — {count}", count=count))
    return Layout([[Span(title, "b")], *_notes(answer)], blocks)


def _mention_block(mention: Source) -> Block:
    return Block([[Span(mention.sentence)],
                  [Span("   "), *_attribution(mention.outlet, mention.date, mention.url,
                                              mention.republished_by)]])


def _quote_block(quote: QuoteItem) -> Block:
    """The quotation, its speaker, and every outlet carrying it with date and link."""
    # Where the article does not say who spoke, say so and show the whole sentence rather
    # than guess: the reader sees what the article gives.
    unstated = not quote.speaker
    speaker = [Span("— "), Span(tr("speaker not stated in the article"), "i") if unstated
               else Span(quote.speaker, "b")]
    if quote.role:
        speaker.append(Span(f", {quote.role}"))
    if quote.kind == "interview":
        speaker.append(Span(tr(" (interview answer)"), "i"))
    words = _in_sentence(quote) if quote.kind == "fragment" or unstated else None
    if words is not None and quote.kind == "fragment" and not unstated:
        speaker.append(Span(tr(" (the quoted words only)"), "i"))
    carriers = quote.carried_by or []
    outlets = list(dict.fromkeys(c.outlet for c in carriers)) or [quote.outlet]
    # "carried by AP, ExBulletin · date · link": the outlets that republished an article carry
    # its quotation too
    carried = [Span(tr(" · carried by ")), *_attribution(
        ", ".join([quote.outlet, *quote.republished_by]), quote.date, quote.url)]
    for other in outlets[1:]:
        first = next(c for c in carriers if c.outlet == other)
        carried += [Span(tr(" and ")), *_attribution(
            ", ".join([first.outlet, *first.republished_by]), first.date, first.url)]
    if words is None:
        words = [Span(f"“{quote.text.rstrip(',;: ')}”")]
    lines = [[s for s in words if s.text], speaker + carried]
    wordings = {quote.text.rstrip(",;:. ")}
    for carrier in carriers[1:]:  # each outlet's own wording, where it differs
        if carrier.text.rstrip(",;:. ") not in wordings:
            wordings.add(carrier.text.rstrip(",;:. "))
            lines.append([Span("   "), Span(carrier.outlet, "i"),
                          Span(f": “{carrier.text.rstrip(',;: ')}”")])
    return Block(lines)


FRAGMENT_CONTEXT = 300  # characters of a fragment's sentence shown on each side of its words
_OPENING_MARKS = "“\"‘«'"
_CLOSING_MARKS = "”\"’»'"


def _in_sentence(quote: QuoteItem) -> list[Span] | None:
    """A few quoted words, or words nobody is named for, mean something in their sentence:
    the sentence, its quoted words marked (bold, and in quotation marks where the sentence
    has none around them, so that plain text shows them too), the rest of it around them as
    context, at most `FRAGMENT_CONTEXT` characters a side. None if the words are not in it."""
    sentence, text = quote.sentence, quote.text
    at = quote.text_offset
    if at < 0 or not sentence.startswith(text, at):
        at = sentence.find(text)
    if at < 0 or not text:
        return None
    before, after = sentence[:at], sentence[at + len(text):]
    opening, closing = before.rstrip()[-1:], after.lstrip(",.;:!?… ")[:1]
    marked = bool(opening and closing) and opening in _OPENING_MARKS and closing in _CLOSING_MARKS
    if len(before) > FRAGMENT_CONTEXT:
        kept = before[-FRAGMENT_CONTEXT:]
        before = "… " + (kept.split(" ", 1)[1] if " " in kept else kept)
    if len(after) > FRAGMENT_CONTEXT:
        after = after[:FRAGMENT_CONTEXT].rsplit(" ", 1)[0] + " …"
    shown = text if marked else f"“{text}”"
    return [s for s in (Span(before), Span(shown, "b"), Span(after)) if s.text]


def _quote_layout(answer: QuoteAnswer) -> Layout:
    if answer.unquoted:  # the person is never quoted: where they are named instead
        title = "💬 " + tr("{person} is not quoted in the corpus", person=answer.unquoted)
        named = tr("Sentences that name them: {count}", count=len(answer.mentions))
        blocks = [_mention_block(m) for m in answer.mentions]
        return Layout([[Span(title, "b")], *_notes(answer), [Span(named, "i")]], blocks)
    blocks = [_quote_block(quote) for quote in answer.quotes]
    count = _count(len(answer.quotes), "quotation")
    title = "💬 " + (tr("{count} on “{query}”", count=count, query=_echo(answer.query))
                     if answer.query else count)
    return Layout([[Span(title, "b")], *_notes(answer)], blocks)


def _notice_layout(answer: Notice) -> Layout:
    message = answer.message
    if answer.query:  # the words asked about, quoted in the message: shown back shortened
        message = message.replace(f"“{answer.query}”", f"“{_echo(answer.query)}”")
    lines = [[Span(message)]]
    if answer.suggestions:
        lines.append([Span(tr("Try: "))] + _joined([Span(s, "code") for s in answer.suggestions]))
    return Layout([*_notes(answer), *lines])


def layout(answer: Answer) -> Layout:
    """What each kind of answer shows: one layout function per kind of answer."""
    for kind, build in _LAYOUTS:
        if isinstance(answer, kind):
            return build(answer)
    raise TypeError(f"no layout for {type(answer).__name__}")


def _joined(spans: list[Span], separator: str = "  ·  ") -> Line:
    out: Line = []
    for position, span in enumerate(spans):
        if position:
            out.append(Span(separator))
        out.append(span)
    return out


def language_name(code: str) -> str:
    """'Spanish' for 'es' (Babel's names, in the reader's language); the code if unknown."""
    try:
        return str(Locale.parse(current_language()).languages.get(code, code))
    except (ValueError, UnknownLocaleError):
        return code


def _outlet_facts(outlet: OutletSummary) -> str:
    facts = f"{_count(len(outlet.doc_ids), 'article')}, {_count(outlet.passages, 'passage')}"
    if outlet.dates:
        facts += " · " + ", ".join(_date(d) for d in outlet.dates)
    if outlet.languages:
        facts += " · " + ", ".join(language_name(code) for code in outlet.languages)
    return facts


def _outlet_block(outlet: OutletSummary) -> Block:
    title = [Span(_carried(outlet.outlet, outlet.republished_by), "b")]
    if outlet.slant:
        title.append(Span(f" ({outlet.slant})", "i"))
    lines = [title + [Span(f" — {_outlet_facts(outlet)}")]]
    lines += [[Span(" • "), Span(sentence)] for sentence in outlet.summary]
    return Block(lines)


def _sources_layout(answer: SourcesAnswer) -> Layout:
    if answer.query:
        header = [Span("📰 " + tr("{count} on “{query}”", count=_count(
            len(answer.outlets), "outlet"), query=_echo(answer.query)), "b")]
    else:
        header = [Span("📰 " + tr("The corpus: {count}", count=_count(len(answer.outlets),
                                                                       "outlet")), "b")]
    blocks = [_outlet_block(outlet) for outlet in answer.outlets]
    footer = []
    if answer.not_covered_by:
        footer.append([Span(tr("Not covered by: "), "b"),
                       Span(", ".join(answer.not_covered_by))])
    return Layout([header, *_notes(answer)], blocks, footer)


def _compare_layout(answer: CompareAnswer) -> Layout:
    header = [Span("⚖️ " + tr("How {count} tell “{query}”", count=_count(
        len(answer.outlets), "outlet"), query=_echo(answer.query)), "b")]
    blocks = []
    for outlet in answer.outlets:
        title = [Span(_carried(outlet.outlet, outlet.republished_by), "b")]
        if outlet.slant:
            title.append(Span(f" ({outlet.slant})", "i"))
        title += [Span(f" · {_date(outlet.date)}")]
        if outlet.url:
            title += [Span(" · "), Span(tr("link"), "a", outlet.url)]
        title.append(Span(tr(" — its one passage on it") if outlet.passages == 1
                          else tr(" — best of {count} passages on it", count=outlet.passages)))
        blocks.append(Block([title, [Span(outlet.text)]]))
    for fact in answer.shared:
        lines = [[Span(tr("Same fact, two outlets:"), "b")]]
        lines += [[Span(f" • “{s.sentence}” — "), Span(_carried(s.outlet, s.republished_by), "b")]
                  for s in fact.sources]
        blocks.append(Block(lines))
    if answer.sides:
        lines = [[Span(tr("Words that set each side apart"), "b"),
                  Span(tr(" (log-odds with an informative prior, Monroe et al. 2008):"), "i")]]
        for side in answer.sides:
            who = "" if side.outlets == [side.label] else f" ({', '.join(side.outlets)})"
            words = ", ".join(side.words) or tr("no word stands out")
            lines.append([Span(" • "), Span(side.label, "b"), Span(f"{who}: {words}")])
        blocks.append(Block(lines))
    if answer.wordings:
        lines = [[Span(tr("Which word each outlet uses"), "b"),
                  Span(tr(" (passages on the topic):"), "i")]]
        for wording in answer.wordings:
            used = ", ".join(f"{word} ×{count}" for word, count in wording.counts.items())
            lines.append([Span(" • "), Span(wording.outlet, "b"), Span(f": {used}")])
        blocks.append(Block(lines))
    footer = []
    if answer.not_covered_by:
        footer.append([Span(tr("Not covered by: "), "b"),
                       Span(", ".join(answer.not_covered_by))])
    return Layout([header, *_notes(answer)], blocks, footer)


def _help_layout(answer: HelpAnswer) -> Layout:
    header = [
        [Span("newsbot", "b"), Span(tr(" answers what each outlet actually reported: every "
                                       "sentence it shows is quoted verbatim from an article "
                                       "and names its outlet."))],
        [Span(tr("Corpus: {documents} articles, {passages} passages from {outlets} outlets:",
                 documents=answer.documents, passages=answer.passages,
                 outlets=len(answer.corpus)))],
    ]
    outlets = Block([
        [Span(" • "), Span(o.outlet, "b"),
         Span(" — " + ", ".join(_date(d) for d in o.dates) if o.dates else ""),
         Span(f" ({o.slant})" if o.slant else "", "i")]
        for o in answer.corpus
    ])
    commands = Block([[Span(tr("Commands:"), "b")]])
    for spec in COMMANDS:
        if spec.name == "start":
            continue
        example = answer.examples.get(spec.name, "")
        line = [Span(tr(spec.usage), "code"), Span(f" — {tr(spec.summary)}")]
        if example:
            line += [Span(tr(". e.g. ")), Span(f"/{spec.name} {example}", "code")]
        commands.lines.append(line)
    tip = Block([[Span(tr("In a private chat, any text is a search. In groups, use the "
                          "commands."), "i")],
                 [Span(tr("In any other Telegram chat, type this bot's @username and a topic (or "
                          "timeline, quote or sources and a topic) to send one passage, event or "
                          "quotation there, with its outlet."), "i")]])
    return Layout(header, [outlets, commands, tip])


_LAYOUTS: list[tuple[type[Any], Callable[[Any], Layout]]] = [
    (SearchAnswer, _search_layout),
    (TimelineAnswer, _timeline_layout),
    (QuoteAnswer, _quote_layout),
    (SourcesAnswer, _sources_layout),
    (CompareAnswer, _compare_layout),
    (HelpAnswer, _help_layout),
    (Notice, _notice_layout),
]


# -- items: each item of an answer on its own (inline mode) ---------------------------------------

TITLE_CHARS = 100  # a result's title and description: a line or two in Telegram's list
DESCRIPTION_CHARS = 120


@dataclass(frozen=True)
class Item:
    """One item of an answer that stands on its own: a passage, an event with its outlets, a
    quotation with its speaker and outlets, an outlet's summary. Inline mode offers each as a
    message to send into another chat, so it carries its attribution as the chat answer does."""

    title: str  # who (outlet, speaker) and when
    description: str  # its first words
    block: Block  # the item as the chat answer shows it


def items(answer: Answer) -> list[Item]:
    """The answer's items, in its order; none for answers that are not lists of items (help,
    notices, /compare's side-by-side)."""
    with speaking(answer.language):
        return _items(answer)


def _items(answer: Answer) -> list[Item]:
    if isinstance(answer, SearchAnswer):
        return [_passage_item(r) for r in answer.results]
    if isinstance(answer, TimelineAnswer):
        return [_event_item(e) for e in answer.events if e.sources]
    if isinstance(answer, QuoteAnswer):
        if answer.unquoted:
            return [_mention_item(m, answer.unquoted) for m in answer.mentions]
        return [_quote_item(q) for q in answer.quotes]
    if isinstance(answer, SourcesAnswer):
        return [_outlet_item(o) for o in answer.outlets]
    return []


def item_html(item: Item) -> str:
    """The item as one Telegram HTML message, within a page's budget (so within Telegram's
    limit): a line too long is shortened at a word boundary, the attribution line kept."""
    return _write(_fit_lines(item.block.lines, PAGE_BUDGET), "html")


def first_words(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """The text on one line within `limit` units, cut after a whole word and marked " …"."""
    return _shorten(" ".join(text.split()), limit)


def _who(outlets: list[str]) -> str:
    """"A", "A and B", "A, B and 3 more"."""
    if len(outlets) <= 2:
        return tr(" and ").join(outlets)
    return tr("{first}, {second} and {more} more", first=outlets[0], second=outlets[1],
              more=len(outlets) - 2)


def _item(title: str, description: str, block: Block) -> Item:
    return Item(first_words(title, TITLE_CHARS), first_words(description), block)


def _passage_item(result: SearchResult) -> Item:
    return _item(f"{_carried(result.outlet, result.republished_by)} · {_date(result.date)}",
                 result.text,
                 _passage_block(result, numbered=False))


def _event_item(event: Event) -> Item:
    outlets = list(dict.fromkeys(s.outlet for s in event.sources))
    return _item(f"{_event_date(event)} — {_who(outlets)}", event.text,
                 _event_block(event, sourced=True))


def _quote_item(quote: QuoteItem) -> Item:
    speaker = quote.speaker or tr("Speaker not stated")
    outlets = list(dict.fromkeys(c.outlet for c in quote.carried_by)) or [quote.outlet]
    words = (quote.sentence if quote.kind == "fragment" or not quote.speaker
             else f"“{quote.text.rstrip(',;: ')}”")
    return _item(f"{speaker} — {_who(outlets)} · {_date(quote.date)}", words,
                 _quote_block(quote))


def _mention_item(mention: Source, person: str) -> Item:
    return _item(tr("Names {person}", person=person)
                 + f" — {_carried(mention.outlet, mention.republished_by)} · "
                 f"{_date(mention.date)}",
                 mention.sentence, _mention_block(mention))


def _outlet_item(outlet: OutletSummary) -> Item:
    return _item(f"{outlet.outlet} — {_outlet_facts(outlet)}",
                 outlet.summary[0] if outlet.summary else "", _outlet_block(outlet))


# -- writers --------------------------------------------------------------------------------------


def utf16_units(text: str) -> int:
    """A length as Telegram counts it: UTF-16 code units, so most emoji count twice."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _shorten(text: str, limit: int = MAX_SPAN) -> str:
    """The text within `limit` UTF-16 units, cut at a word boundary and marked " …"."""
    if utf16_units(text) <= limit:
        return text
    used = accumulate(2 if ord(char) > 0xFFFF else 1 for char in text)
    prefix = _whole_characters(text, sum(1 for units in used if units <= limit - 2))  # " …"
    head, space, tail = prefix.rpartition(" ")
    return (head if space and head and len(tail) <= LONGEST_WORD else prefix) + " …"


def _whole_characters(text: str, end: int) -> str:
    """`text[:end]`, or less, so that no character as a reader sees it is cut in half: a flag
    (two regional indicators), an emoji with a joiner, a skin tone or a variation selector, a
    letter with its combining accents."""
    def clings(char: str) -> bool:  # belongs to the character before it
        return (char in "\u200d\ufe0e\ufe0f" or 0x1F3FB <= ord(char) <= 0x1F3FF
                or unicodedata.combining(char) > 0)

    while 0 < end < len(text) and (clings(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    indicators = 0
    while indicators < end and 0x1F1E6 <= ord(text[end - 1 - indicators]) <= 0x1F1FF:
        indicators += 1
    return text[:end - indicators % 2]


def span_html(span: Span) -> str:
    text = html.escape(_shorten(span.text), quote=False)
    if span.style == "a":
        return f'<a href="{html.escape(span.url, quote=True)}">{text}</a>'
    if span.style:
        return f"<{span.style}>{text}</{span.style}>"
    return text


def span_text(span: Span) -> str:
    text = _shorten(span.text)
    if span.style == "a":
        return span.url
    return text


def _write(lines: list[Line], writer: str) -> str:
    render = span_html if writer == "html" else span_text
    return "\n".join("".join(render(s) for s in line) for line in lines)


def _page_text(layout: Layout, blocks: list[Block], writer: str, footer: list[Line]) -> str:
    parts = [_write(layout.header, writer)] if layout.header else []
    parts += [_write(block.lines, writer) for block in blocks]
    if footer:
        parts.append(_write(footer, writer))
    return "\n\n".join(p for p in parts if p)


def _span_units(span: Span) -> int:
    """What a span adds to a message's length on Telegram: its visible text (a link shows its
    label, not its address; tags and escaping do not count)."""
    return utf16_units(_shorten(span.text))


def _units(lines: list[Line]) -> int:
    """The visible length of lines on Telegram, the line breaks between them included."""
    return sum(_span_units(s) for line in lines for s in line) + max(len(lines) - 1, 0)


def visible_units(page: str) -> int:
    """A page's length as Telegram counts it: UTF-16 units of the text its HTML shows,
    trimmed of the whitespace Telegram trims."""
    return utf16_units(html.unescape(_TAG.sub("", page)).strip())


_TAG = re.compile(r"<[^>]*>")


def to_text(answer: Answer) -> str:
    """The whole answer as plain text, for the console."""
    with speaking(answer.language):
        shape = layout(answer)
        return _page_text(shape, shape.blocks, "text", shape.footer)


def to_html_pages(answer: Answer, items_per_page: int) -> list[str]:
    """Telegram HTML messages, each within Telegram's limit; the header repeats on every page."""
    with speaking(answer.language):
        return _html_pages(answer, items_per_page)


def _html_pages(answer: Answer, items_per_page: int) -> list[str]:
    shape = _with_room_for_items(layout(answer))
    pages: list[list[Block]] = [[]]
    for block in _fitting_blocks(shape):
        candidate = [*pages[-1], block]
        page = _page_text(shape, candidate, "html", shape.footer)
        too_long = visible_units(page) > PAGE_BUDGET
        if pages[-1] and (too_long or len(pages[-1]) >= items_per_page):
            pages.append([block])
        else:
            pages[-1].append(block)
    total = len(pages)
    rendered = []
    for number, blocks in enumerate(pages, start=1):
        footer = list(shape.footer) if number == total else []
        if total > 1:
            footer.append([Span(tr("Page {number} of {total}", number=number, total=total),
                                "i")])
        rendered.append(_page_text(shape, blocks, "html", footer))
    return rendered


def _with_room_for_items(shape: Layout) -> Layout:
    """The layout with its header and footer shortened to half a page when it has items (the
    whole page when it has none): a very long query repeated in a heading and a note would
    otherwise leave no room for what was found, or push a page over Telegram's limit."""
    fixed = [*shape.header, *shape.footer]
    budget = PAGE_BUDGET
    fitted = _fit_lines(fixed, budget // 2 if shape.blocks else budget)
    split = len(shape.header)
    return Layout(fitted[:split], shape.blocks, fitted[split:])


def _fitting_blocks(shape: Layout) -> list[Block]:
    """The layout's blocks, with any block too long for one page split between its lines, and a
    line too long for a page shortened."""
    room = PAGE_BUDGET - visible_units(_page_text(shape, [], "html", shape.footer)) - 2
    blocks: list[Block] = []
    for block in shape.blocks:
        if _units(block.lines) <= room:
            blocks.append(block)
            continue
        part: list[Line] = []
        for line in block.lines:
            line = _fit_line(line, room)
            if part and _units([*part, line]) > room:
                blocks.append(Block(part))
                part = []
            part.append(line)
        blocks.append(Block(part))
    return blocks


def _fit_lines(lines: list[Line], budget: int) -> list[Line]:
    """Lines within `budget` visible units together: short lines stay whole, the longest are
    shortened to equal shares of what is left."""
    sizes = [_units([line]) + 1 for line in lines]  # + the line break
    if sum(sizes) <= budget:
        return lines
    caps = [0] * len(lines)
    left = budget
    for position, i in enumerate(sorted(range(len(lines)), key=sizes.__getitem__)):
        caps[i] = min(sizes[i], left // (len(lines) - position))
        left -= caps[i]
    return [_fit_line(line, cap - 1) for line, cap in zip(lines, caps, strict=True)]


def _fit_line(line: Line, room: int) -> Line:
    """The line within `room` visible units: the span that overflows is shortened at a word
    boundary, and the spans after it are left out."""
    kept: Line = []
    used = 0
    for span in line:
        size = _span_units(span)
        if used + size <= room:
            kept.append(span)
            used += size
            continue
        if room - used > 2:
            kept.append(Span(_shorten(span.text, min(room - used, MAX_SPAN)), span.style,
                             span.url))
        break
    return kept
