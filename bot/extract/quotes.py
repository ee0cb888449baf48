"""Direct quotations in a document, with who said them.

Answers are verbatim and attributed, so a quotation must be cited with its speaker, not with the
outlet alone: "The minister said the plan 'will pay for itself'" is the minister's claim,
reported by the outlet. This module finds quoted spans, drops the ones that are merely names or
scare-quoted terms ("Good Friday Agreement", "historic"), and attributes the rest with small,
explainable heuristics: speech verbs and "according to" (lexicon.py) next to a person the
document refers to (people.py), by name, title, appositive, pronoun or role noun.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.extract.lexicon import CUE, INVERTIBLE
from bot.extract.people import (
    MASK,
    Mention,
    People,
    PersonMention,
    find_mentions,
    people_named,
    resolve,
)
from bot.models import Document, Sentence


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted span, verbatim, with its sentence and its speaker as best known."""

    text: str  # the words inside the quotation marks, verbatim (no marks)
    start: int  # offsets of `text` in Document.text
    end: int
    sentence: Sentence  # the sentence containing the quotation (the first if it spans several)
    speaker: str  # fullest form of the speaker's name in the document; "" if unknown
    role: str  # e.g. "Foreign Minister"; "" if none
    passage_id: str
    # "quotation"; "fragment": a few quoted words, only meaningful inside their sentence;
    # "interview": a sentence of an interviewee's answer (no quotation marks, `text` = sentence)
    kind: str = "quotation"


MIN_WORDS = 4  # shorter quoted spans are nearly always names or scare-quoted terms
MIN_FRAGMENT_WORDS = 2  # a single quoted word is a term, never someone's words
_TITLE_GAP = re.compile(r"\s*(?:[A-Z][\w-]*\.?\s+){0,4}")  # "said Sen. Ann Roe"


def extract_quotes(document: Document) -> list[Quote]:
    """Direct quotations of the document with their speakers, in text order."""
    return extract_quotes_and_people(document)[0]


def extract_quotes_and_people(document: Document) -> tuple[list[Quote], list[PersonMention]]:
    """The quotations, and every sentence naming a person (one analysis serves both)."""
    text = document.text
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\n", text)]
    spans, running_on = _quote_spans(text, paragraph_starts)
    masked = _masked(text, spans)
    located = [(s, p.passage_id) for p in document.passages for s in p.sentences]
    mentions = find_mentions(masked, [s for s, _ in located])
    people = resolve(mentions)
    quotes = _quotations(text, masked, located, spans, running_on, mentions, people,
                         paragraph_starts)
    quotes += _interview_answers(document, mentions, people, quotes)
    quotes.sort(key=lambda q: q.start)
    return quotes, people_named(located, mentions, people)


