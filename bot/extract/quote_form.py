"""Whether quoted words stand alone as someone's quotation or are a part of the writer's sentence.

"“We will win,” she said" quotes a speaker; "she said the plan “will pay for itself”" and
"a tribute to “the consummate skills of her husband”" are the writer's sentences holding a few
of someone's words. The first is shown as a quotation; the second only makes sense inside its
sentence, and is shown that way (a "fragment"). What tells them apart is the shape around the
marks: does the quotation open its sentence or follow a verb of saying and a colon or comma, or
does a plain word ("that", "as", "a") lead into it; does it start with a capital, end with its
own punctuation, and does the sentence go on in lower case after it. A small logistic model
(weights in quote_form_weights.py, fitted on PolNeAR train's tuning part by
eval/fit_quote_form.py) weighs these; its features read the text with quoted spans masked, so
they hold for any quotation marks and any verbs of saying that lexicon.CUE knows.
"""

from __future__ import annotations

import math
import re

from bot.extract.lexicon import CUE
from bot.extract.people import MASK
from bot.extract.quote_form_weights import BIAS, MIN_CHANCE, WEIGHTS
from bot.models import Sentence

_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_][\w’'-]*")
_DASHES = "—–-"
_DATELINE = re.compile(r"[A-Z][^\W\d_]*(?:[ ,.]+[A-Z][^\W\d_]*)*\.?(?: \([^()]*\))? ?[—–-]+")


def features(text: str, masked: str, sentence: Sentence, start: int, end: int) -> dict[str, float]:
    """What the words around a quotation say about its form (text[start:end], no marks)."""
    before = masked[sentence.start:start].replace(MASK, "").rstrip()
    if _DATELINE.fullmatch(before):  # "LISBON (Reuters) -": the sentence opens after it
        before = ""
    after = masked[end:sentence.end].replace(MASK, "").strip()
    words = _WORDS.findall(before)
    last = before[-1:]
    inner = text[start:end]
    size = len(inner.split())
    lead = " ".join(words[-2:])
    cue_before = bool(words) and (CUE.fullmatch(words[-1]) is not None or (
        last in ":," and CUE.search(lead) is not None))
    cue_after = CUE.match(after.lstrip(" ,")) is not None or CUE.search(
        after.split(",")[0][:40]) is not None
    return {
        "opens_sentence": float(_LETTERS.search(before) is None),
        "after_colon": float(last == ":"),
        "after_comma": float(last == ","),
        "after_dash": float(bool(last) and last in _DASHES),
        "after_that": float(bool(words) and words[-1].lower() == "that"),
        "after_cue_that": float(len(words) > 1 and words[-1].lower() == "that"
                                and CUE.fullmatch(words[-2]) is not None),
        "capital_after_that": float(bool(words) and words[-1].lower() == "that"
                                    and inner[:1].isupper()),
        "after_cue": float(cue_before),
        "after_word": float(last.isalnum()),
        "capital": float(inner[:1].isupper()),
        "lower": float(inner[:1].islower()),
        "own_punctuation": float(inner[-1:] in ",.?!…"),
        "ends_comma": float(inner[-1:] == ","),
        "ends_sentence": float(_LETTERS.search(after) is None),
        "cue_after": float(cue_after),
        "lower_after": float(not cue_after and after.lstrip(" ,;:")[:1].islower()),
        "log_words": math.log(max(size, 1)),
        "short": float(size < 4),
        "sentences_inside": float(re.search(r"[.?!] [A-Z]", inner) is not None),
    }


def chance_standalone(values: dict[str, float]) -> float:
    """The chance, under the fitted model, that the quoted words stand alone as a quotation."""
    score = BIAS + sum(WEIGHTS.get(name, 0.0) * value for name, value in values.items())
    return 1 / (1 + math.exp(-score))


def stands_alone(text: str, masked: str, sentence: Sentence, start: int, end: int) -> bool:
    """Whether text[start:end] is a quotation of its own rather than words in the writer's
    sentence."""
    return chance_standalone(features(text, masked, sentence, start, end)) >= MIN_CHANCE
