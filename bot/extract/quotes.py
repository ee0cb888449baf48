"""Direct quotations in a document, with who said them.

Answers are verbatim and attributed, so a quotation must be cited with its speaker, not with the
outlet alone: "Xi said the two 'will go hand in hand'" is Xi's claim, reported by the outlet.
This module finds quoted spans, drops the ones that are merely names or scare-quoted terms
("One China", "paradigmatic"), and attributes the rest with small, explainable heuristics: speech
verbs, "according to", titles and appositives, and pronouns or role nouns ("he", "the Chinese
leader") resolved to the last fitting person named before them. No NER model: the seeds are
wire-style prose where these patterns carry nearly all attributions.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.models import Document, Sentence


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted span, verbatim, with its sentence and its speaker as best known."""

    text: str  # the words inside the quotation marks, verbatim (no marks)
    start: int  # offsets of `text` in Document.text
    end: int
    sentence: Sentence  # the sentence containing the quotation (the first if it spans several)
    speaker: str  # fullest form of the speaker's name in the document; "" if unknown
    role: str  # e.g. "Chinese President"; "" if none
    passage_id: str
    # "quotation"; "fragment": a few quoted words, only meaningful inside their sentence;
    # "interview": a sentence of an interviewee's answer (no quotation marks, `text` = sentence)
    kind: str = "quotation"


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A sentence that names a person, for "X is never quoted, but here is where X appears"."""

    person: str  # the fullest form of the name in the document
    role: str
    passage_id: str
    sentence: Sentence


MIN_WORDS = 4  # shorter quoted spans are nearly always names or scare-quoted terms
MIN_FRAGMENT_WORDS = 2  # a single quoted word is a term, never someone's words


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_CUE_VERBS = (
    r"said|says|say|stated|states|added|adds|noted|notes|told|tells|emphasi[sz](?:ed|es|ing)"
    r"|highlighted|highlights|assured|assures|affirmed|affirms|reaffirm(?:ed|s|ing)"
    r"|declared|declares|explained|explains|described|describes|describing|reiterated"
    r"|reiterates|expressed|expresses|saying|stressed|stresses|stressing|insisted|insists"
    r"|remarked|commented|warned|warns|announced|announces|urged|urges|underscored"
    r"|underlined|asserted|asserts|argued|argues|claimed|claims|wrote|writes|recalled"
    r"|continued|asked|replied|answered|(?:pointed|points|pointing)\s+out"
    r"|hailed|hails|pledged|pledges|vowed|vows|praised|praises|promised|promises"
)
_CUE = re.compile(rf"\b(?:(?P<verb>{_CUE_VERBS})|(?P<according>[Aa]ccording\s+to|[Ii]n\s+the"
                  rf"\s+words\s+of))\b")
# Verbs that can precede their subject: '..., said Ambassador Qiu Xiaoqi'.
_INVERTIBLE = _words(
    "said says added adds noted notes stated explained declared continued asked wrote"
)
_ROLE_WORDS = _words(
    """president leader ambassador minister representative secretary spokesman spokeswoman
    spokesperson diplomat official envoy premier chancellor chairman chairwoman chair head
    director councilor councillor governor mayor commander chief deputy adviser advisor analyst
    expert professor researcher economist journalist editor correspondent founder ceo senator
    lawmaker congressman congresswoman king queen officer consul coordinator manager"""
)
_TITLES = _words(
    """President Ambassador Minister Secretary Premier Chancellor Chairman Chairwoman Chair
    Commander Chief General Councilor Councillor Governor Mayor Senator Deputy Vice Prime First
    Foreign State Interior Comrade Mr Mrs Ms Dr Prof Professor King Queen Prince Pope
    Spokesperson Spokesman Spokeswoman Envoy Director Leader Representative Consul Sir Lord
    Lady Judge Justice Colonel Captain Admiral Marshal Lieutenant Major"""
)
_HONORIFICS = _words("Comrade Mr Mrs Ms Dr Sir")  # titles that are not a role
# Capitalized words that are never part of a person's name: function words that open sentences
# and dates (they also cut a title off: "In May"), then places, organisations, nationalities.
_FUNCTION_WORDS = _words(
    """The A An In On At For From With By As After Before During Since While When Where
    According Regarding Besides Additionally However Meanwhile Between Under Over This That These
    Those It He She They We I You Our His Her Their Its My Your What How Why Who Which Today
    Yesterday Tomorrow Likewise Similarly Despite Throughout Through To Of And But Or Nor If Then
    Also Both Each Every No Not Only Other Another Some Many More Most Such Here There Yes Thus
    Still Even Although Though Because Once Now Later Earlier Last Next New Old Former Beyond
    Noting Describing Timed Images Related Filed Frequently Above Below Among Within Without
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
)
_NOT_NAMES = _FUNCTION_WORDS | _words(
    """China Cuba Beijing Havana Moscow Russia Taiwan Indonesia Thailand Colombia Washington
    Pyongyang Wuhan Hong Kong Shanghai Latin America Americas Caribbean United States Kingdom
    Soviet Union Europe Asia Africa Mongolia Venezuela Mexico Brazil Argentina Nicaragua Korea
    Japan India Island Mainland Western Eastern Northern Southern Hemisphere West East North
    South Taipei Tokyo London Paris Berlin Madrid Miami Florida Ukraine Iran Syria Vietnam Laos
    Xinhua Reuters AP AFP Associated Press CNN BBC People Daily Party Parties Communist Committee
    Central Council Republic Nations Congress Embassy Government Ministry Agency News Group
    Forum Seminar Session Debate Declaration Doctrine Revolution Movement Massacre Pavilion
    Road Belt Silk Plan Memorandum Understanding Cooperation Economic Chamber Organization Bank
    Fund Institute University Times Post Journal Court Army Navy Force Office House Senate
    Parliament Assembly Summit Conference Initiative Community Excellences Company Corporation
    Chinese Cuban Russian German Mongolian European American Sino Asian Spanish English
    Marxist Marxism Socialist Socialism Communism Revolutionary Perestroika Glasnost Internet
    Human Rights God Christmas Easter Covid"""
)
_OBJECT_PREPOSITIONS = _words(
    "to with for from of by about toward towards on at against between among"
)
_APPOSITIVE_OPENERS_REJECTED = _words(
    "who whom which where whose that when and but or to in at on for with from as by"
)
_TOKEN = re.compile(r"[^\W\d_](?:[\w-]|['’](?=\w))*")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_ROLE_NOUN = re.compile(
    r"\b[Tt]he\s+(?:(?P<adj>former|new|top|[A-Z][\w-]+)\s+)?(?P<noun>"
    + "|".join(sorted(_ROLE_WORDS, key=len, reverse=True))
    + r")\b"
)
_TITLE_GAP = re.compile(r"\s*(?:[A-Z][\w-]*\s+){0,4}")
_MASK = "\u2063"  # stands in for quoted text so that it is neither cue nor name