def _quotations(
    text: str,
    masked: str,
    located: list[tuple[Sentence, str]],
    spans: list[tuple[int, int]],
    running_on: set[int],
    mentions: list[Mention],
    people: People,
    paragraph_starts: list[int],
) -> list[Quote]:
    """Each quoted span with a speech cue or continuing the last speaker's words."""

    def paragraph_of(position: int) -> int:
        return bisect.bisect_right(paragraph_starts, position) - 1

    quotes: list[Quote] = []
    pending: list[Quote] = []  # run-on paragraphs whose speaker is named further on
    last: tuple[str, str, int] | None = None  # speaker, role, paragraph of the last quote
    for position, (sentence, passage_id) in enumerate(located):
        refs = [m for m in mentions if sentence.start <= m.start < sentence.end]
        following = located[position + 1][0] if position + 1 < len(located) else None
        for start, end in spans:
            if not sentence.start <= start < sentence.end:
                continue
            size = len(text[start:end].split())
            kind = "quotation"
            if size < MIN_WORDS:
                if _capitalized(text[start:end]):  # "Old Town", "Golden Globe Awards": names
                    continue
                if size >= MIN_FRAGMENT_WORDS and not _said_aloud(text, masked, end):
                    kind = "fragment"
                elif not _said_aloud(text, masked, end):
                    continue
            here = paragraph_of(start)
            recent = last if last is not None and here - last[2] <= 1 else None
            ref = _attribute(masked, sentence, (start, end), refs, spans)
            cue_refs = refs
            if ref is None and following is not None:
                cue_refs = [m for m in mentions if following.start <= m.start < following.end]
                ref = _attribution_after(masked, sentence, following, end, cue_refs, spans)
            if ref is None:  # no speech cue: only a continuation of the last quote's speaker
                if kind == "fragment":
                    continue
                if start in running_on and recent is None:
                    pending.append(Quote(text[start:end], start, end, sentence, "", "",
                                         passage_id))
                    continue
                if recent is None or {m.person for m in refs if m.kind == "name"} - {recent[0]}:
                    continue
                speaker, role = recent[0], recent[1]
            elif ref.person:
                speaker, role = ref.person, ref.role or people.best_role(ref.person)
                joint = _joint_speaker(masked, cue_refs, ref)
                if joint:
                    speaker, role = joint, ""
            elif recent is not None:
                speaker, role = recent[0], recent[1]
            else:  # '"...", reaffirming the nation's dedication': whoever was just referred to
                speaker = _last_person(mentions, start, here - 1, paragraph_of)
                role = people.best_role(speaker) if speaker else ""
            if kind == "fragment" and not speaker:
                continue
            quote = Quote(text[start:end], start, end, sentence, speaker, role, passage_id, kind)
            for earlier in pending:  # "“First paragraph\n\n“second,” she said": hers too
                quotes.append(Quote(earlier.text, earlier.start, earlier.end, earlier.sentence,
                                    speaker, role, earlier.passage_id))
            pending = []
            quotes.append(quote)
            if speaker and kind != "fragment":
                last = (speaker, role, here)
    return sorted(quotes, key=lambda q: q.start)


def _attribution_after(
    masked: str,
    sentence: Sentence,
    following: Sentence,
    end: int,
    refs: list[Mention],
    spans: list[tuple[int, int]],
) -> Mention | None:
    """'“Never again!” Lopez said.': a quote ending its sentence, attributed by the next one.

    The sentence splitter cuts after "!" or "?" inside the marks, leaving the cue alone in a
    short sentence of its own; it counts only when it is nothing but the attribution.
    """
    if masked[end:sentence.end].strip(MASK + " ") or masked[sentence.end:following.start].strip():
        return None
    if len(masked[following.start:following.end].split()) > 8:
        return None
    ref = _attribute(masked, following, (following.start, following.start), refs, spans)
    return ref if ref is not None and ref is not _NO_REF else None


def _capitalized(words: str) -> bool:
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words.split())


def _said_aloud(text: str, masked: str, end: int) -> bool:
    """'“I love you,” he said': a short quote ending in its own punctuation, its cue next to it."""
    if text[end - 1:end] not in (",", "!", "?", ".", "…"):
        return False
    after = masked[end + 1:end + 40]
    return CUE.search(after.split(",")[0]) is not None or CUE.match(
        after, len(after) - len(after.lstrip())) is not None


_PARTNER = re.compile(r"\s+and\s+((?:his|her|their)\s+(?:[\w-]+\s+){0,2}?"
                      r"(?:counterparts?|hosts?|guests?|colleagues?|wife|husband))\s")


