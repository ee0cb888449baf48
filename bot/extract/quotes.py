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
from dataclasses import dataclass, replace
from operator import attrgetter, itemgetter

from bot.extract.attribution import (
    Evidence,
    confidence,
    confident,
    source_after,
    source_before,
    source_text,
)
from bot.extract.lexicon import CUE, INVERTIBLE, SAYING_ES_SINGULAR
from bot.extract.people import (
    MASK,
    ROLE_WORDS,
    Mention,
    People,
    PersonMention,
    appositive_gap,
    find_mentions,
    mentions_in,
    omitted_subject,
    people_named,
    resolve,
)
from bot.extract.quote_form import stands_alone
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
    # How the speaker was found (attribution.EVIDENCE): "cue+name" (a verb of saying and a name
    # next to it), "cue+pronoun" / "cue+role" (resolved to a person named earlier),
    # "cue+source" (an organisation, a document or an unnamed source), "subject" (the subject
    # of a sentence without a verb of saying), "continuation" (the previous speaker's words go
    # on), "interview", or "none": the speaker is not stated, or too uncertain to name.
    evidence: str = "none"
    confidence: float = 0.0  # the estimated chance that `speaker` is right; 0 when none


MIN_WORDS = 4  # shorter quoted spans are nearly always names or scare-quoted terms
MIN_FRAGMENT_WORDS = 2  # a single quoted word is a term, never someone's words
# "said Sen. Ann Roe"; in Spanish, the role first: "afirmó el canciller cubano, Bruno Rodríguez"
_ROLE_GAP = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[\w.’'&-]+\s+){0,3}(?:"
                       + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\s+")
_TITLE_GAP = re.compile(r"\s*(?:(?:el|la)\s+(?:[^,.;:!?\n]{2,60},\s+|(?:[a-záéíóúñ]+\s+){1,4}))?"
                        r"(?:[A-Z][\w-]*\.?\s+){0,4}")


def extract_quotes(document: Document) -> list[Quote]:
    """Direct quotations of the document with their speakers, in text order."""
    return extract_quotes_and_people(document)[0]


def extract_quotes_and_people(document: Document) -> tuple[list[Quote], list[PersonMention]]:
    """The quotations, and every sentence naming a person (one analysis serves both)."""
    found, people = _analyse(document)
    return [_decided(quote, evidence) for quote, evidence in found], people


def attributed(document: Document) -> list[tuple[Quote, Evidence]]:
    """Every quotation with the speaker found before the confidence model decides whether to
    show it, and the evidence it was found on (for fitting that model)."""
    return _analyse(document)[0]


def _analyse(document: Document) -> tuple[list[tuple[Quote, Evidence]], list[PersonMention]]:
    text = document.text
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\n", text)]
    spans, running_on = _quote_spans(text, paragraph_starts)
    masked = _masked(text, spans)
    located = [(s, p.passage_id) for p in document.passages for s in p.sentences]
    mentions = find_mentions(masked, [s for s, _ in located])
    people = resolve(mentions, [s.start for s, _ in located])
    found = _quotations(text, masked, located, spans, running_on, mentions, people,
                        paragraph_starts)
    found += [(q, Evidence("interview"))
              for q in _interview_answers(document, mentions, people, [q for q, _ in found])]
    found.sort(key=lambda pair: pair[0].start)
    return found, people_named(located, mentions, people)


def quoted_spans(document: Document) -> tuple[str, list[tuple[Sentence, int, int]]]:
    """The text with quotations masked, and every quoted span with the sentence it opens in
    (all of them, before any is judged a name, a term or a fragment: for fitting quote_form)."""
    text = document.text
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\n", text)]
    spans, _ = _quote_spans(text, paragraph_starts)
    sentences = [s for p in document.passages for s in p.sentences]
    return _masked(text, spans), [(s, start, end) for s in sentences for start, end in spans
                                  if s.start <= start < s.end]


def _decided(quote: Quote, evidence: Evidence) -> Quote:
    """The quotation with its speaker if the evidence is strong enough, else with none."""
    if not quote.speaker or evidence.kind == "none":
        return replace(quote, speaker="", role="", evidence="none", confidence=0.0)
    if evidence.kind == "interview":  # the article's layout says whose answers these are
        return replace(quote, evidence="interview", confidence=1.0)
    chance = round(confidence(evidence), 3)
    if not confident(chance):
        return replace(quote, speaker="", role="", evidence="none", confidence=0.0)
    return replace(quote, evidence=evidence.kind, confidence=chance)


@dataclass(slots=True)
class _Speaker:
    """Who says a quotation, and the evidence for it."""

    name: str
    role: str
    evidence: Evidence
    mention: Mention | None = None  # the person's mention next to the verb, if any
    verb: str = ""  # for a verb of saying without a subject: the verb and where it is
    at: int = -1


def _quotations(
    text: str,
    masked: str,
    located: list[tuple[Sentence, str]],
    spans: list[tuple[int, int]],
    running_on: set[int],
    mentions: list[Mention],
    people: People,
    paragraph_starts: list[int],
) -> list[tuple[Quote, Evidence]]:
    """Each quoted span with a speech cue or continuing the last speaker's words."""

    def paragraph_of(position: int) -> int:
        return bisect.bisect_right(paragraph_starts, position) - 1

    quotes: list[tuple[Quote, Evidence]] = []
    pending: list[Quote] = []  # run-on paragraphs whose speaker is named further on
    last: tuple[str, str, int] | None = None  # speaker, role, paragraph of the last quote
    starts = [m.start for m in mentions]
    for position, (sentence, passage_id) in enumerate(located):
        refs = mentions_in(mentions, starts, sentence.start, sentence.end)
        following = located[position + 1][0] if position + 1 < len(located) else None
        first = bisect.bisect_left(spans, sentence.start, key=itemgetter(0))
        for start, end in spans[first:bisect.bisect_left(spans, sentence.end, key=itemgetter(0))]:
            size = len(text[start:end].split())
            kind = "quotation"
            if size < MIN_WORDS:
                if _capitalized(text[start:end]):  # "Old Town", "Golden Globe Awards": names
                    continue
                if size >= MIN_FRAGMENT_WORDS and not _said_aloud(text, masked, end):
                    kind = "fragment"
                elif not _said_aloud(text, masked, end):
                    continue
            if kind == "quotation" and not stands_alone(text, masked, sentence, start, end):
                kind = "fragment"  # 'she said the plan “will pay for itself”'
            here = paragraph_of(start)
            recent = last if last is not None and here - last[2] <= 1 else None
            found = _attribute(masked, sentence, (start, end), refs, spans, people)
            if found is None and following is not None:
                cue_refs = mentions_in(mentions, starts, following.start, following.end)
                found = _attribution_after(masked, sentence, following, end, cue_refs, spans,
                                           people)
            speaker: _Speaker | None = found
            if found is not None and not found.name and found.verb in SAYING_ES_SINGULAR:
                zero = omitted_subject(mentions, starts, found.at, position, people)
                # "«...», afirmó.": the Spanish subject left out; with other subjects just
                # before it, only the last quotation's speaker going on (else not guessed)
                if zero is not None and (not zero.rivals or (recent is not None
                                                             and recent[0] == zero.person)):
                    found = speaker = _Speaker(zero.person, people.best_role(zero.person),
                                               _mention_evidence("cue+pronoun", zero))
            if found is None or not found.name:  # no cue, or a cue without a subject
                if found is None and start in running_on and recent is None:
                    pending.append(Quote(text[start:end], start, end, sentence, "", "",
                                         passage_id))
                    continue
                names = {m.person for m in refs if m.kind == "name" and m.person}
                if found is None and kind == "fragment":  # 'he sent “warm wishes” to Roe'
                    speaker = _subject(masked, sentence, (start, end), refs, people)
                elif recent is not None and not names - {recent[0]}:
                    speaker = _Speaker(recent[0], recent[1], Evidence("continuation", {
                        "paragraphs_back": float(here - recent[2]),
                        "cue_without_subject": float(found is not None)}))
                elif found is None:
                    subject = _subject(masked, sentence, (start, end), refs, people)
                    if subject is None:
                        continue
                    speaker = subject
                else:  # '"...", reaffirming the nation's dedication': whoever was just named
                    named = _last_person(mentions, start, here - 1, paragraph_of)
                    person = named.person if named is not None else ""
                    speaker = _Speaker(person, people.best_role(person) if person else "",
                                       Evidence("continuation", {
                                           "last_named": 1.0,
                                           "last_named_spoke": float(bool(named and named.speaks)),
                                       }))
            if speaker is None or (kind == "fragment" and not speaker.name):
                continue
            evidence = speaker.evidence
            evidence.features["same_as_last"] = float(
                recent is not None and speaker.name == recent[0])
            quote = Quote(text[start:end], start, end, sentence, speaker.name, speaker.role,
                          passage_id, kind)
            for earlier in pending:  # "“First paragraph\n\n“second,” she said": hers too
                quotes.append((Quote(earlier.text, earlier.start, earlier.end, earlier.sentence,
                                     speaker.name, speaker.role, earlier.passage_id),
                               Evidence(evidence.kind, {**evidence.features, "run_on": 1.0})))
            pending = []
            quotes.append((quote, evidence))
            if speaker.name:  # a fragment's speaker too: "...", she went on
                last = (speaker.name, speaker.role, here)
    return sorted(quotes, key=lambda pair: pair[0].start)


def _subject(
    masked: str, sentence: Sentence, quote: tuple[int, int], refs: list[Mention], people: People
) -> _Speaker | None:
    """'She also sent "warm greetings" to the mayor': no verb of saying, but the sentence's
    subject (the first person it refers to, not as an object) is who the words are from."""
    first = next((m for m in refs if m.end <= quote[0] and m.person), None)
    if first is None or first.is_object or first.possessive:
        return None
    if len(masked[sentence.start:first.start].split()) > 3:
        return None
    evidence = _mention_evidence("subject", first)
    return _Speaker(first.person, first.role or people.best_role(first.person), evidence)


def _mention_evidence(kind: str, mention: Mention, **features: float) -> Evidence:
    """Evidence from a mention: its kind, and for a pronoun or role how it was resolved."""
    values = dict(features)
    values[f"mention={mention.kind}"] = 1.0
    if mention.kind != "name":
        values["rivals"] = float(min(mention.rivals, 3))
        values["far_back"] = float(mention.distance > 600)
        values["fits"] = float(mention.fits)
    else:
        values["one_word_name"] = float(" " not in mention.person)
    return Evidence(kind, values)


def _attribution_after(
    masked: str,
    sentence: Sentence,
    following: Sentence,
    end: int,
    refs: list[Mention],
    spans: list[tuple[int, int]],
    people: People,
) -> _Speaker | None:
    """'“Never again!” Lopez said.': a quote ending its sentence, attributed by the next one.

    The sentence splitter cuts after "!" or "?" inside the marks, leaving the cue alone in a
    short sentence of its own; it counts only when it is nothing but the attribution.
    """
    if masked[end:sentence.end].strip(MASK + " ") or masked[sentence.end:following.start].strip():
        return None
    if len(masked[following.start:following.end].split()) > 8:
        return None
    found = _attribute(masked, following, (following.start, following.start), refs, spans,
                       people)
    if found is None or not found.name:
        return None
    found.evidence.features["next_sentence"] = 1.0
    return found


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
    asked = set(questions)
    for index, (start, end) in enumerate(paragraphs):
        if (start, end) in asked:
            answering = True
        elif answering:
            in_answer[index] = True
    quoted = {q.sentence for q in found}
    role = people.best_role(interviewee)
    answers = []
    for passage in passages:
        for sentence in passage.sentences:
            index = bisect.bisect_right(paragraphs, sentence.start, key=itemgetter(0)) - 1
            if index >= 0 and paragraphs[index][1] <= sentence.start:
                index = -1
            if index < 0 or not in_answer[index] or sentence in quoted:
                continue
            answers.append(Quote(sentence.text, sentence.start, sentence.end, sentence,
                                 interviewee, role, passage.passage_id, "interview"))
    return answers


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    verb: str  # the verb in lower case, or "according"


def _attribute(
    masked: str,
    sentence: Sentence,
    quote: tuple[int, int],
    refs: list[Mention],
    spans: list[tuple[int, int]],
    people: People,
) -> _Speaker | None:
    """Who says `quote` by the sentence's verb of saying: None for no such verb, a speaker
    without a name for a verb without a subject.

    The verb's subject is the person (or organisation, or unnamed source) right before it, or
    right after it when it is inverted: after "according to", after a verb that inverts
    anywhere ("said Roe"), and after any verb right after the quotation ("'...,' replied Roe").
    Only a subject counts: "she thanked Roe, saying" is hers, not Roe's.
    """
    cues = [_Cue(m.start(), m.end(), "according" if m.group("according") else
                 m.group("verb").lower()) for m in CUE.finditer(masked, sentence.start,
                                                                 sentence.end)]
    if not cues:
        return None
    start, end = quote
    features: dict[str, float] = {}

    def subject_of(cue: _Cue, near_quote: bool) -> _Speaker | None:
        inverts = cue.verb == "according" or cue.verb in INVERTIBLE or near_quote
        if inverts:
            following = _ref_starting(refs, cue.end, masked)
            if following is not None and following.person:
                return _person(following, people, "inverted")
            span = source_after(masked, cue.end, sentence.end)
            if span is not None:
                return _source(masked, span, "inverted")
        if cue.verb == "according":
            return None
        adjacent = _ref_ending(refs, cue.start, masked)
        if adjacent is not None and adjacent.person:
            return _person(adjacent, people, "adjacent")
        span = source_before(masked, cue.start, sentence.start)
        if span is not None:
            return _source(masked, span, "adjacent")
        return None

    # '...,” Pérez said' / '...,” said Ambassador Roe': the attribution right after the quotation
    trailing = [c for c in cues if end <= c.start <= end + 60
                and not _quote_between(spans, end, c.start)]
    if trailing:
        cue = trailing[0]
        found = subject_of(cue, not masked[end:cue.start].strip(MASK + " ,.;:!?—–-"))
        if found is not None:
            found.evidence.features["cue_trailing"] = 1.0
            return found
    before = [c for c in cues if c.end <= start]
    after = [c for c in cues if c.start >= end]
    cue = before[-1] if before else (after[0] if after else cues[0])
    features["cue_before"] = float(bool(before))
    found = subject_of(cue, False)
    if found is None:
        preceding = [m for m in refs if m.end <= cue.start and not m.possessive and m.person]
        subjects = [m for m in preceding if not m.is_object]
        if not subjects and not preceding:
            # a subject the text names but that could not be resolved is no subject left out
            unnamed = (_ref_starting(refs, cue.end, masked) is None
                       and _ref_ending(refs, cue.start, masked) is None)
            return _Speaker("", "", Evidence("none"), verb=cue.verb if unnamed else "",
                            at=cue.start)
        chosen = (subjects or preceding)[-1]
        found = _person(chosen, people, "nearest")
        found.evidence.features["object"] = float(chosen.is_object)
        others = {m.person for m in preceding} - {chosen.person}
        found.evidence.features["others_before_cue"] = float(min(len(others), 3))
    found.evidence.features.update(features)
    if found.evidence.kind == "cue+name" and found.mention is not None:
        joint = _joint_speaker(masked, refs, found.mention)
        if joint:
            found.name, found.role = joint, ""
    return found


def _person(mention: Mention, people: People, where: str) -> _Speaker:
    kind = {"name": "cue+name", "pronoun": "cue+pronoun", "role": "cue+role"}[mention.kind]
    evidence = _mention_evidence(kind, mention, **{where: 1.0})
    speaker = _Speaker(mention.person, mention.role or people.best_role(mention.person),
                       evidence)
    speaker.mention = mention
    return speaker


def _source(masked: str, span: tuple[int, int], where: str) -> _Speaker:
    return _Speaker(source_text(masked, span), "", Evidence("cue+source", {where: 1.0}))


def _ref_starting(refs: list[Mention], position: int, masked: str) -> Mention | None:
    """The mention right after a verb, a title or a role apart: 'said Ambassador Jane Roe',
    'said radio host Jane Roe'; 'said Radio Nine co-host Jane Roe' is Jane Roe's, the words
    before the role naming where she works."""
    for index, mention in enumerate(refs):
        if mention.start >= position and (_TITLE_GAP.fullmatch(masked, position, mention.start)
                                          or _ROLE_GAP.fullmatch(masked, position, mention.start)):
            following = refs[index + 1] if index + 1 < len(refs) else None
            if following is not None and following.kind == "name" and _ROLE_GAP.fullmatch(
                    masked, mention.end, following.start):
                return following
            return mention
    return None


def _ref_ending(refs: list[Mention], position: int, masked: str) -> Mention | None:
    """The mention right before a verb, an adverb or auxiliary apart ("Roe also said"), or an
    appositive apart: "Roe, a spokesman for Governor Ana Pérez, said" is Roe's, not Pérez's."""
    for mention in refs:
        gap = masked[mention.end:position]
        if mention.end <= position and not mention.possessive and (
                not gap.strip() or _ADVERBS.fullmatch(gap) or (  # "The minister, Ann Roe, said"
                    gap == ", " and masked[mention.start - 2:mention.start] == ", ")
                or appositive_gap(gap)):
            return mention
    return None


_ADVERBS = re.compile(r"(?:\s+(?:also|later|then|has|have|had|previously|recently|again|"
                      r"further|once|simply|repeatedly|publicly|would|will|did|does))+\s+")


def _quote_between(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a quotation opens between `start` and `end` (`spans` in text order)."""
    after = bisect.bisect_right(spans, start, key=itemgetter(0))
    return after < len(spans) and spans[after][0] < end


_start = attrgetter("start")


def _last_person(
    mentions: list[Mention], position: int, since: int, paragraph_of: Callable[[int], int]
) -> Mention | None:
    """The mention of the person last referred to before `position`, if in paragraph `since`
    or later."""
    for index in range(bisect.bisect_left(mentions, position, key=_start) - 1, -1, -1):
        mention = mentions[index]
        if not mention.possessive and mention.person:
            return mention if paragraph_of(mention.start) >= since else None
    return None


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
        for match in re.finditer(r"[“”«»]", chunk):
            if match.group() in "“«":
                opening = match.end()
            elif opening is not None:
                spans.append((low + opening, low + match.start()))
                opening = None
        dialogue = _DASH_SPEECH.match(chunk)
        if dialogue:  # "—Vamos a seguir —declaró el embajador—.": the words before the aside
            spans.append((low + dialogue.start("words"), low + dialogue.end("words")))
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


# Spanish dialogue: a paragraph opening with a dash is someone's words, up to the dash that
# opens the narrator's aside with its verb of saying ("—Vamos a ... —afirmó el canciller").
_DASH_SPEECH = re.compile(r"[—―]\s*(?P<words>[^—―\n]{8,}?)\s*(?=[—―]\s*[a-záéíóúñ]|$)")


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with every quoted span (marks included) blanked out, offsets unchanged."""
    chars = list(text)
    for start, end in spans:
        low, high = max(start - 1, 0), min(end + 1, len(text))
        chars[low:high] = MASK * (high - low)
    return "".join(chars)
