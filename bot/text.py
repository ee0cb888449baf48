"""Text normalization and the one tokenizer used for passages and queries alike.

Passages and queries must go through the same function, or "Sánchez-Ruiz" in a query would not
find "Sanchez-Ruiz" in an article. Folding: Unicode NFKD, accents dropped, case folded;
hyphenated names split into their parts; stopwords dropped; Snowball stemming (PyStemmer) so
that "immigrant" finds "immigrants" and "bloqueos" finds "bloqueo".

A passage is analysed in its own language (English, or Spanish for a Spanish passage: see
bot/corpus/language.py); a query, whose language a few words do not tell, in every language the
index holds (`query_word_terms`), so "bloqueo" finds Spanish passages and "blockade" English ones
in one index.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from functools import lru_cache

import Stemmer
from babel import Locale

# Bump when tokenization changes: it is part of the on-disk index cache key.
TOKENIZER_VERSION = "3"

# A short, classic English stopword list (the Snowball one, minus negations, which carry meaning
# in news: "not", "no", "never").
STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves s t also
    """.split()
)

# Spanish: articles, prepositions, conjunctions, pronouns and the commonest forms of "ser",
# "estar" and "haber" (Snowball's list, shortened: no negations, and not "estado(s)", which is
# "Estados Unidos", nor words that are English content words or names: "son", "era", "sin",
# "con", "han").
SPANISH_STOPWORDS = frozenset(
    """
    a al algo algunas algunos ante antes como contra cual cuando de del desde donde durante e el
    ella ellas ellos en entre esa esas ese eso esos esta estaba estaban estamos estan estar estas
    este esto estos fue fueron ha habia hasta hay la las le les lo los mas me mi mis muy nos
    nosotros o os otra otras otro otros para pero poco por porque que quien quienes se sea ser
    si sido sobre su sus suya suyo tambien tanto te tiene tienen todo todos tu tus un una unas
    uno unos vosotros y ya yo cuyo cuya cuyos cuyas les dicha dicho
    """.split()
)
ENGLISH, SPANISH = "en", "es"
ANALYSED = (ENGLISH, SPANISH)  # the languages with an analyzer of their own; others: English
_STOPWORDS = {ENGLISH: STOPWORDS, SPANISH: SPANISH_STOPWORDS}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# "N.A.A.C.P." and "U.N." are one word each, as "NAACP" and "UN".
_DOTTED_ACRONYM = re.compile(r"\b(?:[^\W\d_]\.){2,}")
# Before case folding, or "U.S." and "US" would become the pronoun "us".
_UNITED_STATES = re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b")
_STEMMERS = {ENGLISH: Stemmer.Stemmer("english"), SPANISH: Stemmer.Stemmer("spanish")}


def fold(text: str) -> str:
    """Case- and accent-fold text so that spelling variants of a name compare equal."""
    if text.isascii():  # nothing to decompose: most news text, at once
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


@lru_cache(maxsize=65536)
def _stem(word: str, language: str = ENGLISH) -> str:
    return str(_STEMMERS[language].stemWord(word))


def analyzer(language: str) -> str:
    """The analyzer a text of `language` (an ISO 639-1 code, "" if unknown) is tokenized with."""
    return language if language in _STEMMERS else ENGLISH


def words(text: str) -> list[str]:
    """Folded words, with hyphenated and apostrophe forms split into parts ("Ann's" -> "ann")."""
    text = _UNITED_STATES.sub(" USA ", text)
    if "." in text:
        text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", "") + " ", text)
    found: list[str] = _WORD.findall(fold(text))
    if "'" in text or "’" in text:  # the part before the first apostrophe
        found = [w.partition("'")[0].partition("’")[0] for w in found]
    return found


# language -> word -> stem, for index terms: a dict is faster than lru_cache
_STEMS: dict[str, dict[str, str]] = {}
_STEMS_KEPT = 1 << 20


def tokenize(text: str, language: str = ENGLISH) -> list[str]:
    """Index terms of a text in `language`: folded, stopwords removed, stemmed."""
    language = analyzer(language)
    stopwords = _STOPWORDS[language]
    stems = _STEMS.setdefault(language, {})
    out = []
    for word in words(text):
        if word in stopwords:
            continue
        stem = stems.get(word)
        if stem is None:
            if len(stems) >= _STEMS_KEPT:
                stems.clear()
            stem = stems[word] = _stem(word, language)
        out.append(stem)
    return out


def is_stopword(word: str) -> bool:
    """A folded word that is a stopword in some language the index analyses: a query's
    language is unknown, so such a word is no search term."""
    return any(word in stopwords for stopwords in _STOPWORDS.values())


@lru_cache(maxsize=65536)
def word_terms(word: str) -> tuple[str, ...]:
    """A folded word's index terms in every analysed language, distinct ("bloqueo" is "bloqueo"
    in English, "bloque" in Spanish); none for a stopword of any of them."""
    if is_stopword(word):
        return ()
    return tuple(dict.fromkeys(_stem(word, language) for language in ANALYSED))


def query_word_terms(text: str) -> list[tuple[str, ...]]:
    """Each word of a query with its terms in every analysed language (stopwords left out)."""
    return [terms for w in words(text) if (terms := word_terms(w))]


def query_terms(text: str) -> list[str]:
    """The index terms of a query in every analysed language, in order (a word said twice
    counts twice, as in rank-bm25's `get_scores`)."""
    return [t for terms in query_word_terms(text) for t in terms]


def content_keys(text: str, ignore: frozenset[str] = frozenset(),
                 language: str = ENGLISH) -> frozenset[str]:
    """Content words (not stopwords, not in `ignore`, three letters or more) stemmed and cut to
    five letters, so that two wordings of one thing meet: "recognized" and "recognition"."""
    language = analyzer(language)
    stopwords = _STOPWORDS[language]
    return frozenset(_stem(w, language)[:5] for w in words(text)
                     if len(w) >= 3 and w.isalpha() and w not in stopwords and w not in ignore)


def words_around(text: str, start: int, end: int, width: int) -> str:
    """The `width` words either side of text[start:end]: in a sentence that names several
    things, the words next to a phrase say what it is about."""
    return " ".join([*text[:start].split()[-width:], *text[end:].split()[:width]])


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Overlap of two term sets: how alike two sentences are, word for word."""
    return len(a & b) / len(a | b) if a and b else 0.0


@lru_cache(maxsize=8)
def calendar_words(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """(month number, weekday number with Monday 0) of each folded month and weekday name of a
    language, full and abbreviated, from Babel's (CLDR's) calendar: "septiembre", "setiembre"
    and "sept" are 9 in Spanish; "miércoles" and "miercoles" 2."""
    locale = Locale.parse(language)
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in locale.months[context][width].items():
                months.setdefault(fold(name).rstrip("."), number)
    if language == SPANISH:
        months.setdefault("setiembre", 9)  # the spelling of several countries
    days = {fold(name): number for context in ("format", "stand-alone")
            for number, name in locale.days[context]["wide"].items()}
    return months, days
