"""Text normalization and the one tokenizer used for passages and queries alike.

Passages and queries must go through the same function, or "Sánchez-Ruiz" in a query would not
find "Sanchez-Ruiz" in an article. Folding: Unicode NFKD, accents dropped, case folded;
hyphenated names split into their parts; English stopwords dropped; Snowball stemming
(PyStemmer) so that "immigrant" finds "immigrants".
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from functools import lru_cache

import Stemmer

# Bump when tokenization changes: it is part of the on-disk index cache key.
TOKENIZER_VERSION = "2"

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

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# "N.A.A.C.P." and "U.N." are one word each, as "NAACP" and "UN".
_DOTTED_ACRONYM = re.compile(r"\b(?:[^\W\d_]\.){2,}")
# Before case folding, or "U.S." and "US" would become the pronoun "us".
_UNITED_STATES = re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b")
_stemmer = Stemmer.Stemmer("english")


def fold(text: str) -> str:
    """Case- and accent-fold text so that spelling variants of a name compare equal."""
    if text.isascii():  # nothing to decompose: most news text, at once
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """Folded words, with hyphenated and apostrophe forms split into parts ("Ann's" -> "ann")."""
    out: list[str] = []
    text = _UNITED_STATES.sub(" USA ", text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", "") + " ", text)
    for match in _WORD.finditer(fold(text)):
        word = match.group()
        if "'" in word or "’" in word:
            word = re.split(r"['’]", word, maxsplit=1)[0]
        out.append(word)
    return out


def tokenize(text: str) -> list[str]:
    """Index terms of a text: folded, stopwords removed, stemmed."""
    return [_stem(w) for w in words(text) if w not in STOPWORDS]


def content_keys(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content words (not stopwords, not in `ignore`, three letters or more) stemmed and cut to
    five letters, so that two wordings of one thing meet: "recognized" and "recognition"."""
    return frozenset(_stem(w)[:5] for w in words(text)
                     if len(w) >= 3 and w.isalpha() and w not in STOPWORDS and w not in ignore)


def words_around(text: str, start: int, end: int, width: int) -> str:
    """The `width` words either side of text[start:end]: in a sentence that names several
    things, the words next to a phrase say what it is about."""
    return " ".join([*text[:start].split()[-width:], *text[end:].split()[:width]])


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Overlap of two term sets: how alike two sentences are, word for word."""
    return len(a & b) / len(a | b) if a and b else 0.0