def _joint_speaker(masked: str, refs: list[Mention], ref: Mention) -> str:
    """'she and Mayor Tom Reyes hailed': both speakers, joined by "and"."""
    position = refs.index(ref)
    if position > 0:
        before = refs[position - 1]
        if before.person and before.person != ref.person and re.fullmatch(
            r"\s+and\s+(?:[A-Z][\w-]*\s+){0,3}", masked[before.end:ref.start]
        ):
            return f"{before.person} and {ref.person}"
    partner = _PARTNER.match(masked, ref.end)
    if partner and CUE.match(masked, partner.end()):
        return f"{ref.person} and {partner.group(1)}"  # verbatim: "his Danish counterpart"
    if position + 1 < len(refs):
        after = refs[position + 1]
        if after.person and after.person != ref.person and re.fullmatch(
            r"\s+and\s+(?:[A-Z][\w-]*\s+){0,3}", masked[ref.end:after.start]
        ) and CUE.match(masked, after.end + 1):
            return f"{ref.person} and {after.person}"
    return ""


_INTERVIEW = re.compile(
    r"\b(?:interview(?:ed)?\s+(?:with\s+)?|spoke\s+(?:with|to)\s+|(?:questions|Q&A)\s+with\s+)"
)


def _interview_answers(
    document: Document, mentions: list[Mention], people: People, found: list[Quote]
) -> list[Quote]:
    """In a question-and-answer interview, each sentence of the answers is the interviewee's.

    The interview is announced in the opening paragraphs ("an interview with Ana Pérez");
    questions are paragraphs ending in "?", and the answers are the paragraphs after a question,
    up to the next question. Sentences already holding someone else's quotation keep that
    quotation instead.
    """
    passages = document.passages
    interviewee, opening_end = "", 0
    for match in _INTERVIEW.finditer(document.text, 0, min(len(document.text), 2000)):
        named = [m for m in mentions if m.kind == "name" and m.person
                 and match.end() <= m.start <= match.end() + 3]
        if named:
            interviewee = named[0].person
            paragraph_end = document.text.find("\n", match.end())
            opening_end = paragraph_end if paragraph_end >= 0 else len(document.text)
            break
    if not interviewee:
        return []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", document.text)]
    questions = [p for p in paragraphs
                 if p[0] >= opening_end and document.text[p[0]:p[1]].rstrip().endswith("?")]
    if not questions:
        return []
    in_answer = [False] * len(paragraphs)
    answering = False
    for index, (start, end) in enumerate(paragraphs):
        if (start, end) in questions:
            answering = True
        elif answering:
            in_answer[index] = True
    quoted = {q.sentence for q in found}
    role = people.best_role(interviewee)
    answers = []
    for passage in passages:
        for sentence in passage.sentences:
            index = next((i for i, (s, e) in enumerate(paragraphs) if s <= sentence.start < e), -1)
            if index < 0 or not in_answer[index] or sentence in quoted:
                continue
            answers.append(Quote(sentence.text, sentence.start, sentence.end, sentence,
                                 interviewee, role, passage.passage_id, "interview"))
    return answers


_NO_REF = Mention(0, 0, "none")


def _attribute(
    masked: str,
    sentence: Sentence,
    quote: tuple[int, int],
    refs: list[Mention],
    spans: list[tuple[int, int]],
) -> Mention | None:
    """The mention that says `quote`; `_NO_REF` for a cue without a subject, None for no cue."""
    cues: list[tuple[int, int, str]] = []
    for match in CUE.finditer(masked, sentence.start, sentence.end):
        if match.group("according"):
            source = _ref_starting(refs, match.end(), masked)
            if source is not None and source.kind == "name":  # "According to Reuters" is no one
                cues.append((match.start(), match.end(), "according"))
        else:
            cues.append((match.start(), match.end(), match.group("verb").lower()))
    if not cues:
        return None
    start, end = quote
    # '...,” Pérez said' / '...,” said Ambassador Roe': the attribution right after the quotation
    trailing = [c for c in cues if end <= c[0] <= end + 60 and not _quote_between(spans, end, c[0])]
    before = [c for c in cues if c[1] <= start]
    after = [c for c in cues if c[0] >= end]
    chosen: tuple[int, int, str] | None = None
    if trailing:
        chosen = trailing[0]
        if _ref_ending(refs, chosen[0], masked) is None and (
            chosen[2] not in INVERTIBLE or _ref_starting(refs, chosen[1], masked) is None
        ):
            chosen = None
    if chosen is None:
        chosen = before[-1] if before else (after[0] if after else cues[0])
    cue_start, cue_end, verb = chosen
    if verb == "according" or verb in INVERTIBLE:
        following = _ref_starting(refs, cue_end, masked)
        if following is not None:
            return following
    preceding = [m for m in refs if m.end <= cue_start and not m.possessive]
    return preceding[-1] if preceding else _NO_REF