@dataclass(slots=True)
class _Mention:
    """A reference to a person: a name, a pronoun or a role noun, resolved to a canonical name."""

    start: int
    end: int
    kind: str  # "name" | "pronoun" | "role"
    person: str = ""
    possessive: bool = False
    is_object: bool = False
    role: str = ""  # the role given with this mention (appositive preferred over title)
    adjective: str = ""  # for role nouns: "Chinese" in "the Chinese leader"
    noun: str = ""  # for role nouns: "leader"


@dataclass(slots=True)
class _People:
    """Full names seen in a document and what roles they were given."""

    names: dict[tuple[str, ...], str] = field(default_factory=dict)  # folded tokens -> display
    roles: dict[str, list[str]] = field(default_factory=dict)
    last_seen: dict[str, int] = field(default_factory=dict)

    def canonical(self, tokens: list[str], position: int) -> str:
        """The fullest known name containing `tokens` ("Xi" -> "Xi Jinping")."""
        folded = tuple(_fold(t) for t in tokens)
        matches = [key for key in self.names if _contains(key, folded)]
        maximal = [k for k in matches if not any(o != k and _contains(o, k) for o in matches)]
        if not maximal:
            return " ".join(tokens)
        if len(maximal) > 1:  # "Castro": the one mentioned most recently
            maximal.sort(key=lambda k: self.last_seen.get(self.names[k], -1), reverse=True)
        return self.names[maximal[0]]

    def best_role(self, person: str) -> str:
        roles = self.roles.get(person, [])
        return roles[0] if roles else ""


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
    mentions = _mentions(masked, [s for s, _ in located])
    people = _resolve(mentions)
    quotes = _quotations(text, masked, located, spans, running_on, mentions, people,
                         paragraph_starts)
    quotes += _interview_answers(document, mentions, people, quotes)
    quotes.sort(key=lambda q: q.start)
    named: list[PersonMention] = []
    for sentence, passage_id in located:
        persons = {m.person for m in mentions
                   if m.kind == "name" and sentence.start <= m.start < sentence.end and m.person}
        for person in sorted(persons):
            named.append(PersonMention(person, people.best_role(person), passage_id, sentence))
    return quotes, named


