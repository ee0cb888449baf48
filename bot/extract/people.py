"""The people a document refers to: names, titles and roles, pronouns and role nouns.

A quotation is cited with its speaker, and the speaker is often referred to as "he" or "the
foreign minister" a paragraph after being named. So each document gets a small person model:
capitalised runs that name people (not places or organisations), the titles and appositives
that give their roles, and every pronoun or role noun linked to the last fitting person named
before it. No NER model: wire-style prose carries nearly all of this in these patterns.

The text read here is the document with its quoted spans masked (`MASK`), so that words inside
a quotation are never taken for a name or a cue.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.extract.genders import (
    PRONOUN_GENDER,
    gender_of_name,
    gender_of_title,
    is_family_name,
    is_given_name,
)
from bot.extract.lexicon import CUE, INVERTIBLE, MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, word_set
from bot.extract.places import gazetteer, is_nationality_es
from bot.models import Sentence
from bot.text import fold

MASK = "\u2063"  # stands in for quoted text so that it is neither cue nor name

ROLE_WORDS = word_set(
    """president leader ambassador minister representative secretary spokesman spokeswoman
    spokesperson diplomat official envoy premier chancellor chairman chairwoman chair head
    director councilor councillor governor mayor commander chief deputy adviser advisor analyst
    expert professor researcher economist journalist editor correspondent founder ceo senator
    lawmaker congressman congresswoman king queen officer consul coordinator manager strategist
    pollster aide attorney lawyer commentator nominee candidate executive prosecutor judge
    host co-host anchor moderator columnist reporter author activist pastor"""
) | (_SPANISH_ROLE_WORDS := word_set(  # Spanish
    """presidente presidenta canciller ministro ministra embajador embajadora portavoz vocero
    vocera economista experto experta analista mandatario mandataria diplomático diplomática
    funcionario funcionaria dirigente líder jefe jefa secretario secretaria vicepresidente
    vicepresidenta viceministro viceministra directora representante senador senadora diputado
    diputada alcalde alcaldesa gobernador gobernadora periodista profesora investigador
    investigadora académico académica"""
))
# Lower-case words that may stand inside a role written before a name, with the role word that
# ends it: "White House press secretary Ann Roe", "deputy foreign minister Tom Reyes".
ROLE_MODIFIERS = word_set(
    """press campaign deputy senior chief former foreign vice executive national general
    communications policy security party state top defense defence finance trade health
    interior justice assistant acting political economic legal military prime first senate
    house""")
# Lower-case particles inside a person's name: "Ana de la Cruz", "Ludwig van Beethoven".
_PARTICLES = word_set("de del della da das dos do di du la le van von der den ter bin ibn al el")
TITLES = word_set(
    """President Ambassador Minister Secretary Premier Chancellor Chairman Chairwoman Chair
    Commander Chief General Councilor Councillor Governor Mayor Senator Deputy Vice Prime First
    Foreign State Interior Comrade Mr Mrs Ms Dr Prof Professor King Queen Prince Pope
    Spokesperson Spokesman Spokeswoman Envoy Director Leader Representative Consul Sir Lord
    Lady Judge Justice Colonel Captain Admiral Marshal Lieutenant Major
    Sen Rep Gov Gen Lt Col Sgt Capt Adm Cmdr Rev"""
)
# Titles written with a point, which joins them to the name that follows: "Sen. Ann Roe".
_ABBREVIATED = word_set("Sen Rep Gov Gen Lt Col Sgt Capt Adm Cmdr Rev Mr Mrs Ms Dr Prof")
_HONORIFICS = word_set("Comrade Mr Mrs Ms Dr Sir")  # titles that are not a role
# Capitalised function words that open sentences, and the calendar's names: never part of a
# person's name, and they cut a title off ("In May President ...").
FUNCTION_WORDS = word_set(
    """The A An In On At For From With By As After Before During Since While When Where
    According Regarding Besides Additionally However Meanwhile Between Under Over This That These
    Those It He She They We I You Our His Her Their Its My Your What How Why Who Which Today
    Yesterday Tomorrow Likewise Similarly Despite Throughout Through To Of And But Or Nor If Then
    Also Both Each Every No Not Only Other Another Some Many More Most Such Here There Yes Thus
    Still Even Although Though Because Once Now Later Earlier Last Next New Old Former Beyond
    Noting Describing Timed Images Related Filed Frequently Above Below Among Within Without"""
) | frozenset(MONTHS) | frozenset(WEEKDAYS) | word_set(  # Spanish
    """El La Los Las Un Una En Con Por Para Según Tras Desde Durante Ante Sobre Este Esta
    Estos Estas Ese Esa Su Sus Al Del Pero Sin Hace Ayer Hoy Como Cuando Donde Ello Ella
    Ellos Nuestro Nuestra Aunque Además También Mientras Asimismo Sin Embargo República
    Popular Ministerio Partido Comunista Gobierno Consejo Estado Asamblea Nacional Zona
    Especial Desarrollo Revolución Cancillería Embajada Exteriores Exterior Relaciones
    Agencia Comercio""") | (_ORGANISATIONS_ES := word_set(
    # Spanish names an organisation by its noun first: "Universidad de Oriente"
    """Ministerio Partido Gobierno Consejo Asamblea Agencia Embajada Cancillería Universidad
    Instituto Centro Banco Empresa Fundación Asociación Comité Oficina Departamento
    Organización Unión Federación Academia Escuela Hospital Museo Tribunal"""))
# Capitalised words that are never part of a person's name besides function words: names of
# organisations and their parts, of documents, events, beliefs and holidays; compass points and
# continental adjectives; news agencies. Places and nationalities come from the gazetteer.
_NOT_NAMES = FUNCTION_WORDS | word_set(
    """Party Parties Committee Central Council Republic Nations Congress Embassy Government
    Ministry Agency News Group Forum Seminar Session Debate Declaration Doctrine Revolution
    Movement Massacre Pavilion Road Plan Memorandum Understanding Cooperation Economic Chamber
    Organization Bank Fund Institute University Times Post Journal Daily People Court Army Navy
    Force Office House Senate Parliament Assembly Summit Conference Initiative Community
    Company Corporation Union Kingdom States United Island Islands Mainland Hemisphere
    Western Eastern Northern Southern West East North South African Asian European English
    Anglo Franco Sino Russo Indo Afro Euro Reuters Associated Press Xinhua Kyodo Yonhap Interfax
    Communist Communism Marxist Marxism Socialist Socialism Revolutionary Internet Human Rights
    God Christmas Easter Covid Department Foundation Association Center Centre Commission Board
    Bureau Service Network Campaign Club Society Church Studies Review Tribune Herald Street
    Tower Avenue Square Hall Airport Station Hospital School College Museum Library Award Prize
    Medal Heart Act Amendment Fort Mount Lake Port Photo Images Convention Caucus Coalition
    Alliance Federation Administration Authority Academy"""
) | frozenset(w for w in MONTH_ABBREVIATIONS if not is_given_name(w))  # "Dec", not "Jan"
# Capitalised nouns that end the name of an organisation, a building or a place: every word of
# the run before them belongs to that name ("National Security Council", "Trump Tower").
ORGANISATION_WORDS = word_set(
    """Party Parties Committee Council Republic Nations Congress Embassy Government Ministry
    Agency News Group Forum Organization Organisation Bank Fund Institute University Times Post
    Journal Court Army Navy Force Office House Senate Parliament Assembly Company Corporation
    Union Department Foundation Association Center Centre Commission Board Bureau Service
    Network Campaign Club Society Church Studies Review Tribune Herald Street Tower Avenue
    Square Hall Airport Station Hospital School College Museum Library Award Prize Medal Heart
    Act Amendment Summit Conference Initiative Community Plan Program Programme Project
    Convention Caucus Coalition Alliance Federation Administration Authority Academy""")
# Photo credits name photographers, who are never the speaker: "(AP Photo/Ann Roe)".
_CREDIT = re.compile(r"\([^()\n]*(?:Photo|Images|Getty|Pool|Credit)[^()\n]*\)"
                     r"|(?:Photo|Photograph|Picture|Image)s?\s*(?:by|credit)\b[^\n.;)]*"
                     r"|Credit:[^\n.;)]*")
_OBJECT_PREPOSITIONS = word_set(
    "to with for from of by about toward towards on at against between among"
) | word_set("con para sin sobre contra ante entre hacia desde tras de del por")  # Spanish
_APPOSITIVE_OPENERS_REJECTED = word_set(
    "who whom which where whose that when and but or to in at on for with from as by"
)
_TOKEN = re.compile(r"[^\W\d_](?:[\w-]|['’](?=\w))*")
# "he", "she"; Spanish "él", "ella" ("Ella" before a capitalised word is a given name).
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|él|ella|(?:Él|Ella)(?!\s+[A-ZÁÉÍÓÚ]))\b")
# Spanish role nouns: "el canciller cubano", "la portavoz", "el mandatario" (the article first,
# an adjective of nationality after the noun, in lower case).
_ROLE_NOUN_ES = re.compile(
    r"\b(?:[Ee]l|[Ll]a)\s+(?P<noun>" + "|".join(sorted(
        _SPANISH_ROLE_WORDS, key=len, reverse=True)) + r")\b(?!\s+[A-ZÁÉÍÓÚ])"
    r"(?:\s+(?P<nationality>[a-záéíóúñ]{4,}))?")
# Spanish role nouns that name the same office as another wording: "el canciller" is the person
# the article called "ministro de Relaciones Exteriores", "el mandatario" its "presidente".
_SAME_ROLE_ES = {
    "canciller": ("relaciones exteriores", "asuntos exteriores", "exteriores"),
    "mandatario": ("presidente", "jefe de estado"), "mandataria": ("presidenta",),
    "vocero": ("portavoz",), "vocera": ("portavoz",), "portavoz": ("vocero", "vocera"),
    "jefe": ("presidente", "director"), "jefa": ("presidenta", "directora"),
}


def has_role(noun: str, roles: str) -> bool:
    """Whether a person's roles (lower case) hold the role noun or a Spanish wording of it."""
    return noun in roles or any(same in roles for same in _SAME_ROLE_ES.get(noun, ()))
