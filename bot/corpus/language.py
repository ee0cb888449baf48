"""Which language an article, and each of its passages, is written in.

The language decides how a passage is tokenized (bot/text.py), which date words and quotation
cues are read in it (bot/extract/), and is shown in /sources. It is detected with py3langid
(langid.py's model, shipped inside the package: nothing is downloaded); `language:` in
sources.yaml overrides the detection for a whole article. An article that mixes languages (an
English story quoting a Spanish paragraph) keeps its own language, and each passage that is
clearly in another one gets that one.
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
    so once per process, and only when a text is first classified)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the text's language and its probability; ("", 0) for no text."""
    if not text.strip():
        return "", 0.0
    language, probability = _identifier().classify(text)
    return str(language), float(probability)


def normalized(code: str) -> str:
    """'es', 'ES' or 'es-419' as 'es': what sources.yaml and Telegram may give."""
    return code.strip().lower().replace("_", "-").split("-")[0]


def article_language(text: str, given: str = "") -> str:
    """The article's language: `given` (sources.yaml) if any, else the one detected in its
    text (a few English captions do not make a Spanish article English: the text is classified
    as a whole)."""
    return normalized(given) if given else detect(text)[0]


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
