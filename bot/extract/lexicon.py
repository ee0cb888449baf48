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


# Verbs of saying, each with its inflections. The list is what PolNeAR's annotators marked as
# the cue of a direct quotation in its train articles (tuning part), less the verbs that also
# report non-speech ("showed", "found"), plus their other forms.
_SAYING = {  # base: its other forms where irregular, else "" for base+s / base+ed / base+ing
    "say": "said, says, saying", "tell": "told, tells, telling", "write": "wrote, writes, writing",
    "add": "", "note": "", "state": "", "emphasize": "", "emphasise": "", "highlight": "",
    "assure": "", "affirm": "", "reaffirm": "", "declare": "", "explain": "", "describe": "",
    "reiterate": "", "express": "", "stress": "", "insist": "", "remark": "", "comment": "",
    "warn": "", "announce": "", "urge": "", "underscore": "", "underline": "", "assert": "",
    "argue": "", "claim": "", "recall": "", "continue": "", "ask": "", "reply": "",
    "answer": "", "point out": "pointed out, points out, pointing out", "hail": "", "pledge": "",
    "vow": "", "praise": "", "promise": "", "tweet": "", "post": "", "respond": "",
    "conclude": "", "criticize": "", "criticise": "", "admit": "admitted, admitting",
    "acknowledge": "", "concede": "", "counter": "", "complain": "", "predict": "",
    "lament": "", "boast": "", "elaborate": "", "retort": "", "caution": "", "charge": "",
    "shout": "", "yell": "", "chant": "", "exclaim": "", "joke": "", "quip": "quipped, quipping",
    "observe": "", "muse": "", "wonder": "", "recount": "", "testify": "testified, testifies",
    "confirm": "", "deny": "denied, denies", "proclaim": "", "scoff": "", "snap": "snapped",
    "shoot back": "shot back, shoots back", "go on": "went on, goes on", "read": "reads",
    "email": "", "text": "", "retweet": "",
}


# Bases that are nouns as often as verbs ("a tweet", "the state"): only their other forms cue.
_NOUNS_TOO = word_set("""post text email counter charge state note answer comment joke tweet claim
    promise pledge vow praise chant shout boast lament quip retort read snap scoff muse hail
    highlight stress express caution retweet""")


def _forms(base: str, irregular: str) -> list[str]:
    """The base form (unless also a noun), the past, the third person and the -ing form."""
    forms = _cue_forms(base, irregular)
    return forms[1:] if base in _NOUNS_TOO else forms


def _cue_forms(base: str, irregular: str) -> list[str]:
    if irregular:
        return [base, *irregular.split(", ")]
    stem = base[:-1] if base.endswith("e") else base
    past = base + "d" if base.endswith("e") else (stem[:-1] + "ied" if base.endswith("y")
                                                  and base[-2] not in "aeiou" else base + "ed")
    third = base[:-1] + "ies" if past.endswith("ied") else base + ("es" if base.endswith(
        ("s", "sh", "ch", "x")) else "s")
    return [base, past, third, stem + "ing"]


# Spanish: the verbs of saying of Spanish news, in the third person of the preterite, present
# and imperfect (the tenses of reported speech), singular and plural.
_SAYING_ES = word_set("""dijo dijeron dice dicen decía afirmó afirmaron afirma afirman señaló
    señalaron señala señalan aseguró aseguraron asegura aseguran subrayó subrayaron subraya
    destacó destacaron destaca expresó expresaron expresa manifestó manifestaron manifiesta
    indicó indicaron indica declaró declararon declara informó informaron informa precisó
    precisa advirtió advirtieron advierte añadió añadieron añade agregó agregaron agrega
    explicó explicaron explica sostuvo sostiene recalcó recalca enfatizó enfatiza apuntó
    apunta comentó comenta reiteró reitera insistió insiste escribió escribieron escribe
    denunció denuncia criticó critica respondió responde preguntó pregunta concluyó concluye
    admitió admite reconoció reconoce anunció anunció anuncia remarcó resaltó resalta
    puntualizó opinó opina calificó califica expuso aclaró aclara mencionó menciona
    sentenció exclamó relató relata contó cuenta valoró valora""")
# The singular ones (the plurals end in -n): Spanish leaves out a subject the reader knows
# ("«...», afirmó."), and a singular verb's is one person.
SAYING_ES_SINGULAR = frozenset(verb for verb in _SAYING_ES if not verb.endswith("n"))
# Spanish puts the subject after the verb as readily as before it: "..., afirmó el canciller".
INVERTIBLE_ES = _SAYING_ES
_CUE_VERBS = "|".join(sorted({re.escape(f).replace(r"\ ", r"\s+") for b, i in _SAYING.items()
                              for f in _forms(b, i)} | set(_SAYING_ES), key=len, reverse=True))
# A speech verb, or "according to" / "in the words of" before a source (and in Spanish, "según",
# "de acuerdo con", "en palabras de").
CUE = re.compile(rf"\b(?:(?P<verb>{_CUE_VERBS})|(?P<according>[Aa]ccording\s+to|[Ii]n\s+the"
                 rf"\s+words\s+of|[Ss]egún|[Dd]e\s+acuerdo\s+con|[Ee]n\s+palabras\s+de))\b")
# Verbs that can precede their subject anywhere: '..., said Ambassador Jane Roe'. Right after
# a quotation any verb of saying can ("'...,' criticized the deputy minister").
INVERTIBLE = word_set(
    "said says added adds noted notes stated explained declared continued asked wrote"
) | INVERTIBLE_ES