_ROLE_NOUN = re.compile(
    r"\b[Tt]he\s+(?:(?P<adj>former|new|top|[A-Z][\w-]+)\s+)?(?:(?:"
    + "|".join(sorted(ROLE_MODIFIERS)) + r")\s+){0,2}(?P<noun>"
    + "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
    + r")\b"
)


def name_key(words: Iterable[str]) -> tuple[str, ...]:
    """A name's words folded (accents, case), so that spellings of one name compare equal."""
    return tuple(fold(w) for w in words)


def contains_run(whole: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether `part` stands in `whole` as a run of consecutive words."""
    size = len(part)
    return any(whole[i:i + size] == part for i in range(len(whole) - size + 1))


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A sentence that names a person, for "X is never quoted, but here is where X appears"."""

    person: str  # the fullest form of the name in the document
    role: str
    passage_id: str
    sentence: Sentence


@dataclass(slots=True)
class Mention:
    """A reference to a person: a name, a pronoun or a role noun, resolved to a canonical name."""

    start: int
    end: int
    kind: str  # "name" | "pronoun" | "role"
    person: str = ""
    possessive: bool = False
    is_object: bool = False
    role: str = ""  # the role given with this mention (appositive preferred over title)
    adjective: str = ""  # for role nouns: "Danish" in "the Danish minister"
    noun: str = ""  # for role nouns: "minister"
    gender: str = ""  # "m" / "f" from a given name, an honorific or the pronoun; "" unknown
    speaks: bool = False  # a name right next to a speech verb: "Roe said", "said Roe"
    # for pronouns and role nouns: other people it could have meant, and how far back the
    # chosen one was referred to (characters)
    rivals: int = 0
    distance: int = 0
    fits: bool = False  # the person has this role ("the Danish minister") or this gender
    sentence: int = -1  # the number of the sentence it is in (people.resolve)


@dataclass(slots=True)
class People:
    """Full names seen in a document and what roles they were given."""

    names: dict[tuple[str, ...], str] = field(default_factory=dict)  # name key -> display
    roles: dict[str, list[str]] = field(default_factory=dict)
    last_seen: dict[str, int] = field(default_factory=dict)
    printed: dict[tuple[str, ...], int] = field(default_factory=dict)  # full name -> times given
    genders: dict[str, str] = field(default_factory=dict)  # person -> "m" / "f"
    # people the text shows to be people: a title or role, a given name, a speech verb of theirs
    vouched: set[str] = field(default_factory=set)
    # name key -> the fullest known names holding it (People.canonical's lookups)
    _maximal: dict[tuple[str, ...], list[tuple[str, ...]]] = field(default_factory=dict,
                                                                    repr=False)
    # each word of a full name -> the names holding it, so that finding the names a name stands
    # in looks only at those sharing its first word, not at every name of a long text
    by_word: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def add_name(self, key: tuple[str, ...], display: str) -> None:
        """Know the full name `key` (shown as `display`), unless it is known already."""
        if key not in self.names:
            self.names[key] = display
            for word in dict.fromkeys(key):
                self.by_word.setdefault(word, []).append(key)

    def holding(self, key: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The known full names in which `key` stands as a run of words, in the order known."""
        known = self.by_word.get(key[0], []) if key else list(self.names)
        return [k for k in known if contains_run(k, key)]

    def canonical(self, tokens: list[str], gender: str = "") -> str:
        """The fullest known name containing `tokens` ("Pérez" -> "Ana Pérez"); of `gender`
        ("Mr. Roe" is not Ana Roe) when the name's given name says it."""
        key = name_key(tokens)
        maximal = self._maximal.get(key)
        if maximal is None:  # the names are all known before any is resolved: kept per key
            matches = self.holding(key)
            maximal = [k for k in matches
                       if not any(o != k and contains_run(o, k) for o in matches)]
            self._maximal[key] = maximal
        if not maximal:
            return " ".join(tokens)
        if len(maximal) > 1:  # a surname two people share: the one printed in full most often
            maximal.sort(key=lambda k: (self.printed.get(k, 0),  # then the last mentioned
                                        self.last_seen.get(self.names[k], -1)), reverse=True)
            if gender:
                fitting = [k for k in maximal
                           if _named_gender(self.names[k]) in (gender, "")]
                return self.names[(fitting or maximal)[0]]
        return self.names[maximal[0]]

    def best_role(self, person: str) -> str:
        roles = self.roles.get(person, [])
        return roles[0] if roles else ""


def mentions_in(mentions: list[Mention], starts: list[int], low: int, high: int) -> list[Mention]:
    """The mentions starting in [low, high), `starts` being their starts in text order (looked
    up, not filtered from all of a document's mentions for each sentence)."""
    return mentions[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)]


def people_named(
    located: list[tuple[Sentence, str]], mentions: list[Mention], people: People
) -> list[PersonMention]:
    """Every (sentence, passage id) of `located` naming a person, once per person."""
    named: list[PersonMention] = []
    starts = [m.start for m in mentions]
    for sentence, passage_id in located:
        persons = {m.person for m in mentions_in(mentions, starts, sentence.start, sentence.end)
                   if m.kind == "name" and m.person}
        for person in sorted(persons):
            named.append(PersonMention(person, people.best_role(person), passage_id, sentence))
    return named


def _name_words(words: list[str]) -> list[bool]:
    """Which words of a capitalised run may belong to a person's name.

    Never function words, titles, acronyms, organisation nouns or nationality adjectives, nor
    the words of a place name of several words ("South Korea"). A one-word place name
    ("Jordan", "Victoria") is a place alone or next to a title, and part of a name next to
    another name word ("Jim Jordan", "Victoria Nuland").
    """
    places = gazetteer()
    in_place = [False] * len(words)
    for start in range(len(words)):
        for size in range(min(places.longest, len(words) - start), 1, -1):
            if tuple(words[start:start + size]) in places.phrases:
                in_place[start:start + size] = [True] * size
                break
    plain, ambiguous = [], []
    for word, place in zip(words, in_place, strict=True):
        if word in _PARTICLES:
            plain.append(True)
            ambiguous.append(False)
            continue
        parts = word.split("-")
        never = place or (word.isupper() and len(word) > 1) or any(  # acronyms, numerals: UN, XX
            p in _NOT_NAMES or p in TITLES or p in places.adjectives for p in parts)
        plain.append(not never)
        ambiguous.append(not never and any(p in places.names for p in parts))
    sure = [p and not a for p, a in zip(plain, ambiguous, strict=True)]
    return [p and (not a or (i > 0 and sure[i - 1]) or (i + 1 < len(sure) and sure[i + 1]))
            for i, (p, a) in enumerate(zip(plain, ambiguous, strict=True))]


@dataclass(slots=True)
class _Candidate:
    """A run of capitalized words that may name a person, with any title before it."""

    tokens: list[str]
    start: int
    end: int
    role: str
    titled: bool
    possessive: bool
    gender: str  # from an honorific before the name: "Mrs. Roe"


def _candidates(masked: str, sentence: Sentence) -> list[_Candidate]:
    """Capitalized runs of a sentence split into (title words, name words).

    A particle joins the run between two capitalised words ("Ana de la Cruz"); a run ending in
    an organisation's or a place's noun names that ("National Security Council", "Trump
    Tower"), and none of its words is a person's; a photo credit names no speaker.
    """
    found: list[_Candidate] = []
    tokens = list(_TOKEN.finditer(masked, sentence.start, sentence.end))
    credits = [m.span() for m in _CREDIT.finditer(masked, sentence.start, sentence.end)]
    index = 0
    while index < len(tokens):
        if not tokens[index].group()[0].isupper():  # a run starts at a capital: skip the rest
            index += 1
            continue
        run = [tokens[index]]
        while index + len(run) < len(tokens):
            last, following = run[-1], tokens[index + len(run)]
            gap = masked[last.end():following.start()]
            if not last.group()[0].isupper() or _possessive(last.group()):
                break
            if following.group()[0].isupper() and gap in (
                    (" ", ". ") if _abbreviation(last.group()) else (" ",)):
                run.append(following)
                continue
            particles = 0  # "de la Vega": particles, then a capitalised word
            while (index + len(run) + particles < len(tokens)
                   and tokens[index + len(run) + particles].group() in _PARTICLES
                   and masked[tokens[index + len(run) + particles - 1].end():
                              tokens[index + len(run) + particles].start()] == " "):
                particles += 1
            after_at = index + len(run) + particles
            if (particles and after_at < len(tokens) and tokens[after_at].group()[0].isupper()
                    and masked[tokens[after_at - 1].end():tokens[after_at].start()] == " "):
                run += tokens[index + len(run):after_at + 1]
                continue
            break
        index += len(run)
        if not run[0].group()[0].isupper() or any(
                low <= run[0].start() < high for low, high in credits):
            continue
        words = [_strip_possessive(token.group()) for token in run]
        is_name = _name_words(words)
        for position, word in enumerate(words):  # "National Security Council": an organisation
            if word in ORGANISATION_WORDS:
                back = position - 1
                while back >= 0 and is_name[back]:
                    is_name[back] = False
                    back -= 1
            if word in _ORGANISATIONS_ES:  # "Universidad de Oriente": all of it
                is_name[position:] = [False] * (len(words) - position)
        prefix: list[re.Match[str]] = []  # "European Council President" before a name
        names: list[re.Match[str]] = []
        for token, word, name_word in zip(run, words, is_name, strict=True):
            if name_word:
                names.append(token)
                continue
            if names:
                found.append(_candidate(names, prefix))
                names, prefix = [], []
            prefix = [] if word in FUNCTION_WORDS else [*prefix, token]
        if names:
            found.append(_candidate(names, prefix))
    return found


def _abbreviation(word: str) -> bool:
    """An initial or an abbreviated title, which a point does not part from what follows:
    "Charles B. Rangel", "Gov. Ann Roe"."""
    return len(word) == 1 or word in _ABBREVIATED


def _with_point(token: re.Match[str]) -> str:
    """The token as printed: an initial or an abbreviated title keeps its point."""
    word = _strip_possessive(token.group())
    point = _abbreviation(word) and token.string[token.end():token.end() + 1] == "."
    return word + "." if point else word


def _candidate(names: list[re.Match[str]], prefix: list[re.Match[str]]) -> _Candidate:
    while len(names) > 1 and names[-1].group() in _PARTICLES:
        names = names[:-1]
    titles = [t.group() for t in prefix if t.group() in TITLES]
    role = " ".join(_with_point(t) for t in prefix) if set(titles) - _HONORIFICS else ""
    words = [_with_point(t) for t in names]
    gender = next((g for g in map(gender_of_title, reversed(titles)) if g), "")
    return _Candidate(words, names[0].start(), names[-1].end(), role, bool(titles),
                      _possessive(names[-1].group()), gender)


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def _strip_possessive(word: str) -> str:
    return word[:-2] if _possessive(word) else word


def _org_context(masked: str, start: int) -> bool:
    """'the Marshall Plan', 'Bank of Greater Springfield': names of things, not people."""
    before = masked[max(0, start - 40):start]
    return bool(re.search(r"(?:\bthe|[A-Z]\w*\s+of)\s$", before))


def find_mentions(masked: str, sentences: list[Sentence]) -> list[Mention]:
    """Every reference to a person, in text order (names, then pronouns and role nouns)."""
    per_sentence = [(s, _candidates(masked, s), _headline(masked, s)) for s in sentences]
    full_names: set[tuple[str, ...]] = set()
    for _, candidates, headline in per_sentence:
        for c in candidates:
            if 2 <= len(c.tokens) <= 5 and not headline and (
                    c.titled or not _org_context(masked, c.start)):
                full_names.add(name_key(c.tokens))
    for _, candidates, _ in per_sentence:  # "Rival Hillary Clinton": a modifier, not a first name
        for c in candidates:
            if len(c.tokens) >= 3 and name_key(c.tokens[1:]) in full_names and (
                _modifier(c.tokens[0], masked)
            ):
                full_names.discard(name_key(c.tokens))
                c.start += len(c.tokens[0]) + 1
                c.tokens = c.tokens[1:]
    known_words = {word for name in full_names for word in name}
    mentions: list[Mention] = []
    for sentence, candidates, headline in per_sentence:
        covered: list[tuple[int, int]] = []
        for c in candidates:
            if headline and not _known_part(c, full_names):
                continue  # "Senator Wins Vote": a title-case heading, its capitals say nothing
            key = name_key(c.tokens)
            followed_by_cue = _cue_follows(masked, c.end)
            person = (
                key in full_names
                or (len(c.tokens) == 1 and (c.titled or key[0] in known_words))
                or (len(c.tokens) == 1 and not c.possessive
                    and (followed_by_cue or _after_invertible_cue(masked, c.start)
                         or _cue_after_appositive(masked, c.end))
                    and not _common_word(c.tokens[0], c.start, sentence, masked))
            )
            if not person:
                continue
            mention = Mention(
                c.start, c.end, "name", " ".join(c.tokens), c.possessive,
                _preceded_by_object_word(masked, c.start), c.role, gender=c.gender,
                speaks=followed_by_cue or _after_invertible_cue(masked, c.start)
                or _cue_after_appositive(masked, c.end),
            )
            if not mention.role:  # "campaign manager Ann Roe"
                mention.role = _role_before(masked, c.start, sentence.start)
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
            mentions.append(Mention(match.start(), match.end(), "pronoun",
                                    gender=PRONOUN_GENDER[match.group().lower()],
                                    speaks=_cue_follows(masked, match.end())))
        roles = [*_ROLE_NOUN.finditer(masked, sentence.start, sentence.end),
                 *_ROLE_NOUN_ES.finditer(masked, sentence.start, sentence.end)]
        for match in roles:
            if any(low <= match.start() < high for low, high in covered):
                continue
            adjective = match.groupdict().get("adj") or ""
            end = match.end()
            nationality = match.groupdict().get("nationality") or ""
            if nationality:  # "el presidente chino": lower case, the role's own adjective
                adjective = nationality if is_nationality_es(nationality) else ""
                end = match.end("nationality") if adjective else match.end("noun")
            elif not adjective[:1].isupper():
                adjective = ""
            mentions.append(
                Mention(
                    match.start(), end, "role",
                    is_object=_preceded_by_object_word(masked, match.start()),
                    adjective=adjective,
                    noun=match.group("noun").lower(),
                    speaks=_cue_follows(masked, end),
                )
            )
    mentions.sort(key=lambda m: m.start)
    return mentions


def _common_word(word: str, start: int, sentence: Sentence, masked: str) -> bool:
    """'Demonstrators said', 'Just ask him': a capital that only opens the sentence. A lone word
    counts as a name when it is a given name, or the text capitalises it mid-sentence too and
    never writes it in lower case."""
    if re.search(rf"\b{re.escape(word.lower())}\b", masked):
        return True
    if (masked[sentence.start:start].strip(MASK + " \"'“‘([-—–") or is_given_name(word)
            or is_family_name(word)):
        return False
    return re.search(rf"[\w,;:] {re.escape(word)}\b", masked) is None


def appositive_gap(gap: str) -> bool:
    """', R-Ky., ' or ', a spokesman for the mayor, ': one phrase between commas, no verb of
    saying in it, then (an auxiliary or adverb apart) the verb."""
    found = _APPOSITIVE.fullmatch(gap)
    return found is not None and CUE.search(found.group(1)) is None


_APPOSITIVE = re.compile(r", ([^,;:()\n" + MASK + r"]{1,100}),(?:\s+(?:also|later|then|has|have|"
                         r"had|again|would|will))*\s+")


def _cue_after_appositive(masked: str, end: int) -> bool:
    """'Roe, a spokesman for the mayor, said': Roe speaks."""
    if masked[end:end + 2] != ", ":
        return False
    close = masked.find(",", end + 2, end + 104)
    if close < 0:
        return False
    verb = CUE.match(masked, close + 2)
    return verb is not None and appositive_gap(masked[end:verb.start()])


def _cue_follows(masked: str, end: int) -> bool:
    """Whether a verb of saying comes right after a mention, an adverb or auxiliary apart:
    "Roe said", "she added", "Roe later told"."""
    gap = _AUXILIARIES.match(masked, end)
    return gap is not None and CUE.match(masked, gap.end()) is not None


_AUXILIARIES = re.compile(r"(?:\s(?:also|later|then|has|have|had|again|once|would|will|"
                          r"previously|recently|repeatedly|publicly))*\s")


def _headline(masked: str, sentence: Sentence) -> bool:
    """A title-case heading ("Senator Wins Key Vote In Ohio"): its words capitalised, even
    the verbs and prepositions, which a sentence naming a person leaves in lower case."""
    words = re.findall(r"[^\W\d_]+", masked[sentence.start:sentence.end])
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.85 * len(words)


def _known_part(candidate: _Candidate, full_names: set[tuple[str, ...]]) -> bool:
    """Cut a heading's capitalised run to the longest full name known from the body, if any."""
    tokens = candidate.tokens
    for size in range(len(tokens), 1, -1):
        for first in range(len(tokens) - size + 1):
            if name_key(tokens[first:first + size]) in full_names:
                offset = sum(len(t) + 1 for t in tokens[:first])
                candidate.start += offset
                candidate.end = candidate.start + len(" ".join(tokens[first:first + size]))
                candidate.tokens = tokens[first:first + size]
                return True
    return False


_ROLE_BEFORE = re.compile(
    r"(?:^|[\s(])((?:(?:[A-Z][\w.&'’-]*|" + "|".join(sorted(ROLE_MODIFIERS | ROLE_WORDS))
    + r")\s+){0,6}(?:" + "|".join(sorted(ROLE_WORDS)) + r"))\s$"
)


def _role_before(masked: str, start: int, limit: int) -> str:
    """'National Security Council spokesperson Ann Roe': the role written right before a name,
    ending in a lower-case role word."""
    window = masked[max(limit, start - 90):start]
    found = _ROLE_BEFORE.search(window)
    if found is None:
        return ""
    words = found.group(1).split()
    while words and (words[0] in FUNCTION_WORDS or _possessive(words[0])):
        words = words[1:]
    return " ".join(words)


def _modifier(word: str, masked: str) -> bool:
    """A word the document also writes in lower case, or shaped like an adjective of party or
    place ("Republican", "Democrat", "Kentuckian"): before a name it describes the person."""
    return (re.search(rf"\b{re.escape(word.lower())}\b", masked) is not None
            or re.search(r"(?:an|ian|crat|tic|ist)$", word) is not None)


def _after_invertible_cue(masked: str, start: int) -> bool:
    """'..., said Wilcox': a lone surname right after "said" is the speaker."""
    words = masked[max(0, start - 12):start].split()
    return masked[start - 1:start] == " " and bool(words) and words[-1] in INVERTIBLE


def _preceded_by_object_word(masked: str, start: int) -> bool:
    words = masked[max(0, start - 20):start].split()
    return bool(words) and words[-1].lower() in _OBJECT_PREPOSITIONS


def _appositive_after(masked: str, end: int, limit: int) -> tuple[int, int] | None:
    """', special representative of ...,' after a name: its span, if it names a role."""
    match = re.compile(r", ([^,;:()\n" + MASK + r"]+?)(?=[,;:.]\s|[,;:.]?$|\s*" + MASK + ")")
    found = match.match(masked[:limit], end)
    if found is None:
        return None
    phrase = found.group(1)
    words = phrase.split()
    if not words or len(words) > 15 or words[0].lower() in _APPOSITIVE_OPENERS_REJECTED:
        return None
    if words[0][0].isupper() and not _possessive(words[0]) and words[0] not in TITLES:
        return None
    first_role = next((i for i, w in enumerate(words) if w.strip(".").lower() in ROLE_WORDS), -1)
    if first_role < 0:
        return None
    if [w.lower() for w in words[max(0, first_role - 2):first_role]][-1:] == ["al"] or [
            w.lower() for w in words[max(0, first_role - 2):first_role]] == ["a", "la"]:
        return None  # Spanish: "Ana Gil, recibió al presidente": his role, not hers
    return found.start(1), found.end(1)


def _appositive_before(masked: str, start: int, limit: int) -> tuple[int, int] | None:
    """'The foreign minister, Ana Pérez': the role phrase before a name, if any."""
    before = masked[limit:start]
    if not before.endswith(", "):
        return None
    cut = max(before.rfind(sep, 0, len(before) - 2) for sep in (",", ";", ":", "(", " - "))
    low = limit + (cut + 1 if cut >= 0 else 0)
    phrase = masked[low:start - 2]
    cues = list(CUE.finditer(phrase))
    if cues:  # Spanish inverts: "—declaró el embajador chino, Hua Xin"
        low += cues[-1].end()
        phrase = phrase[cues[-1].end():]
    words = phrase.split()
    if words and words[0].lower() not in _ARTICLES and words[0] not in TITLES:
        # Spanish: "recibió al presidente chino, Wen Li": the role from its article on
        article = next((i for i in range(len(words) - 1, 0, -1)
                        if words[i] in _ARTICLES_ES and words[i + 1:i + 2]
                        and words[i + 1].lower() in ROLE_WORDS), 0)
        if article:
            skipped = phrase.index(" " + words[article] + " " + words[article + 1]) + 1
            low, phrase = low + skipped, phrase[skipped:]
            words = words[article:]
    if not words or len(words) > 10:
        return None
    first = words[0]
    if first.lower() not in _ARTICLES and first not in TITLES:
        return None
    if not any(w.lower() in ROLE_WORDS for w in words):
        return None
    offset = low + len(phrase) - len(phrase.lstrip())
    return offset, start - 2


_ARTICLES_ES = ("el", "la", "al", "del")  # "al", "del": "a el", "de el"
_ARTICLES = ("the", "a", "an", "un", "una", *_ARTICLES_ES)  # English, then Spanish


def _drop_article(phrase: str) -> str:
    words = phrase.split()
    return " ".join(words[1:] if words and words[0].lower() in _ARTICLES else words)


def resolve(mentions: list[Mention], sentence_starts: list[int] | None = None) -> People:
    """Give every mention a canonical person: names expanded, pronouns and role nouns linked
    (`sentence_starts`, the starts of the text's sentences in order, let a pronoun look for
    its antecedent sentence by sentence)."""
    people = People()
    starts = sentence_starts or []
    for mention in mentions:
        mention.sentence = bisect.bisect_right(starts, mention.start) - 1
    for mention in mentions:
        if mention.kind == "name":
            tokens = mention.person.split()
            if len(tokens) >= 2:
                key = name_key(tokens)
                people.printed[key] = people.printed.get(key, 0) + 1
                if not any(k != key for k in people.holding(key)):
                    people.add_name(key, mention.person)
    history: list[Mention] = []
    for mention in mentions:
        if mention.kind == "name":
            mention.person = people.canonical(mention.person.split(), mention.gender)
            if mention.role:
                people.roles.setdefault(mention.person, []).append(mention.role)
            gender = mention.gender or people.genders.get(mention.person) or _named_gender(
                mention.person)
            if gender:
                people.genders[mention.person] = mention.gender = gender
            if gender or mention.role or mention.speaks:
                people.vouched.add(mention.person)
        else:
            _link(mention, history, people, bool(starts))
        if mention.person:
            people.last_seen[mention.person] = mention.start
            history.append(mention)
    for person, roles in people.roles.items():  # appositives say more than bare titles
        roles.sort(key=lambda r: len(r.split()) <= 2)
        people.roles[person] = roles
    return people


# How many references back a pronoun or role noun looks for whom it means: far more than any
# news article needs, and a bound, so that resolving stays linear in a very long text.
LOOKBACK = 400


def _link(mention: Mention, history: list[Mention], people: People, by_sentence: bool) -> None:
    """Resolve a pronoun or role noun, noting how many others it could have meant."""
    recent = [m for m in history[-8:] if not m.possessive]
    found = _subject_before(mention, history, people) if (
        by_sentence and mention.kind == "pronoun") else None
    mention.person = found if found is not None else _antecedent(
        history[-LOOKBACK:], people, mention.adjective, mention.noun, mention.gender)
    if not mention.person:
        return
    fitting = {m.person for m in recent
               if people.genders.get(m.person, mention.gender) == mention.gender}
    mention.rivals = len(fitting - {mention.person})
    roles = " ".join(people.roles.get(mention.person, [])).lower()
    if mention.gender:
        mention.fits = people.genders.get(mention.person) == mention.gender
    elif mention.adjective:
        mention.fits = fold(mention.adjective)[:4] in fold(roles)
    else:
        mention.fits = bool(mention.noun) and has_role(mention.noun, roles)
    last = next((m for m in reversed(history) if m.person == mention.person), None)
    mention.distance = mention.start - last.end if last is not None else 0


def omitted_subject(mentions: list[Mention], starts: list[int], position: int, sentence: int,
                    people: People) -> Mention | None:
    """Spanish leaves out a subject the reader knows ('«...», afirmó.', '—... —añadió.'): the
    subject of a singular verb of saying at `position` (in sentence number `sentence`) without
    one is the subject the text was just about, resolved as "he" or "she" would be but of
    either gender; the other people referred to as subjects just before are its rivals."""
    index = bisect.bisect_left(starts, position)
    history = [m for m in mentions[max(0, index - LOOKBACK):index] if m.person]
    zero = Mention(position, position, "pronoun", speaks=True, sentence=sentence)
    _link(zero, history, people, True)
    if not zero.person:
        return None
    subjects = {m.person for m in history[-8:] if not m.possessive and not m.is_object
                and m.sentence >= sentence - SENTENCES_BACK}  # where its subject was sought
    zero.rivals = len(subjects - {zero.person})
    return zero


# How many sentences back a pronoun looks for a subject of its gender before falling back to
# the last fitting person referred to.
SENTENCES_BACK = 2


def _fits_gender(mention: Mention, people: People, gender: str) -> bool:
    """Of the pronoun's gender, or of unknown gender but shown to be a person."""
    known = people.genders.get(mention.person)
    if not gender:
        return True
    if known:
        return known == gender
    return mention.person in people.vouched or mention.kind != "name"


def _subject_before(pronoun: Mention, history: list[Mention], people: People) -> str | None:
    """'Ann Roe met the mayor on Monday. “...,” she said': the subject (the first person
    referred to, not as an object) of the pronoun's own sentence before it, else of the
    sentences before, a person of its gender. None: no such person in `SENTENCES_BACK`."""
    here = pronoun.sentence
    by_sentence: dict[int, list[Mention]] = {}
    for earlier in reversed(history):
        if earlier.sentence < here - SENTENCES_BACK:
            break
        if not earlier.possessive and earlier.person:
            by_sentence.setdefault(earlier.sentence, []).insert(0, earlier)
    for sentence in range(here, here - SENTENCES_BACK - 1, -1):
        fitting = [m for m in by_sentence.get(sentence, ())
                   if _fits_gender(m, people, pronoun.gender)]
        subjects = [m for m in fitting if not m.is_object]
        speakers = [m for m in subjects if m.speaks]
        if speakers or subjects:
            return (speakers or subjects)[0].person
    return None


def _named_gender(person: str) -> str:
    """The gender of a full name's given name ("Ana Pérez" -> "f"); a lone surname has none."""
    words = person.split()
    return gender_of_name(words) if len(words) >= 2 else ""


def _antecedent(
    history: list[Mention], people: People, adjective: str, noun: str, gender: str = ""
) -> str:
    """The last person referred to who fits "the <adjective> <noun>" (or "he"/"she").

    For a pronoun, a person of its gender comes first, then one of unknown gender; never one
    of the other gender.
    """
    candidates = [m for m in reversed(history) if not m.possessive]
    if not candidates:
        return ""

    def roles(person: str) -> str:
        return " ".join(people.roles.get(person, [])).lower()

    stem = fold(adjective)[:4]
    if adjective:
        fitting = [m for m in candidates if stem and stem in fold(roles(m.person))]
        with_noun = [m for m in fitting if has_role(noun, roles(m.person))]
        if with_noun or fitting:
            return (with_noun or fitting)[0].person
        if adjective.islower():  # Spanish "el presidente chino": no one else's
            return ""
    elif noun:
        with_noun = [m for m in candidates if has_role(noun, roles(m.person))]
        if with_noun:
            return with_noun[0].person
    subjects = [m for m in candidates if not m.is_object]
    ordered = subjects + [m for m in candidates if m.is_object]
    if gender and ordered and not ordered[0].speaks:  # "he": one who spoke a moment ago first
        speaker = next((m for m in ordered[:5] if m.speaks), None)
        if speaker is not None:
            ordered = [speaker, *ordered]
    if gender:  # the nearest of its gender, or of unknown gender but shown to be a person
        fitting = [m for m in ordered if people.genders.get(m.person, gender) == gender]
        vouched = [m for m in fitting if people.genders.get(m.person) == gender
                   or m.person in people.vouched or m.kind != "name"]
        ordered = vouched or fitting
    return ordered[0].person if ordered else ""
