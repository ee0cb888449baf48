"""Which language an article, and each of its passages, is written in.

The language decides how a passage is tokenized (bot/text.py), which date words and quotation
cues are read in it (bot/extract/), and is shown in /sources. It is detected with py3langid
(langid.py's model, shipped inside the package: nothing is downloaded); `language:` in
sources.yaml overrides the detection for a whole article, and a web page's own word for its
language (`<html lang="es">`) is taken where the text alone says little. An article that mixes
languages (an English story quoting a Spanish paragraph) keeps its own language, and each passage
that is clearly in another one gets that one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot.models import Document

# Below this, a passage's language is taken from its article: a name or a short line says little.
PASSAGE_MIN_CHARS = 80
# The share of the probability a passage's language must reach to differ from its article's.
PASSAGE_CONFIDENCE = 0.95


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier with probabilities normalized (loading its model takes a second,
    so once per process, and only when a text is first classified), scored with numpy."""
    from bot.corpus.language_model import FastIdentifier

    return FastIdentifier.load()


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the text's language and its probability; ("", 0) for no text."""
    if not text.strip():
        return "", 0.0
    language, probability = _identifier().classify(text)
    return str(language), float(probability)


def normalized(code: str) -> str:
    """'es', 'ES' or 'es-419' as 'es': what sources.yaml and Telegram may give."""
    return code.strip().lower().replace("_", "-").split("-")[0]


def article_language(paragraphs: list[str], given: str = "", declared: str = "") -> str:
    """The article's language: `given` (sources.yaml) if any, else the one most of its text is
    in, each paragraph detected and counted by its length and how sure the detection is (a few
    English captions do not make a Spanish article English, nor one Spanish paragraph an English
    article Spanish). A page's `declared` language (its `lang` attribute) wins over a detection
    that is not clear (a short text: "Díaz-Canel recibe a Wang Yi" reads as Extremaduran), and
    loses to a clear one (site templates keep their default `lang` on pages in other
    languages)."""
    if given:
        return normalized(given)
    if declared and detect("\n".join(paragraphs))[1] < PASSAGE_CONFIDENCE:
        return normalized(declared)
    votes: dict[str, float] = {}  # characters, weighted by how sure each detection is
    for paragraph in paragraphs:
        language, probability = detect(paragraph)
        if language:
            votes[language] = votes.get(language, 0.0) + len(paragraph) * probability
    return max(votes, key=votes.__getitem__) if votes else ""


def set_passage_languages(document: Document, given: str = "") -> None:
    """Each passage's language: the article's, unless the passage is long enough and confidently
    in another one (an English article quoting a Spanish paragraph). `given` applies to all."""
    for passage in document.passages:
        passage.language = document.language
        if given or len(passage.text) < PASSAGE_MIN_CHARS:
            continue
        language, probability = detect(passage.text)
        if language and probability >= PASSAGE_CONFIDENCE:
            passage.language = language