def _ref_starting(refs: list[Mention], position: int, masked: str) -> Mention | None:
    for mention in refs:  # a title may come between: 'said Ambassador Jane Roe'
        if mention.start >= position and _TITLE_GAP.fullmatch(masked, position, mention.start):
            return mention
    return None


def _ref_ending(refs: list[Mention], position: int, masked: str) -> Mention | None:
    for mention in refs:
        gap = masked[mention.end:position]
        if mention.end <= position and not gap.strip() and not mention.possessive:
            return mention
    return None


def _quote_between(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < s < end for s, _ in spans)


def _last_person(
    mentions: list[Mention], position: int, since: int, paragraph_of: Callable[[int], int]
) -> str:
    """The person last referred to before `position`, if in paragraph `since` or later."""
    for mention in reversed(mentions):
        if mention.start < position and not mention.possessive and mention.person:
            return mention.person if paragraph_of(mention.start) >= since else ""
    return ""


def _quote_spans(text: str, paragraph_starts: list[int]) -> tuple[list[tuple[int, int]], set[int]]:
    """Offsets of the text inside each pair of quotation marks, paired within a paragraph.

    A quotation over several paragraphs leaves each but its last paragraph unclosed, and the
    next paragraph opens with a mark again: each such paragraph's part is a span of its own,
    and the starts of those run-on spans are returned too.
    """
    spans: list[tuple[int, int]] = []
    running_on: set[int] = set()
    bounds = [*paragraph_starts, len(text) + 2]
    for index in range(len(paragraph_starts)):
        low, high = bounds[index], bounds[index + 1] - 2
        chunk = text[low:high]
        following = text[bounds[index + 1]:bounds[index + 1] + 1] if index + 1 < len(
            paragraph_starts) else ""
        opening: int | None = None
        for match in re.finditer(r"[“”]", chunk):
            if match.group() == "“":
                opening = match.end()
            elif opening is not None:
                spans.append((low + opening, low + match.start()))
                opening = None
        if opening is not None and following == "“":
            spans.append((low + opening, high))
            running_on.add(low + opening)
        straight = [m.start() for m in re.finditer('"', chunk)]
        position = 0
        while position + 1 < len(straight):
            first, second = straight[position], straight[position + 1]
            if chunk[first + 1:first + 2].isspace():  # a closing mark: out of step, skip it
                position += 1
                continue
            spans.append((low + first + 1, low + second))
            position += 2
        if position == len(straight) - 1 and following == '"' and not chunk[
                straight[-1] + 1:straight[-1] + 2].isspace():
            spans.append((low + straight[-1] + 1, high))
            running_on.add(low + straight[-1] + 1)
    trimmed = []
    moved: set[int] = set()
    for start, end in spans:
        inner = text[start:end]
        stripped = inner.strip()
        if stripped:
            offset = start + (len(inner) - len(inner.lstrip()))
            trimmed.append((offset, offset + len(stripped)))
            if start in running_on:
                moved.add(offset)
    return sorted(trimmed), moved


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with every quoted span (marks included) blanked out, offsets unchanged."""
    chars = list(text)
    for start, end in spans:
        low, high = max(start - 1, 0), min(end + 1, len(text))
        chars[low:high] = MASK * (high - low)
    return "".join(chars)
