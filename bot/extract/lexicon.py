"""Word lists that more than one extractor reads: the calendar's words and speech cues.

Month and weekday names are dates to dates.py, not content to events.py, and never a person's
name to people.py. Speech cues serve both the person model (a lone capitalised word right
before "said" is a person) and attribution (the person next to the cue is the speaker).
"""

from __future__ import annotations

import re

from dateutil.parser import parserinfo

# English month and weekday names, from dateutil's vocabulary (the one that parses the dates).
MONTHS = tuple(names[-1] for names in parserinfo.MONTHS)  # "January" ... "December"
MONTH_ABBREVIATIONS = tuple(  # "Jan", "Sep", "Sept", ...: May has none
    name for names in parserinfo.MONTHS for name in names[:-1] if name not in MONTHS)
WEEKDAYS = tuple(names[-1] for names in parserinfo.WEEKDAYS)  # "Monday" ... "Sunday"


def word_set(spaced: str) -> frozenset[str]:
    """A word list written as words separated by white space."""
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
# A speech verb, or "according to" / "in the words of" before a source.
CUE = re.compile(rf"\b(?:(?P<verb>{_CUE_VERBS})|(?P<according>[Aa]ccording\s+to|[Ii]n\s+the"
                 rf"\s+words\s+of))\b")
# Verbs that can precede their subject: '..., said Ambassador Jane Roe'.
INVERTIBLE = word_set(
    "said says added adds noted notes stated explained declared continued asked wrote"
)