def _quotations(
    text: str,
    masked: str,
    located: list[tuple[Sentence, str]],
    spans: list[tuple[int, int]],
    running_on: set[int],
    mentions: list[_Mention],
    people: _People,
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
                if _capitalized(text[start:end]):  # "New China", "Cuban Excellences": names
                    continue
                if size >= MIN_FRAGMENT_WORDS and not _said_aloud(text, masked, start, end):
                    kind = "fragment"
                elif not _said_aloud(text, masked, start, end):
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
    refs: list[_Mention],
    spans: list[tuple[int, int]],
) -> _Mention | None:
    """'“Never again!” Lopez said.': a quote ending its sentence, attributed by the next one.

    The sentence splitter cuts after "!" or "?" inside the marks, leaving the cue alone in a
    short sentence of its own; it counts only when it is nothing but the attribution.
    """
    if masked[end:sentence.end].strip(_MASK + " ") or masked[sentence.end:following.start].strip():
        return None
    if len(masked[following.start:following.end].split()) > 8:
        return None
    ref = _attribute(masked, following, (following.start, following.start), refs, spans)
    return ref if ref is not None and ref is not _NO_REF else None


def _capitalized(words: str) -> bool:
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words.split())


def _said_aloud(text: str, masked: str, start: int, end: int) -> bool:
    """'“I love you,” he said': a short quote ending in its own punctuation, its cue next to it."""
    if text[end - 1:end] not in (",", "!", "?", ".", "…"):
        return False
    after = masked[end + 1:end + 40]
    return _CUE.search(after.split(",")[0]) is not None or _CUE.match(
        after, len(after) - len(after.lstrip())) is not None


_PARTNER = re.compile(r"\s+and\s+((?:his|her|their)\s+(?:[\w-]+\s+){0,2}?"
                      r"(?:counterparts?|hosts?|guests?|colleagues?|wife|husband))\s")


def _joint_speaker(masked: str, refs: list[_Mention], ref: _Mention) -> str:
    """'he and Russian President Vladimir Putin hailed': both speakers, joined by "and"."""
    position = refs.index(ref)
    if position > 0:
        before = refs[position - 1]
        if before.person and before.person != ref.person and re.fullmatch(
            r"\s+and\s+(?:[A-Z][\w-]*\s+){0,3}", masked[before.end:ref.start]
        ):
            return f"{before.person} and {ref.person}"
    partner = _PARTNER.match(masked, ref.end)
    if partner and _CUE.match(masked, partner.end()):
        return f"{ref.person} and {partner.group(1)}"  # verbatim: "his Cuban counterpart"
    if position + 1 < len(refs):
        after = refs[position + 1]
        if after.person and after.person != ref.person and re.fullmatch(
            r"\s+and\s+(?:[A-Z][\w-]*\s+){0,3}", masked[ref.end:after.start]
        ) and _CUE.match(masked, after.end + 1):
            return f"{ref.person} and {after.person}"
    return ""


_INTERVIEW = re.compile(
    r"\b(?:interview(?:ed)?\s+(?:with\s+)?|spoke\s+(?:with|to)\s+|(?:questions|Q&A)\s+with\s+)"
)


