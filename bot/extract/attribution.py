"""How sure a quotation's speaker is, and who speaks when no person does.

Every quotation's speaker is found one way or another (a verb of saying with a name next to
it; a pronoun or role noun resolved to a person named earlier; an organisation or unnamed
source; the previous speaker going on). Those ways are not equally reliable, and a wrong
speaker is worse for a reader than "speaker not stated". So each way is described by a few
features, and a small logistic model (weights in speaker_weights.py, fitted on PolNeAR train's
tuning part by eval/fit_speaker_confidence.py) turns them into the chance that the speaker is
right; below `MIN_CONFIDENCE` the quotation is shown without a speaker.

Organisations and unnamed sources speak too ("the ministry said in a statement", "a senior
official said"): the phrase in the subject's place is the speaker, verbatim.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from bot.extract.people import (
    FUNCTION_WORDS,
    MASK,
    ORGANISATION_WORDS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
)
from bot.extract.speaker_weights import BIAS, MIN_CONFIDENCE, WEIGHTS

EVIDENCE = ("cue+name", "cue+pronoun", "cue+role", "cue+source", "subject", "continuation",
            "interview", "none")

# Heads of a phrase that can be a source without naming a person: "the ministry said", "a
# senior official said", "the statement says". Plurals are these with "s".
SOURCE_NOUNS = ROLE_WORDS | frozenset(
    """official ministry statement campaign source report release letter email memo ad
    government embassy agency committee police authorities representative analyst observer
    critic supporter organizer protester resident voter diplomat document post tweet filing
    complaint study survey poll website spokespeople group council department office
    administration team party people person woman man friend member account note video
    message announcement transcript""".split()
)
_DETERMINERS = frozenset(
    "the a an one two three four five several some many other another its their his her our"
    " most few both".split()
)
_MODIFIERS = ROLE_MODIFIERS | frozenset(
    """joint official unnamed anonymous senior top local federal regional written brief new
    previous earlier separate longtime close""".split()
)
# Adverbs and auxiliaries that may stand between a subject and its verb: "Roe also said".
_BETWEEN = re.compile(r"(?:\s+(?:also|later|then|has|have|had|previously|recently|again|"
                      r"further|once|simply|repeatedly|publicly|would|will|did|does|do))*\s*$")
_WORD = re.compile(r"[\w.&'’-]+")


@dataclass(slots=True)
class Evidence:
    """How a speaker was found, as features for the confidence model."""

    kind: str
    features: dict[str, float] = field(default_factory=dict)


def confidence(evidence: Evidence) -> float:
    """The chance, under the fitted model, that a speaker found this way is right."""
    score = BIAS + WEIGHTS.get(f"evidence={evidence.kind}", 0.0)
    for name, value in evidence.features.items():
        score += WEIGHTS.get(name, 0.0) * value
    return 1 / (1 + math.exp(-score))


def confident(value: float) -> bool:
    return value >= MIN_CONFIDENCE


def _head(word: str) -> str:
    """A source noun's singular: "officials" -> "official"."""
    lower = word.lower()
    return lower[:-1] if lower.endswith("s") and lower[:-1] in SOURCE_NOUNS else lower


def _is_source_head(word: str) -> bool:
    bare = word.strip(".")
    if len(bare) >= 2 and bare.replace(".", "").isupper() and bare.isalpha():
        return True  # an acronym: "CSIS stated"
    if word[:1].isupper():
        return word in ORGANISATION_WORDS
    return _head(word) in SOURCE_NOUNS


def _is_modifier(word: str) -> bool:
    if word in FUNCTION_WORDS:
        return False
    return word[:1].isupper() or word.lower() in _MODIFIERS or _head(word) in SOURCE_NOUNS


def source_before(masked: str, cue_start: int, limit: int) -> tuple[int, int] | None:
    """The source phrase right before a verb of saying: "the White House said"."""
    gap = _BETWEEN.search(masked, max(limit, cue_start - 60), cue_start)
    end = gap.start() if gap is not None else cue_start
    words = list(_WORD.finditer(masked, max(limit, end - 90), end))
    if not words or words[-1].end() != end or not _is_source_head(words[-1].group()):
        return None
    first = len(words) - 1
    while first > 0 and len(words) - first < 6:
        previous = words[first - 1]
        if masked[previous.end():words[first].start()] != " ":
            break
        word = previous.group()
        if word.lower() in _DETERMINERS:
            first -= 1
            break
        if not _is_modifier(word):
            break
        first -= 1
    return words[first].start(), words[-1].end()


def source_after(masked: str, cue_end: int, limit: int) -> tuple[int, int] | None:
    """The source phrase right after a verb or "according to": "said a senior official"."""
    words = list(_WORD.finditer(masked, cue_end, min(limit, cue_end + 90)))
    if not words or masked[cue_end:words[0].start()].strip():
        return None
    chosen: tuple[int, int] | None = None
    for index, match in enumerate(words[:6]):
        if index and masked[words[index - 1].end():match.start()] != " ":
            break
        word = match.group()
        if index == 0 and word.lower() in _DETERMINERS:
            continue
        if _is_source_head(word):
            chosen = (words[0].start(), match.end())
            following = words[index + 1].group() if index + 1 < len(words) else ""
            if not (following[:1].isupper() or _head(following) in SOURCE_NOUNS):
                break
        elif not _is_modifier(word):
            break
    return chosen


def source_text(masked: str, span: tuple[int, int]) -> str:
    """The source phrase as the reader will see it: "the White House", "a senior official"."""
    words = masked[span[0]:span[1]].replace(MASK, "").split()
    if words and words[0] in ("The", "A", "An"):
        words[0] = words[0].lower()
    return " ".join(words)