def _interview_answers(
    document: Document, mentions: list[_Mention], people: _People, found: list[Quote]
) -> list[Quote]:
    """In a question-and-answer interview, each sentence of the answers is the interviewee's.

    The interview is announced in the opening paragraphs ("an interview with Carlos Miguel
    Pereira Hernández"); questions are paragraphs ending in "?", and the answers are the
    paragraphs after a question, up to the next question. Sentences already holding someone
    else's quotation keep that quotation instead.
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


_NO_REF = _Mention(0, 0, "none")


def _attribute(
    masked: str,
    sentence: Sentence,
    quote: tuple[int, int],
    refs: list[_Mention],
    spans: list[tuple[int, int]],
) -> _Mention | None:
    """The mention that says `quote`; `_NO_REF` for a cue without a subject, None for no cue."""
    cues: list[tuple[int, int, str]] = []
    for match in _CUE.finditer(masked, sentence.start, sentence.end):
        if match.group("according"):
            source = _ref_starting(refs, match.end(), masked)
            if source is not None and source.kind == "name":  # "According to Reuters" is no one
                cues.append((match.start(), match.end(), "according"))
        else:
            cues.append((match.start(), match.end(), match.group("verb").lower()))
    if not cues:
        return None
    start, end = quote
    # '...,” Xi said' / '...,” said Ambassador Qiu': the attribution right after the quotation
    trailing = [c for c in cues if end <= c[0] <= end + 60 and not _quote_between(spans, end, c[0])]
    before = [c for c in cues if c[1] <= start]
    after = [c for c in cues if c[0] >= end]
    chosen: tuple[int, int, str] | None = None
    if trailing:
        chosen = trailing[0]
        if _ref_ending(refs, chosen[0], masked) is None and (
            chosen[2] not in _INVERTIBLE or _ref_starting(refs, chosen[1], masked) is None
        ):
            chosen = None
    if chosen is None:
        chosen = before[-1] if before else (after[0] if after else cues[0])
    cue_start, cue_end, verb = chosen
    if verb == "according" or verb in _INVERTIBLE:
        following = _ref_starting(refs, cue_end, masked)
        if following is not None:
            return following
    preceding = [m for m in refs if m.end <= cue_start and not m.possessive]
    return preceding[-1] if preceding else _NO_REF


def _ref_starting(refs: list[_Mention], position: int, masked: str) -> _Mention | None:
    for mention in refs:  # a title may come between: 'said Ambassador Qiu Xiaoqi'
        if mention.start >= position and _TITLE_GAP.fullmatch(masked, position, mention.start):
            return mention
    return None


def _ref_ending(refs: list[_Mention], position: int, masked: str) -> _Mention | None:
    for mention in refs:
        gap = masked[mention.end:position]
        if mention.end <= position and not gap.strip() and not mention.possessive:
            return mention
    return None


def _quote_between(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < s < end for s, _ in spans)


def _last_person(
    mentions: list[_Mention], position: int, since: int, paragraph_of: Callable[[int], int]
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
        chars[low:high] = _MASK * (high - low)
    return "".join(chars)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _contains(whole: tuple[str, ...], part: tuple[str, ...]) -> bool:
    size = len(part)
    return any(whole[i:i + size] == part for i in range(len(whole) - size + 1))


def _is_name_word(word: str) -> bool:
    if word.isupper() and len(word) > 1:  # CPC, UN, XX: acronyms and numerals
        return False
    parts = word.split("-")
    return not any(p in _NOT_NAMES or p in _TITLES for p in parts)


@dataclass(slots=True)
class _Candidate:
    """A run of capitalized words that may name a person, with any title before it."""

    tokens: list[str]
    start: int
    end: int
    role: str
    titled: bool
    possessive: bool


def _candidates(masked: str, sentence: Sentence) -> list[_Candidate]:
    """Capitalized runs of a sentence split into (title words, name words)."""
    found: list[_Candidate] = []
    tokens = list(_TOKEN.finditer(masked, sentence.start, sentence.end))
    index = 0
    while index < len(tokens):
        run = [tokens[index]]
        while (
            index + len(run) < len(tokens)
            and run[-1].group()[0].isupper()
            and not _possessive(run[-1].group())
            and tokens[index + len(run)].group()[0].isupper()
            and masked[run[-1].end():tokens[index + len(run)].start()] in (
                (" ", ". ") if len(run[-1].group()) == 1 else (" ",))  # "Charles B. Rangel"
        ):
            run.append(tokens[index + len(run)])
        index += len(run)
        if not run[0].group()[0].isupper():
            continue
        prefix: list[re.Match[str]] = []  # "European Council President" before a name
        names: list[re.Match[str]] = []
        for token in run:
            word = _strip_possessive(token.group())
            if _is_name_word(word):
                names.append(token)
                continue
            if names:
                found.append(_candidate(names, prefix))
                names, prefix = [], []
            prefix = [] if word in _FUNCTION_WORDS else [*prefix, token]
        if names:
            found.append(_candidate(names, prefix))
    return found


def _candidate(names: list[re.Match[str]], prefix: list[re.Match[str]]) -> _Candidate:
    titles = [t.group() for t in prefix if t.group() in _TITLES]
    role_words = [t.group() for t in prefix]
    role = " ".join(role_words) if set(titles) - _HONORIFICS else ""
    words = [_strip_possessive(t.group()) + ("." if len(t.group()) == 1 and t.string[
        t.end():t.end() + 1] == "." else "") for t in names]  # an initial keeps its point
    return _Candidate(
        words, names[0].start(), names[-1].end(), role, bool(titles), _possessive(names[-1].group())
    )


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def _strip_possessive(word: str) -> str:
    return word[:-2] if _possessive(word) else word


def _org_context(masked: str, start: int) -> bool:
    """'the Monroe Doctrine', 'Community of Shared Destiny': names of things, not people."""
    before = masked[max(0, start - 40):start]
    return bool(re.search(r"(?:\bthe|[A-Z]\w*\s+of)\s$", before))


def _mentions(masked: str, sentences: list[Sentence]) -> list[_Mention]:
    """Every reference to a person, in text order (names, then pronouns and role nouns)."""
    per_sentence = [(s, _candidates(masked, s)) for s in sentences]
    full_names: set[tuple[str, ...]] = set()
    for _, candidates in per_sentence:
        for c in candidates:
            if 2 <= len(c.tokens) <= 5 and (c.titled or not _org_context(masked, c.start)):
                full_names.add(tuple(_fold(t) for t in c.tokens))
    for _, candidates in per_sentence:  # "Rival Hillary Clinton": a modifier, not a first name
        for c in candidates:
            if len(c.tokens) >= 3 and tuple(_fold(t) for t in c.tokens[1:]) in full_names and (
                _modifier(c.tokens[0], masked)
            ):
                full_names.discard(tuple(_fold(t) for t in c.tokens))
                c.start += len(c.tokens[0]) + 1
                c.tokens = c.tokens[1:]
    known_words = {word for name in full_names for word in name}
    mentions: list[_Mention] = []
    for sentence, candidates in per_sentence:
        covered: list[tuple[int, int]] = []
        for c in candidates:
            folded = tuple(_fold(t) for t in c.tokens)
            followed_by_cue = _CUE.match(masked, c.end + 1) is not None and masked[c.end] == " "
            person = (
                folded in full_names
                or (len(c.tokens) == 1 and (c.titled or folded[0] in known_words))
                or (len(c.tokens) == 1 and not c.possessive
                    and (followed_by_cue or _after_invertible_cue(masked, c.start)))
            )
            if not person:
                continue
            mention = _Mention(
                c.start, c.end, "name", " ".join(c.tokens), c.possessive,
                _preceded_by_object_word(masked, c.start), c.role,
            )
            if not c.possessive:
                appositive = _appositive_after(masked, c.end, sentence.end)
                if appositive is not None:
                    mention.role = _drop_article(masked[appositive[0]:appositive[1]])
                    covered.append(appositive)
                appositive = _appositive_before(masked, c.start, sentence.start)
                if appositive is not None:
                    mention.role = mention.role or _drop_article(
                        masked[appositive[0]:appositive[1]]
                    )
                    covered.append(appositive)
            mentions.append(mention)
        for match in _PRONOUN.finditer(masked, sentence.start, sentence.end):
            mentions.append(_Mention(match.start(), match.end(), "pronoun"))
        for match in _ROLE_NOUN.finditer(masked, sentence.start, sentence.end):
            if any(low <= match.start() < high for low, high in covered):
                continue
            adjective = match.group("adj") or ""
            mentions.append(
                _Mention(
                    match.start(), match.end(), "role",
                    is_object=_preceded_by_object_word(masked, match.start()),
                    adjective=adjective if adjective[:1].isupper() else "",
                    noun=match.group("noun").lower(),
                )
            )
    mentions.sort(key=lambda m: m.start)
    return mentions


def _modifier(word: str, masked: str) -> bool:
    """A word the document also writes in lower case, or shaped like an adjective of party or
    place ("Republican", "Democrat", "Kentuckian"): before a name it describes the person."""
    return (re.search(rf"\b{re.escape(word.lower())}\b", masked) is not None
            or re.search(r"(?:an|ian|crat|tic|ist)$", word) is not None)


def _after_invertible_cue(masked: str, start: int) -> bool:
    """'..., said Wilcox': a lone surname right after "said" is the speaker."""
    words = masked[max(0, start - 12):start].split()
    return masked[start - 1:start] == " " and bool(words) and words[-1] in _INVERTIBLE


def _preceded_by_object_word(masked: str, start: int) -> bool:
    words = masked[max(0, start - 20):start].split()
    return bool(words) and words[-1].lower() in _OBJECT_PREPOSITIONS


def _appositive_after(masked: str, end: int, limit: int) -> tuple[int, int] | None:
    """', special representative of ...,' after a name: its span, if it names a role."""
    match = re.compile(r", ([^,;:()\n" + _MASK + r"]+?)(?=[,;:.]\s|[,;:.]?$|\s*" + _MASK + ")")
    found = match.match(masked[:limit], end)
    if found is None:
        return None
    phrase = found.group(1)
    words = phrase.split()
    if not words or len(words) > 15 or words[0].lower() in _APPOSITIVE_OPENERS_REJECTED:
        return None
    if words[0][0].isupper() and not _possessive(words[0]) and words[0] not in _TITLES:
        return None
    if not any(w.strip(".").lower() in _ROLE_WORDS for w in words):
        return None
    return found.start(1), found.end(1)


def _appositive_before(masked: str, start: int, limit: int) -> tuple[int, int] | None:
    """'The Chinese president, Xi Jinping': the role phrase before a name, if any."""
    before = masked[limit:start]
    if not before.endswith(", "):
        return None
    cut = max(before.rfind(sep, 0, len(before) - 2) for sep in (",", ";", ":", "(", " - "))
    low = limit + (cut + 1 if cut >= 0 else 0)
    phrase = masked[low:start - 2]
    words = phrase.split()
    if not words or len(words) > 10:
        return None
    first = words[0]
    if first.lower() not in ("the", "a", "an") and first not in _TITLES:
        return None
    if not any(w.lower() in _ROLE_WORDS for w in words):
        return None
    offset = low + len(phrase) - len(phrase.lstrip())
    return offset, start - 2


def _drop_article(phrase: str) -> str:
    words = phrase.split()
    return " ".join(words[1:] if words and words[0].lower() in ("the", "a", "an") else words)


def _resolve(mentions: list[_Mention]) -> _People:
    """Give every mention a canonical person: names expanded, pronouns and role nouns linked."""
    people = _People()
    for mention in mentions:
        if mention.kind == "name":
            tokens = mention.person.split()
            if len(tokens) >= 2:
                key = tuple(_fold(t) for t in tokens)
                if not any(_contains(k, key) and k != key for k in people.names):
                    people.names.setdefault(key, mention.person)
    history: list[_Mention] = []
    for mention in mentions:
        if mention.kind == "name":
            mention.person = people.canonical(mention.person.split(), mention.start)
            if mention.role:
                people.roles.setdefault(mention.person, []).append(mention.role)
        elif mention.kind == "pronoun":
            mention.person = _antecedent(history, people, "", "")
        else:
            mention.person = _antecedent(history, people, mention.adjective, mention.noun)
        if mention.person:
            people.last_seen[mention.person] = mention.start
            history.append(mention)
    for person, roles in people.roles.items():  # appositives say more than bare titles
        roles.sort(key=lambda r: len(r.split()) <= 2)
        people.roles[person] = roles
    return people


def _antecedent(history: list[_Mention], people: _People, adjective: str, noun: str) -> str:
    """The last person referred to who fits "the <adjective> <noun>" (or "he"/"she")."""
    candidates = [m for m in reversed(history) if not m.possessive]
    if not candidates:
        return ""

    def roles(person: str) -> str:
        return " ".join(people.roles.get(person, [])).lower()

    stem = _fold(adjective)[:4]
    if adjective:
        fitting = [m for m in candidates if stem and stem in roles(m.person)]
        with_noun = [m for m in fitting if noun in roles(m.person)]
        if with_noun or fitting:
            return (with_noun or fitting)[0].person
    elif noun:
        with_noun = [m for m in candidates if noun in roles(m.person)]
        if with_noun:
            return with_noun[0].person
    subjects = [m for m in candidates if not m.is_object]
    return (subjects or candidates)[0].person


# -- one person across the corpus -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Identities:
    """Each spelling of a person's name in the corpus mapped to one label for the person.

    Outlets spell the same person differently ("Miguel Diaz-Canel Bermudez", "Miguel
    Díaz-Canel"); without one identity, /quote splits a person's words and the same quotation
    carried by two outlets is not recognised as one. The label is the fullest form some article
    printed, so the bot's attribution never invents a name; each quote's text stays verbatim.
    """

    labels: dict[str, str] = field(default_factory=dict)  # spelling -> label

    def label(self, speaker: str) -> str:
        """The label of a speaker; for a joint speaker ("A and B"), of each of its persons."""
        return " and ".join(self.labels.get(part, part) for part in speaker.split(" and "))

    def spellings(self, label: str) -> list[str]:
        """Every spelling printed for the person with this label."""
        return sorted(s for s, owner in self.labels.items() if owner == label)


def identify(names: Iterable[str]) -> Identities:
    """One identity per person among the names (quote speakers and people named in the corpus).

    Two spellings are one person when they fold to the same words (accents and case), or when
    the shorter one's words appear in the longer one in order, starting with its first word or
    as a run of it ("Miguel Díaz-Canel" in "Miguel Diaz-Canel Bermudez"), and in no other
    person's fuller name: "Castro" next to Fidel Castro and Raúl Castro stays as printed.
    """
    spellings: dict[tuple[str, ...], list[str]] = {}
    for name in names:
        for part in name.split(" and "):
            if part[:1].isupper():
                spellings.setdefault(tuple(_fold(t) for t in part.split()), []).append(part)
    keys = sorted(spellings, key=len, reverse=True)
    owner: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in keys:
        fuller = {owner[k] for k in keys if len(k) > len(key) and _same_person(key, k)}
        owner[key] = fuller.pop() if len(fuller) == 1 else key
    labels: dict[str, str] = {}
    for key in keys:
        printed = spellings[owner[key]]
        label = max(sorted(set(printed)), key=lambda s: (_accents(s), printed.count(s)))
        for spelling in spellings[key]:
            labels[spelling] = label
    return Identities(labels)


def _same_person(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    if len(short) == 1:
        return short[0] in long
    if _contains(long, short):
        return True
    if short[0] != long[0]:
        return False
    rest = iter(long[1:])  # in order: "Miguel Díaz-Canel" in "Miguel Mario Díaz-Canel"
    return all(word in rest for word in short[1:])


def _accents(name: str) -> int:
    """How many letters carry a diacritic: an outlet that prints them spells the name fully."""
    return sum(unicodedata.normalize("NFKD", c) != c for c in name)


def fullest_role(role: str, roles: Iterable[str]) -> str:
    """The longest of `roles` ending with `role`'s words ("President" -> "Chinese President")."""
    wanted = tuple(_fold(w) for w in role.split())
    if not wanted:
        return role
    best = role
    for other in roles:
        words = tuple(_fold(w) for w in other.split())
        if len(words) > len(best.split()) and words[-len(wanted):] == wanted:
            best = other
    return best
